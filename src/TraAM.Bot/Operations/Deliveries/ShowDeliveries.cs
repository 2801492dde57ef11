using System.Globalization;
using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Operations.Deliveries;

/// <summary>
/// "envois" / "deliveries": what the outbox could not settle on its own, for the admins who can (issue 14 §1): counts,
/// then the list, paged ("Suivant", "Précédent", "Actualiser" carry only the page: the caller is checked again).
/// Personal chat only: the list names people and why they cannot be reached.
/// </summary>
internal sealed class ShowDeliveries(CallerResolver callers, DeliveriesCard card, CardTemplates cards) : ITurnHandler, ICardActionHandler
{
    public const string Verb = "ops.deliveries.show";

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var result = await AnswerAsync(turn, 1, null, cancellationToken);
        if (result is CardActionResult.CardResult c) await turn.SendCardAsync(c.CardJson, cancellationToken);
        else if (result is CardActionResult.MessageResult m) await turn.SendTextAsync(m.Text, cancellationToken);
    }

    public Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var page = data.TryGetProperty("page", out var p) && int.TryParse(p.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
        return AnswerAsync(turn, page, null, cancellationToken);
    }

    private async Task<CardActionResult> AnswerAsync(TurnContext turn, int page, string? notice, CancellationToken ct)
    {
        var caller = await callers.ResolveAsync(turn, ct);
        if (!caller.Can(Permission.ManageDeliveries, AccessScope.Programme))
            return CardActionResult.Message(cards.Text("ops.deliveries.notAllowed", turn.Language));
        if (!turn.IsPersonal) return CardActionResult.Message(cards.Text("ops.deliveries.personalOnly", turn.Language));
        return CardActionResult.Card(await card.RenderAsync(caller, page, notice, turn.Language, ct));
    }
}
