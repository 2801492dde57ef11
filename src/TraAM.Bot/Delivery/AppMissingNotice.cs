using TraAM.Bot.Data;
using TraAM.Bot.People;

namespace TraAM.Bot.Delivery;

/// <summary>Someone who never installed the app cannot be written to: their group's channel is told, once.</summary>
internal static class AppMissingNotice
{
    /// <summary>The person's group channel hears once that they cannot be reached (the key makes it once).</summary>
    public static async Task TellGroupAsync(Outbox outbox, TraamDbContext db, Person person, DateTimeOffset now, CancellationToken ct)
    {
        if (await DeliveryTargets.LinkedGroupOfAsync(db, person, ct) is not { } group) return;
        await outbox.EnqueueAsync(db, new NotificationRequest(
            "delivery.app-missing", $"person:{person.Id}", Recipient.Group(group.Id), "once", AppMissingCard.Name,
            new AppMissingCard(person.DisplayName), now), ct);
    }
}

/// <summary>Data of cards/delivery/app-missing.json.</summary>
internal sealed record AppMissingCard(string Person)
{
    public const string Name = "delivery/app-missing";
}
