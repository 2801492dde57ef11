using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;

namespace TraAM.Bot.Delivery;

/// <summary>A limit as the limiter applies it: one request every <see cref="Interval"/>, up to <see cref="Burst"/> at once.</summary>
public readonly record struct RateRule(string Name, TimeSpan Interval, int Burst)
{
    /// <summary>The most requests this rule lets through in any window of <paramref name="window"/>.</summary>
    public int MaxIn(TimeSpan window) => Burst + (int)Math.Floor((window.Ticks - 1) / (double)Interval.Ticks);
}

/// <summary>
/// Teams' limits (protocol.md §3.1) as GCRA rules whose worst case stays under each published window, even when a
/// request leaves a little after its slot: per tenant a steady pace (no burst), per conversation a burst of 2 then
/// the pace of the tightest window (8 in 2 s, 60 in 30 s, 1,800 in an hour).
/// </summary>
public static class TeamsLimits
{
    public static RateRule Tenant(double requestsPerSecond) =>
        new("tenant", TimeSpan.FromTicks((long)Math.Ceiling(TimeSpan.TicksPerSecond / requestsPerSecond)), 1); // rounded up: never faster

    public static IReadOnlyList<RateRule> Conversation { get; } =
    [
        new("1s", TimeSpan.FromSeconds(1.0 / 3), 2),     // ≤ 5 in 1 s (limit 7), ≤ 8 in 2 s (limit 8)
        new("30s", TimeSpan.FromSeconds(30.0 / 55), 2),  // ≤ 57 in 30 s (limit 60)
        new("1h", TimeSpan.FromSeconds(3600.0 / 1750), 2), // ≤ 1,752 in an hour (limit 1,800)
    ];
}

/// <summary>
/// A rate limiter shared by every worker of every instance because its state is a row per key in the database:
/// one upsert reserves the next slot of every key at once (GCRA: the row holds when the next request may go), and
/// says how long to wait for it. A reserved slot is spent even if the caller gives up, which errs on the safe side.
/// Time is the wall clock on purpose: Teams counts real seconds.
/// </summary>
public sealed class RateLimiter(TimeProvider wallClock)
{
    public async Task<TimeSpan> ReserveAsync(TraamDbContext db, IReadOnlyList<(string Key, RateRule Rule)> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return TimeSpan.Zero;
        var ordered = keys.OrderBy(k => k.Key, StringComparer.Ordinal).ToList(); // one lock order: no deadlock between workers
        var now = wallClock.GetUtcNow().UtcTicks;
        var table = db.Model.FindEntityType(typeof(RateSlot))!.GetTableName();
        var greatest = db.Database.IsNpgsql() ? "GREATEST" : "MAX";
        var values = string.Join(", ", ordered.Select((_, i) => $"({{{2 * i}}}, {{{(2 * i) + 1}}})"));
        var parameters = ordered.SelectMany(k => new object[] { k.Key, now + k.Rule.Interval.Ticks }).ToArray();
        // EXCLUDED holds now + interval: the new slot is after the later of "now" and the key's previous slot.
        var sql = $"""
            INSERT INTO "{table}" ("Key", "NextFreeTicks") VALUES {values}
            ON CONFLICT ("Key") DO UPDATE SET "NextFreeTicks" = {greatest}("{table}"."NextFreeTicks", {now}) + (EXCLUDED."NextFreeTicks" - {now})
            RETURNING "Key", "NextFreeTicks"
            """;
#pragma warning disable EF1002 // the table name comes from our model, the clock value is a number we computed; keys are parameters
        var rows = await db.Database.SqlQueryRaw<SlotRow>(sql, parameters).ToListAsync(ct);
#pragma warning restore EF1002
        var wait = TimeSpan.Zero;
        foreach (var row in rows)
        {
            var rule = ordered.First(k => k.Key == row.Key).Rule;
            // The slot just reserved starts one interval before the new "next free", earlier by the burst tolerance.
            var allowedAt = row.NextFreeTicks - rule.Interval.Ticks - ((rule.Burst - 1) * rule.Interval.Ticks);
            var w = TimeSpan.FromTicks(Math.Max(0, allowedAt - now));
            if (w > wait) wait = w;
        }

        return wait;
    }

    public TimeProvider Clock => wallClock;

    private sealed class SlotRow
    {
        public string Key { get; set; } = "";
        public long NextFreeTicks { get; set; }
    }
}
