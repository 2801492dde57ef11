using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Operations.Deliveries;

/// <summary>
/// "Renvoyer" and "Abandonner" on the "envois" card. An unconfirmed notification may have reached Teams (Teams has no
/// idempotency key), so the bot never re-sends it by itself: an admin who checked with the person asks for it, confirms,
/// and a NEW notification goes out; the old row stays, cancelled, with what happened. "Abandonner" settles an
/// unconfirmed or failed one without sending. Both are conditional on the row's state, so a double click, Teams'
/// retry or two admins at once have one effect. The card's data names a row, never a right: the caller is checked.
/// </summary>
internal sealed class SettleNotification(CallerResolver callers, TraamDbContext db, Outbox outbox, DeliveriesCard list, CardTemplates cards,
    TimeProvider clock) : ICardActionHandler
{
    public const string ResendVerb = "ops.deliveries.resend";
    public const string AbandonVerb = "ops.deliveries.abandon";
    public const string ConfirmCard = "ops/resend-confirm";

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (!caller.Can(Permission.ManageDeliveries, AccessScope.Programme))
            return CardActionResult.Message(cards.Text("ops.deliveries.notAllowed", language));
        if (!turn.IsPersonal) return CardActionResult.Message(cards.Text("ops.deliveries.personalOnly", language));

        var page = Number(data, "page") ?? 1;
        if (Number(data, "id") is not { } id) return await ListAsync(caller, (int)page, "ops.deliveries.gone", language, cancellationToken);
        var verb = data.TryGetProperty("verb", out var v) ? v.GetString() : null;
        var confirmed = data.TryGetProperty("confirmed", out var c) && c.GetString() == "yes";

        if (verb == AbandonVerb)
            return await ListAsync(caller, (int)page, await AbandonAsync(id, cancellationToken) ? "ops.deliveries.abandoned" : "ops.deliveries.gone", language, cancellationToken);
        if (!confirmed) return await ConfirmAsync(caller, id, (int)page, language, cancellationToken);
        return await ListAsync(caller, (int)page, await ResendAsync(id, cancellationToken) ? "ops.deliveries.resent" : "ops.deliveries.gone", language, cancellationToken);
    }

    /// <summary>What the admin must check before a second copy can reach the person.</summary>
    private async Task<CardActionResult> ConfirmAsync(Caller caller, long id, int page, string language, CancellationToken ct)
    {
        var n = await db.Notifications.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id && x.State == NotificationState.Unconfirmed, ct);
        if (n is null) return await ListAsync(caller, page, "ops.deliveries.gone", language, ct);
        var recipient = n.PersonId is { } p
            ? await db.People.Where(x => x.Id == p).Select(x => x.FirstName + " " + x.LastName).SingleOrDefaultAsync(ct)
            : cards.Text("ops.deliveries.aChannel", language);
        var zone = LocalTime.ZoneOf(caller.Person?.AcademyCode);
        var tried = n.SendingSince ?? n.DueAt;
        var data = new ResendConfirmData(n.Id.ToString(CultureInfo.InvariantCulture), page.ToString(CultureInfo.InvariantCulture),
            string.Format(CultureInfo.InvariantCulture, cards.Text("ops.deliveries.confirmText", language), recipient ?? "?", n.Card,
                DateText.DayAndTime(TimeZoneInfo.ConvertTime(tried, zone).DateTime, language)));
        return CardActionResult.Card(cards.Render(ConfirmCard, data, language));
    }

    private async Task<bool> ResendAsync(long id, CancellationToken ct)
    {
        var n = await db.Notifications.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id && x.State == NotificationState.Unconfirmed, ct);
        if (n is null) return false;
        var now = clock.GetUtcNow();
        var recipient = n.PersonId is { } p ? Recipient.Person(p) : Recipient.Group(n.WorkGroupId!.Value);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The old row first, on its state: whoever changes it first does the resend, the other sees "déjà traité".
        var settled = await db.Notifications.Where(x => x.Id == id && x.State == NotificationState.Unconfirmed)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, NotificationState.Cancelled)
                .SetProperty(x => x.FailureReason, $"renvoyé à la demande d'un administrateur le {now:dd/MM/yyyy HH:mm} UTC (nouvel envoi)"), ct);
        if (settled == 0) return false;
        using var payload = JsonDocument.Parse(n.DataJson);
        // Its own key (the old one is taken): "resend-of-<id>", so the same confirmation twice makes one new send.
        await outbox.EnqueueAsync(db, new NotificationRequest(n.Kind, n.Subject, recipient, $"resend-of-{n.Id}", n.Card, payload.RootElement.Clone(), now), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private async Task<bool> AbandonAsync(long id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.Notifications.Where(x => x.Id == id && (x.State == NotificationState.Unconfirmed || x.State == NotificationState.Failed))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, NotificationState.Cancelled)
                .SetProperty(x => x.FailureReason, $"abandonné par un administrateur le {now:dd/MM/yyyy HH:mm} UTC"), ct) > 0;
    }

    private async Task<CardActionResult> ListAsync(Caller caller, int page, string notice, string language, CancellationToken ct) =>
        CardActionResult.Card(await list.RenderAsync(caller, page, cards.Text(notice, language), language, ct));

    private static long? Number(JsonElement data, string name) =>
        data.TryGetProperty(name, out var e) && long.TryParse(e.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>Data of cards/ops/resend-confirm.json.</summary>
internal sealed record ResendConfirmData(string Id, string Page, string Text);
