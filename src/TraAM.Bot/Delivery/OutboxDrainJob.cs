using Hangfire;
using Microsoft.Extensions.Options;
using TraAM.Bot.Hosting;

namespace TraAM.Bot.Delivery;

/// <summary>
/// The Hangfire job that drains the outbox: every minute (reminders fall due at 9:00 sharp), when a feature queues
/// something due now, and when an instance starts. Runs may overlap, on one instance or several: the claims keep
/// them apart. Hangfire may run a job twice (at least once); the outbox makes each notification's effect happen once.
/// </summary>
public sealed class OutboxDrainJob(OutboxDispatcher dispatcher, DrainGate gate, IBackgroundJobClient jobs, ILogger<OutboxDrainJob> logger)
{
    public const string Id = "delivery:drain-outbox";

    [AutomaticRetry(Attempts = 0)] // the next minute's run is the retry; a failed run must not pile up copies
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // One run per instance is enough to reach Teams' pace (it sends Delivery__Concurrency at once); more would
        // only hold Hangfire workers. A run that finds this instance busy ends at once.
        if (!gate.TryEnter()) return;
        DrainReport report;
        try
        {
            report = await dispatcher.DrainAsync(waitForLater: true, cancellationToken);
        }
        finally
        {
            gate.Exit();
        }

        // Time was up with work left (a big fan-out): the next run starts now rather than at the next minute.
        if (report.BudgetSpent) Enqueue(jobs, logger);
    }

    /// <summary>A drain run as soon as a Hangfire worker is free (else the minutely run, a minute later at most).</summary>
    public static bool Enqueue(IBackgroundJobClient jobs, ILogger logger) => jobs.TryEnqueue<OutboxDrainJob>(j => j.RunAsync(CancellationToken.None), logger);
}

/// <summary>At most one drain run at a time in this process.</summary>
public sealed class DrainGate
{
    private int _busy;

    public bool TryEnter() => Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

    public void Exit() => Volatile.Write(ref _busy, 0);
}

/// <summary>Enqueues a drain run, at most one every two seconds per process (a burst of requests needs only one).</summary>
internal sealed class HangfireDeliveryTrigger(IBackgroundJobClient jobs, TimeProvider clock, ILogger<HangfireDeliveryTrigger> logger) : IDeliveryTrigger
{
    private long _lastTicks;

    public void DrainSoon()
    {
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastTicks);
        if (now - last < TimeSpan.TicksPerSecond * 2 || Interlocked.CompareExchange(ref _lastTicks, now, last) != last) return;
        OutboxDrainJob.Enqueue(jobs, logger);
    }
}

/// <summary>A restarted instance resumes sending at once instead of at the next minute.</summary>
internal sealed class DrainOnStart(IBackgroundJobClient jobs, IOptions<DeliveryOptions> options, ILogger<DrainOnStart> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.DrainOnStart) OutboxDrainJob.Enqueue(jobs, logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>For command-line tools: what they queue is sent by the running bot's next drain (within a minute).</summary>
internal sealed class NoDrainTrigger : IDeliveryTrigger
{
    public void DrainSoon()
    {
    }
}
