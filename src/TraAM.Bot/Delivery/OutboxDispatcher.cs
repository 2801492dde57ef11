using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TraAM.Bot.Data;
using TraAM.Bot.Hosting;
using TraAM.Bot.Protocol.Authentication;

namespace TraAM.Bot.Delivery;

/// <summary>What one drain run did, for logs, tests and the benchmark.</summary>
public sealed record DrainReport(int Claimed, int Sent, int Retried, int Failed, int Unconfirmed, int Cancelled)
{
    /// <summary>The run stopped because its time was up, not because the outbox was empty: another run should follow.</summary>
    public bool BudgetSpent { get; init; }
}

/// <summary>
/// Takes due notifications out of the outbox and hands them to <see cref="NotificationSender"/>. Several runs (on one
/// instance or many) share the work without overlap: a batch is claimed with a lease (SKIP LOCKED on PostgreSQL),
/// and a notification is marked "sending" only by the claim that holds it, so no two workers ever post the same one.
/// </summary>
public sealed partial class OutboxDispatcher(
    IDbContextFactory<TraamDbContext> contexts,
    NotificationSender sender,
    IAppTokenProvider tokens,
    TimeProvider clock,
    IOptions<DeliveryOptions> options,
    ILogger<OutboxDispatcher> logger)
{
    /// <summary>Sends what is due now, until nothing is due (tests, after a fake clock moved) or the budget is spent.</summary>
    public async Task<DrainReport> DrainAsync(bool waitForLater, CancellationToken ct)
    {
        var o = options.Value;
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var recovered = await RecoverInDoubtAsync(ct);
        if (recovered > 0) BotMetrics.Outcome(NotificationOutcome.Unconfirmed, recovered);
        // A pipeline, not batches: workers never wait for the slowest of a batch, so Teams' pace is kept all along.
        // The queue is short (a second of sending at most), far below the lease.
        var queue = Channel.CreateBounded<(long Id, string Claim)>(new BoundedChannelOptions(o.Concurrency * 2) { SingleWriter = true });
        var tally = new int[Enum.GetValues<NotificationOutcome>().Length];
        var inFlight = 0;
        var workers = Enumerable.Range(0, o.Concurrency).Select(_ => Task.Run(async () =>
        {
            await foreach (var (id, claim) in queue.Reader.ReadAllAsync(CancellationToken.None))
            {
                try
                {
                    var outcome = await sender.SendAsync(id, claim, ct);
                    Interlocked.Increment(ref tally[(int)outcome]);
                    BotMetrics.Outcome(outcome);
                }
                catch (Exception ex)
                {
                    // Whatever went wrong with this one (stopping, the database failing mid-way, a bug), the worker
                    // goes on with the next: a dead worker would leave the queue full and the run, and its drain
                    // gate, stuck for ever. The row keeps its state and its lease; a later run takes it again (a row
                    // already "sending" becomes unconfirmed, never sent twice). Only the type is logged: an
                    // exception's message may quote a token endpoint's or Teams' answer.
                    if (!ct.IsCancellationRequested) LogWorkerFailed(logger, id, ex.GetType().Name);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }
        }, CancellationToken.None)).ToList();

        var claimed = 0;
        try
        {
            while (!ct.IsCancellationRequested && stopwatch.Elapsed < o.DrainBudget)
            {
                // Without a token nothing can be sent: claim nothing, so that no row is ever marked "sending" for a
                // call that cannot start; every row stays pending for the next run.
                if (!await TokenReadyAsync(ct)) break;
                var claim = Guid.NewGuid().ToString("N");
                var batch = await ClaimAsync(claim, o.Concurrency, ct);
                if (batch.Count == 0)
                {
                    // What is in flight may come back due at once (a stale chat re-created): look again after it.
                    if (Volatile.Read(ref inFlight) > 0)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
                        continue;
                    }

                    if (!waitForLater) break;
                    var next = await NextDueInAsync(ct);
                    if (next is not { } wait || stopwatch.Elapsed + wait > o.DrainBudget) break;
                    await Task.Delay(wait < TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1), ct);
                    continue;
                }

                claimed += batch.Count;
                foreach (var id in batch)
                {
                    Interlocked.Increment(ref inFlight);
                    await queue.Writer.WriteAsync((id, claim), ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: what is queued is still claimed; its lease runs out and another run takes it.
        }
        finally
        {
            queue.Writer.Complete();
            await Task.WhenAll(workers);
        }

        var total = new DrainReport(claimed, tally[(int)NotificationOutcome.Sent], tally[(int)NotificationOutcome.Retry], tally[(int)NotificationOutcome.Failed],
            tally[(int)NotificationOutcome.Unconfirmed] + recovered, tally[(int)NotificationOutcome.Cancelled])
        {
            BudgetSpent = !ct.IsCancellationRequested && stopwatch.Elapsed >= o.DrainBudget,
        };
        if (total.Claimed > 0) LogDrained(logger, total.Claimed, total.Sent, total.Retried, total.Failed, total.Unconfirmed, total.Cancelled);
        return total;
    }

    private async Task<bool> TokenReadyAsync(CancellationToken ct)
    {
        try
        {
            await tokens.GetTokenAsync(ct); // cached: a real request only every hour or so
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogNoToken(logger, ex.GetType().Name);
            return false;
        }
    }

    private async Task<List<long>> ClaimAsync(string claim, int size, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var entity = db.Model.FindEntityType(typeof(Notification))!;
        var table = entity.GetTableName();
        var now = clock.GetUtcNow();
        var skipLocked = db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : ""; // SQLite has one writer at a time anyway
        var sql = $$"""
            UPDATE "{{table}}" SET "LeaseOwner" = {0}, "LeaseUntil" = {1}
            WHERE "Id" IN (
                SELECT "Id" FROM "{{table}}"
                WHERE "State" = {2} AND "NextAttemptAt" <= {3} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {3})
                ORDER BY "NextAttemptAt" LIMIT {{size}} {{skipLocked}})
            """;
#pragma warning disable EF1002 // table name from our model, size an int; values are parameters
        var claimed = await db.Database.ExecuteSqlRawAsync(sql,
            [claim, entity.ToProvider(nameof(Notification.LeaseUntil), now + options.Value.Lease), entity.ToProvider(nameof(Notification.State), NotificationState.Pending),
                entity.ToProvider(nameof(Notification.NextAttemptAt), now)], ct);
#pragma warning restore EF1002
        if (claimed == 0) return [];
        return await db.Set<Notification>().Where(n => n.LeaseOwner == claim).OrderBy(n => n.NextAttemptAt).Select(n => n.Id).ToListAsync(ct);
    }

    /// <summary>Rows left "sending" by a worker that died mid-call: Teams may have posted them; never post twice.</summary>
    private async Task<int> RecoverInDoubtAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var cutoff = clock.GetUtcNow() - options.Value.InDoubtAfter;
        var count = await db.Set<Notification>()
            .Where(n => n.State == NotificationState.Sending && n.SendingSince < cutoff)
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.State, NotificationState.Unconfirmed)
                .SetProperty(n => n.FailureReason, "envoi interrompu (arrêt brutal pendant l'appel à Teams) : peut-être reçu, non renvoyé"), ct);
        if (count > 0) LogInDoubt(logger, count);
        return count;
    }

    private async Task<TimeSpan?> NextDueInAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var next = await db.Set<Notification>()
            .Where(n => n.State == NotificationState.Pending)
            .OrderBy(n => n.NextAttemptAt)
            .Select(n => (DateTimeOffset?)n.NextAttemptAt)
            .FirstOrDefaultAsync(ct);
        if (next is null) return null;
        // Due already but not claimable: another worker holds it, or its lease has yet to expire; look again shortly.
        return next <= now ? TimeSpan.FromMilliseconds(250) : next - now;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: {Claimed} claimed, {Sent} sent, {Retried} to retry, {Failed} failed, {Unconfirmed} unconfirmed, {Cancelled} cancelled")]
    private static partial void LogDrained(ILogger logger, int claimed, int sent, int retried, int failed, int unconfirmed, int cancelled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: notification {Id} not processed ({Error}); left for a later run")]
    private static partial void LogWorkerFailed(ILogger logger, long id, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox: the bot's token is unavailable ({Error}); nothing sent, the next run tries again. Check Bot__MicrosoftAppPassword and the token endpoint")]
    private static partial void LogNoToken(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: {Count} notifications were cut off mid-send and are now unconfirmed (not re-sent)")]
    private static partial void LogInDoubt(ILogger logger, int count);
}
