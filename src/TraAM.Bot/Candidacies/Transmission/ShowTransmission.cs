using TraAM.Bot.Cards;
using TraAM.Bot.People.Access;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Candidacies.Transmission;

/// <summary>"transmettre" / "transmit" [académie or région]: the card of what will be sent to the DNE, and the button.</summary>
internal sealed class ShowTransmission(TransmissionRequests requests, TransmissionCard card, CardTemplates cards) : ITurnHandler
{
    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var (request, refusal, quoted) = await requests.ReadAsync(turn, scopeKey: null, cancellationToken);
        if (request is null || !request.Caller.Can(Permission.ExportCandidacies, request.Access))
        {
            await turn.SendTextAsync(cards.Format(request is null ? refusal : "transmission.notAllowed", language, quoted), cancellationToken);
            return;
        }

        await turn.SendCardAsync(await card.RenderAsync(request.Campaign, request.Scope, request.Caller, language, "", "", cancellationToken), cancellationToken);
    }
}
