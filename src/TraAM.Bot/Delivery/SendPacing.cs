using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TraAM.Bot.Conversations;
using TraAM.Bot.Data;
using TraAM.Bot.Hosting;

namespace TraAM.Bot.Delivery;

/// <summary>
/// Keeps every send within Teams' limits: waits for the conversation's and the tenant's slots in the shared
/// <see cref="RateLimiter"/>, and marks a notification "sending" only while its slot is still on time.
/// </summary>
internal sealed class SendPacing(RateLimiter limiter, IOptions<DeliveryOptions> options, TimeProvider clock)
{
    /// <summary>Waits for this conversation's and the tenant's next slots; null when the conversation's is too far off.</summary>
    public async Task<long?> WaitForSlotAsync(TraamDbContext db, ConversationRecord record, CancellationToken ct)
    {
        var max = options.Value.MaxInlineWait;
        var conversationWait = await limiter.ReserveAsync(db, [.. TeamsLimits.Conversation.Select(r => (ConversationKey(record, r), r))], ct);
        if (conversationWait > max) return null;
        var (slot, tenantWait) = await TenantSlotAsync(db, record.TenantId, ct);
        BotMetrics.Waited(conversationWait, "conversation");
        BotMetrics.Waited(tenantWait, "tenant");
        var wait = conversationWait > tenantWait ? conversationWait : tenantWait;
        if (wait > TimeSpan.Zero) await DelayAsync(wait, ct);
        return slot;
    }

    /// <summary>Waits on the limiter's clock (the wall clock: Teams counts real seconds).</summary>
    public Task DelayAsync(TimeSpan wait, CancellationToken ct) => Task.Delay(wait, limiter.Clock, ct);

    /// <summary>The tenant's next slot (wall-clock ticks) and how long until it.</summary>
    public async Task<(long Slot, TimeSpan Wait)> TenantSlotAsync(TraamDbContext db, string? tenantId, CancellationToken ct)
    {
        var start = limiter.Clock.GetUtcNow().UtcTicks;
        var wait = await limiter.ReserveAsync(db, [(TenantKey(tenantId), Tenant)], ct);
        return (start + wait.Ticks, wait);
    }

    /// <summary>
    /// Marks the notification "sending" — the last write before Teams is called — so that a crash from here on can
    /// never lead to a second send. Teams counts requests when they arrive: one that would leave well after its slot
    /// (a slow write, a busy CPU) could land in the same second as the slots after it, so it goes back to "pending",
    /// takes a fresh slot (the old one is wasted, erring on the safe side) and tries again. Being "sending" only while
    /// on time keeps the window in which a kill leaves a notification unconfirmed to a few milliseconds.
    /// </summary>
    public enum Start { OnTime, LeaseLost, TooLate }

    public async Task<Start> MarkSendingOnTimeAsync(TraamDbContext db, Notification n, string claim, ConversationRecord record, long slot, CancellationToken ct)
    {
        var row = db.Set<Notification>().Where(x => x.Id == n.Id && x.LeaseOwner == claim);
        for (var attempt = 0; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var started = await row.Where(x => x.State == NotificationState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, NotificationState.Sending).SetProperty(x => x.SendingSince, now)
                    .SetProperty(x => x.Attempts, x => x.Attempts + 1), ct);
            if (started == 0) return Start.LeaseLost; // taken over (lease expired) or cancelled meanwhile
            if (limiter.Clock.GetUtcNow().UtcTicks - slot <= MaxLateness.Ticks) return Start.OnTime;

            await row.Where(x => x.State == NotificationState.Sending).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.State, NotificationState.Pending).SetProperty(x => x.Attempts, x => x.Attempts - 1), ct);
            if (attempt == 2) return Start.TooLate; // this machine is too busy to keep time: back to the queue
            (slot, var wait) = await TenantSlotAsync(db, record.TenantId, ct);
            if (wait > TimeSpan.Zero) await DelayAsync(wait, ct);
        }
    }

    /// <summary>
    /// How late after its slot a request may still leave. Slots are 1/(limit × margin) apart, so requests whose
    /// lateness differs by less than (1/margin − 1) s can never put more than the limit into one second
    /// (e.g. 0.96 → 41 ms); beyond that, a fresh slot. The check runs before the request is written and Teams counts
    /// it when it arrives: <see cref="SendAllowance"/> of that budget is kept for the way there (bench/fanout with
    /// Teams-like latencies saw 51 requests in a second when the check used 95 % of the budget).
    /// </summary>
    private TimeSpan MaxLateness => MaxLatenessFor(options.Value.SafetyMargin);

    internal static TimeSpan MaxLatenessFor(double safetyMargin)
    {
        var budget = TimeSpan.FromSeconds(((1 / safetyMargin) - 1) * 0.95);
        return budget - (SendAllowance < budget / 2 ? SendAllowance : budget / 2); // a thin margin (0.99) keeps half
    }

    internal static readonly TimeSpan SendAllowance = TimeSpan.FromMilliseconds(15);

    private RateRule Tenant => TeamsLimits.Tenant(options.Value.EffectiveTenantRate);

    private static string TenantKey(string? tenantId) => $"tenant:{tenantId ?? "-"}";

    private static string ConversationKey(ConversationRecord record, RateRule rule) => $"conv:{rule.Name}:{record.ConversationId}";
}
