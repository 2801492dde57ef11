using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Data;

/// <summary>
/// Deduplication through the database's primary key: of two arrivals of one activity (even on two instances),
/// exactly one insert succeeds. The loser gets the winner's invoke answer when it is already known.
/// One statement per turn on the hot path: INSERT … ON CONFLICT DO NOTHING (both providers) says first or duplicate
/// by its row count, without an exception; the answer is written afterwards only for invokes, the only activities
/// whose retry must get it back. On the embedded SQLite file (one writer at a time) this process's inserts queue
/// here instead of colliding on SQLite's lock, and run on one connection of their own whose statement is prepared once
/// (<see cref="PreparedSqliteInsert"/>).
/// </summary>
internal sealed class DatabaseActivityDeduplicator(IDbContextFactory<TraamDbContext> contexts, TimeProvider clock) : IActivityDeduplicator, IDisposable
{
    private readonly SemaphoreSlim _sqliteWriter = new(1, 1);
    private readonly PreparedSqliteInsert _sqliteInsert = new();

    public void Dispose()
    {
        _sqliteInsert.Dispose();
        _sqliteWriter.Dispose();
    }

    public async Task<DeduplicationTicket> BeginAsync(Activity activity, CancellationToken cancellationToken)
    {
        var key = DeduplicationTicket.KeyOf(activity);
        if (key is null) return new DeduplicationTicket("", true);
        var insert = _insert ??= await InsertPlanAsync(cancellationToken);
        var at = insert.ReceivedAt(clock.GetUtcNow());
        if (insert.Sqlite && await InsertOnSqliteAsync(insert, key, at, cancellationToken)) return new DeduplicationTicket(key, true);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
#pragma warning disable EF1002 // the table name comes from our model; the values are parameters
        if (!insert.Sqlite && await db.Database.ExecuteSqlRawAsync(insert.Sql, [key, at, false], cancellationToken) == 1) return new DeduplicationTicket(key, true);
#pragma warning restore EF1002
        var existing = await db.ProcessedActivities.AsNoTracking().FirstOrDefaultAsync(a => a.Key == key, cancellationToken);
        return new DeduplicationTicket(key, false, existing is null ? null : Restore(existing));
    }

    /// <summary>What the insert needs from the model and the provider, read once: they never change while we run.</summary>
    private sealed record InsertPlan(bool Sqlite, string ConnectionString, string Sql, Func<DateTimeOffset, object> ReceivedAt);

    private InsertPlan? _insert;

    private async Task<InsertPlan> InsertPlanAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var entity = db.Model.FindEntityType(typeof(ProcessedActivity))!;
        var sqlite = db.Database.IsSqlite();
        var sql = "INSERT INTO \"" + entity.GetTableName() + "\" (\"Key\", \"ReceivedAt\", \"Completed\") VALUES ({0}, {1}, {2}) ON CONFLICT (\"Key\") DO NOTHING";
        return new InsertPlan(sqlite, db.Database.GetConnectionString() ?? "",
            sqlite ? string.Format(CultureInfo.InvariantCulture, sql, "$key", "$at", "0") : sql,
            at => entity.ToProvider(nameof(ProcessedActivity.ReceivedAt), at));
    }

    private async Task<bool> InsertOnSqliteAsync(InsertPlan insert, string key, object at, CancellationToken ct)
    {
        await _sqliteWriter.WaitAsync(ct);
        try
        {
            return await _sqliteInsert.RunAsync(insert.ConnectionString, insert.Sql, key, at, ct) == 1;
        }
        finally
        {
            _sqliteWriter.Release();
        }
    }

    public async Task CompleteAsync(DeduplicationTicket ticket, InvokeResponse? response, CancellationToken cancellationToken)
    {
        // Only an invoke's answer is replayed to a retry; a message's retry gets 200 anyway, and its row already exists.
        if (ticket.Key.Length == 0 || response is null) return;
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
