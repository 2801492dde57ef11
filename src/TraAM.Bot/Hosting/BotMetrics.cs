using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;

namespace TraAM.Bot.Hosting;

/// <summary>
/// The app's own traces and metrics (the protocol layer has its own, <c>ProtocolTelemetry</c>). Tags are closed sets
/// (an outcome, a state, a job's class and method): never a person, a conversation or a text.
/// </summary>
public static class BotMetrics
{
    public const string Name = "TraAM.Bot";
    public const string JobsSource = "TraAM.Bot.Jobs";

    /// <summary>One span per Hangfire job run (<see cref="JobTracingFilter"/>).</summary>
    public static readonly ActivitySource Jobs = new(JobsSource);

    private static readonly Meter Meter = new(Name);

    /// <summary>What became of each notification the outbox tried: sent, failed, unconfirmed, retried, cancelled, skipped.</summary>
    public static readonly Counter<long> Notifications = Meter.CreateCounter<long>("traam.outbox.notifications", "{notification}",
        "Notifications the outbox handled, by outcome");

    /// <summary>How long a send waited for its slot under Teams' limits (only waits, not the free passes).</summary>
    public static readonly Histogram<double> RateLimiterWait = Meter.CreateHistogram("traam.ratelimiter.wait", "s",
        "Time a send waited for its rate-limit slot, by scope (conversation or tenant)", advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
        });

    /// <summary>Microsoft Graph answers 429 or 503 (each attempt, the SDK's retries included).</summary>
    public static readonly Counter<long> GraphThrottled = Meter.CreateCounter<long>("traam.graph.throttled", "{response}",
        "Microsoft Graph responses 429 or 503, by status");

    public static void Outcome(NotificationOutcome outcome, int count = 1) =>
        Notifications.Add(count, new KeyValuePair<string, object?>("traam.notification.outcome", outcome.ToString().ToLowerInvariant()));

    public static void Waited(TimeSpan wait, string scope)
    {
        if (wait > TimeSpan.Zero)
            RateLimiterWait.Record(wait.TotalSeconds, new KeyValuePair<string, object?>("traam.ratelimiter.scope", scope));
    }
}

/// <summary>
/// The outbox's queue depth by state, read when the metrics are collected (once per export interval, a minute by
/// default): one grouped count over the states that are still "in the queue" or need a human, on the (State, …) index.
/// Sent and cancelled rows are history, not depth.
/// </summary>
internal sealed partial class OutboxDepthGauge
{
    private static readonly NotificationState[] Queued =
        [NotificationState.Pending, NotificationState.Sending, NotificationState.Unconfirmed, NotificationState.Failed];

    private readonly IDbContextFactory<TraamDbContext> _databases;
    private readonly ILogger<OutboxDepthGauge> _log;

    public OutboxDepthGauge(IDbContextFactory<TraamDbContext> databases, IMeterFactory meters, ILogger<OutboxDepthGauge> log)
    {
        _databases = databases;
        _log = log;
        meters.Create(BotMetrics.Name + ".Outbox").CreateObservableGauge("traam.outbox.depth", Read, "{notification}",
            "Notifications in the outbox by state (pending, sending, unconfirmed, failed)");
    }

    private IEnumerable<Measurement<long>> Read()
    {
        Dictionary<NotificationState, int> counts;
        try
        {
            using var db = _databases.CreateDbContext();
            counts = db.Notifications.Where(n => Queued.Contains(n.State)).GroupBy(n => n.State)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionary(x => x.Key, x => x.Count);
        }
        catch (Exception ex)
        {
            // A database that does not answer is readiness's business; the gauge just has no value this time.
            LogFailed(_log, ex);
            yield break;
        }

        foreach (var state in Queued)
            yield return new Measurement<long>(counts.GetValueOrDefault(state),
                new KeyValuePair<string, object?>("traam.notification.state", state.ToString().ToLowerInvariant()));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox depth could not be read")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
