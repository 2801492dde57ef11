using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;

namespace TraAM.Bot.Delivery;

public enum NotificationOutcome { Sent, Retry, Failed, Unconfirmed, Cancelled, Skipped }

/// <summary>
/// The state changes of a claimed notification. Each is conditional: on the claim while the row is pending, so a
/// worker whose lease ran out cannot touch a row another took; on "sending" once the call to Teams has started.
/// </summary>
internal sealed class NotificationStates(TimeProvider clock)
{
    /// <summary>Pending again, after <paramref name="after"/>, before anything was sent.</summary>
    public Task<NotificationOutcome> RetryAsync(TraamDbContext db, Notification n, string claim, TimeSpan after, string reason, CancellationToken ct) =>
        Update(db.Set<Notification>().Where(x => x.Id == n.Id && x.LeaseOwner == claim && x.State == NotificationState.Pending), after, reason, ct);

    /// <summary>Pending again after a call Teams did not process (nothing was posted).</summary>
    public Task<NotificationOutcome> BackToQueueAsync(TraamDbContext db, Notification n, TimeSpan after, string reason, CancellationToken ct) =>
        Update(db.Set<Notification>().Where(x => x.Id == n.Id && x.State == NotificationState.Sending), after, reason, ct);

    /// <summary>Counted as an attempt although nothing was posted (a chat Teams would not create yet).</summary>
    public static Task CountAttemptAsync(TraamDbContext db, Notification n, string claim, CancellationToken ct) =>
        db.Set<Notification>().Where(x => x.Id == n.Id && x.LeaseOwner == claim).ExecuteUpdateAsync(s => s.SetProperty(x => x.Attempts, x => x.Attempts + 1), ct);

    public async Task<NotificationOutcome> SentAsync(TraamDbContext db, Notification n, string? activityId)
    {
        await db.Set<Notification>().Where(x => x.Id == n.Id && x.State == NotificationState.Sending).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.State, NotificationState.Sent)
            .SetProperty(x => x.SentAt, clock.GetUtcNow())
            .SetProperty(x => x.ActivityId, activityId)
            .SetProperty(x => x.ShownRevision, n.Revision) // what was rendered; a change meanwhile is caught up by CardCopiesJob
            .SetProperty(x => x.LeaseOwner, (string?)null), CancellationToken.None);
        return NotificationOutcome.Sent;
    }

    /// <summary>Never sent (cancelled or failed) before any call to Teams.</summary>
    public static async Task<NotificationOutcome> FinishAsync(TraamDbContext db, Notification n, string claim, NotificationState state, string reason, CancellationToken ct)
    {
        await db.Set<Notification>().Where(x => x.Id == n.Id && x.LeaseOwner == claim && x.State == NotificationState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, state).SetProperty(x => x.FailureReason, reason).SetProperty(x => x.LeaseOwner, (string?)null), ct);
        return state == NotificationState.Cancelled ? NotificationOutcome.Cancelled : NotificationOutcome.Failed;
    }

    /// <summary>Failed or unconfirmed after the call to Teams: recorded even when the job is stopping.</summary>
    public static async Task<NotificationOutcome> EndSendingAsync(TraamDbContext db, Notification n, NotificationState state, string reason, NotificationOutcome outcome)
    {
        await db.Set<Notification>().Where(x => x.Id == n.Id && x.State == NotificationState.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, state).SetProperty(x => x.FailureReason, reason).SetProperty(x => x.LeaseOwner, (string?)null), CancellationToken.None);
        return outcome;
    }

    private async Task<NotificationOutcome> Update(IQueryable<Notification> row, TimeSpan after, string reason, CancellationToken ct)
    {
        var next = clock.GetUtcNow() + after;
        await row.ExecuteUpdateAsync(s => s
            .SetProperty(x => x.State, NotificationState.Pending)
            .SetProperty(x => x.NextAttemptAt, next)
            .SetProperty(x => x.FailureReason, reason)
            .SetProperty(x => x.LeaseOwner, (string?)null)
            .SetProperty(x => x.LeaseUntil, (DateTimeOffset?)null), ct);
        return NotificationOutcome.Retry;
    }
}
