using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TraAM.Bot.Data;

namespace TraAM.Bot.Delivery;

/// <summary>
/// Daily: forgets notifications that are over (sent, cancelled, failed, unconfirmed) once older than
/// <c>Delivery__KeepDays</c> — their card data names people — and rate-limiter rows whose slots are long past.
/// </summary>
internal sealed class PurgeDeliveryJob(TraamDbContext db, TimeProvider clock, IOptions<DeliveryOptions> options)
{
    public const string Id = "delivery:purge";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddDays(-options.Value.KeepDays);
        await db.Notifications
            .Where(n => n.State != NotificationState.Pending && n.State != NotificationState.Sending && n.CreatedAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
        // A slot an hour old constrains nothing any more (the longest Teams window is an hour).
        var stale = TimeProvider.System.GetUtcNow().AddHours(-1).UtcTicks;
        await db.RateSlots.Where(s => s.NextFreeTicks < stale).ExecuteDeleteAsync(cancellationToken);
    }
}
