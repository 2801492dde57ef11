using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;

namespace TraAM.Bot.Operations;

/// <summary>The figures of the version card, read from the database, the outbox and Hangfire's storage.</summary>
internal sealed class OperationsReport(TraamDbContext db, JobStorage jobs)
{
    public async Task<DatabaseFacts> DatabaseAsync(CancellationToken cancellationToken)
    {
        var provider = db.Database.IsNpgsql() ? "PostgreSQL" : "SQLite";
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        return new DatabaseFacts(provider, applied.LastOrDefault(), pending);
    }

    /// <summary>Every state, zero included, in the enum's order: a missing line would read as "not counted".</summary>
    public async Task<IReadOnlyList<(NotificationState State, int Count)>> OutboxAsync(CancellationToken cancellationToken)
    {
        var counts = await db.Notifications.AsNoTracking().GroupBy(n => n.State)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return [.. Enum.GetValues<NotificationState>().Select(s => (s, counts.GetValueOrDefault(s)))];
    }

    /// <summary>Null when the storage does not answer: the card says so rather than failing.</summary>
    public JobFacts? Jobs()
    {
        try
        {
            var statistics = jobs.GetMonitoringApi().GetStatistics();
            return new JobFacts(jobs.GetType().Name, statistics.Servers, statistics.Enqueued, statistics.Scheduled, statistics.Processing, statistics.Failed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException) // reported on the card, never thrown at the admin
        {
            return null;
        }
    }
}

internal sealed record DatabaseFacts(string Provider, string? LastMigration, int Pending);

internal sealed record JobFacts(string Storage, long Servers, long Enqueued, long Scheduled, long Processing, long Failed);
