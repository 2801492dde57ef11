using Microsoft.Extensions.Options;

namespace TraAM.Bot.Delivery;

/// <summary><c>Delivery__*</c>: how fast and how stubbornly the outbox sends.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Teams' global limit per app and tenant (protocol.md §3.1: 50 RPS; one older text said 30).</summary>
    public double TenantRequestsPerSecond { get; set; } = 50;

    /// <summary>
    /// The share of that limit we aim at. The rest absorbs requests that leave after their slot (a busy CPU, a slow
    /// write): the lower the margin, the later a request may leave before it must take a fresh slot.
    /// </summary>
    public double SafetyMargin { get; set; } = 0.96;

    /// <summary>
    /// Notifications posted at once by one drain run. Teams answers a POST in 100-400 ms, so keeping pace with the
    /// tenant limit (48 requests/s at the margin) needs about 48 × 0.2 s ≈ 10 requests in flight (Little's law), more
    /// for the slow tail: bench/fanout with a log-normal latency (median 150 ms, p99 600 ms) reached 0.74 of the
    /// ceiling with 8 and 0.90 or more with 16 (README there).
    /// </summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>How long a claimed, not yet started notification stays reserved to its worker.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A notification still "sending" after this was cut off mid-call (crash, kill): marked unconfirmed.</summary>
    public TimeSpan InDoubtAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A wait for a rate slot longer than this puts the notification back in the queue instead.</summary>
    public TimeSpan MaxInlineWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Tries before a transient failure becomes permanent.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long one drain run keeps going; the next run (every minute, or on demand) takes over.</summary>
    public TimeSpan DrainBudget { get; set; } = TimeSpan.FromSeconds(55);

    /// <summary>Each instance starts a drain when it starts: a restart resumes at once, not at the next minute.</summary>
    public bool DrainOnStart { get; set; } = true;

    /// <summary>Days a finished notification is kept (its history, "who was told what"); then deleted.</summary>
    public int KeepDays { get; set; } = 90;

    public double EffectiveTenantRate => TenantRequestsPerSecond * SafetyMargin;
}

internal sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions o)
    {
        var errors = new List<string>();
        if (o.TenantRequestsPerSecond is <= 0 or > 1000) errors.Add("Delivery__TenantRequestsPerSecond doit être entre 1 et 1000 (Teams : 50).");
        if (o.SafetyMargin is <= 0.5 or > 0.99) errors.Add("Delivery__SafetyMargin doit être entre 0,5 et 0,99.");
        if (o.Concurrency is < 1 or > 64) errors.Add("Delivery__Concurrency doit être entre 1 et 64.");
        if (o.Lease < TimeSpan.FromSeconds(1)) errors.Add("Delivery__Lease doit durer au moins une seconde.");
        if (o.InDoubtAfter < TimeSpan.FromSeconds(35)) errors.Add("Delivery__InDoubtAfter doit dépasser le délai d'un appel Teams (30 s).");
        if (o.MaxAttempts is < 1 or > 50) errors.Add("Delivery__MaxAttempts doit être entre 1 et 50.");
        if (o.KeepDays is < 1 or > 3650) errors.Add("Delivery__KeepDays doit être entre 1 et 3650.");
        if (o.DrainBudget < TimeSpan.FromSeconds(1)) errors.Add("Delivery__DrainBudget doit durer au moins une seconde.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
