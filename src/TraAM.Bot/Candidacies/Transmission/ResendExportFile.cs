using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.People.Access;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Candidacies.Transmission;

/// <summary>
/// "Renvoyer le fichier": offers again the caller's own document de synthèse while it is kept (declined, or the
/// consent card lost). The card names the export; that it is the caller's is checked against Teams' sender.
/// </summary>
internal sealed class ResendExportFile(TransmissionRequests requests, TransmissionCard card, TraamDbContext db, CardTemplates cards) : ICardActionHandler
{
    public const string Verb = "transmission.resend";

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var id = CardData.Long(data, "exportId");
        var export = await db.CandidacyExports.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        var (request, refusal, quoted) = await requests.ReadAsync(turn, export?.ScopeKey ?? "", cancellationToken);
        if (request is null || export is null || !request.Caller.Can(Permission.ExportCandidacies, request.Access) || export.ByPersonId != request.Caller.Person!.Id)
            return CardActionResult.Message(cards.Format(request is null ? refusal : "transmission.notYours", language, quoted));
        if (export.Content is null)
            return CardActionResult.Message(cards.Text("transmission.noFile", language));

        var offer = ExportConsent.Offer(export, request.Campaign.Code, cards, language);
        var reply = turn.Activity.CreateReply();
        reply.Attachments = offer.Attachments;
        await turn.SendAsync(reply, cancellationToken);
        return CardActionResult.Card(await card.RenderAsync(request.Campaign, request.Scope, request.Caller, language, cards.Text("transmission.resent", language), "", cancellationToken));
    }
}
