using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Data;

/// <summary>
/// Deduplication through the database's primary key: of two arrivals of one activity (even on two instances),
/// exactly one insert succeeds. The loser gets the winner's invoke answer when it is already known.
/// </summary>
internal sealed class DatabaseActivityDeduplicator(IDbContextFactory<TraamDbContext> contexts, TimeProvider clock) : IActivityDeduplicator
{
    public async Task<DeduplicationTicket> BeginAsync(Activity activity, CancellationToken cancellationToken)
    {
        var key = DeduplicationTicket.KeyOf(activity);
        if (key is null) return new DeduplicationTicket("", true);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ProcessedActivities.Add(new ProcessedActivity { Key = key, ReceivedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new DeduplicationTicket(key, true);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var existing = await db.ProcessedActivities.AsNoTracking().FirstOrDefaultAsync(a => a.Key == key, cancellationToken);
            if (existing is null) throw; // not a duplicate: a real storage failure
            return new DeduplicationTicket(key, false, Restore(existing));
        }
    }

    public async Task CompleteAsync(DeduplicationTicket ticket, InvokeResponse? response, CancellationToken cancellationToken)
    {
        if (ticket.Key.Length == 0) return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var body = response?.Body is { } b ? JsonSerializer.Serialize(b, ProtocolJson.Context.AdaptiveCardInvokeResponse) : null;
        int? status = response?.Status;
        await db.ProcessedActivities.Where(a => a.Key == ticket.Key).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Completed, true)
            .SetProperty(a => a.ResponseStatus, status)
            .SetProperty(a => a.ResponseBody, body), cancellationToken);
    }

    public async Task AbandonAsync(DeduplicationTicket ticket, CancellationToken cancellationToken)
    {
        if (ticket.Key.Length == 0) return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.ProcessedActivities.Where(a => a.Key == ticket.Key).ExecuteDeleteAsync(cancellationToken);
    }

    private static InvokeResponse? Restore(ProcessedActivity a) => a.ResponseStatus is not { } status
        ? null
        : new InvokeResponse(status, a.ResponseBody is null ? null : JsonSerializer.Deserialize(a.ResponseBody, ProtocolJson.Context.AdaptiveCardInvokeResponse));
}

/// <summary>Daily: forget processed activities older than a day (Teams retries within minutes, not days).</summary>
internal sealed class PurgeProcessedActivitiesJob(TraamDbContext db, TimeProvider clock)
{
    public const string Id = "protocol:purge-processed-activities";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddDays(-1);
        await db.ProcessedActivities.Where(a => a.ReceivedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
