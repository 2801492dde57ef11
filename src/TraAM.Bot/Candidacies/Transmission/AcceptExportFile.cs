using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery.Files;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Candidacies.Transmission;

/// <summary>
/// The answer to a document de synthèse's consent card (<c>fileConsent/invoke</c>). Only the export's own person, as
/// Teams signed the invoke, still allowed to transmit for its place, gets the file: accepted, a job uploads it to
/// the HTTPS upload session Teams gave (<see cref="DeliverFileJob"/>); declined, they are told how to get it again.
/// Teams waits for an empty 200.
/// </summary>
internal sealed class AcceptExportFile(
    CallerResolver callers, TraamDbContext db, CardTemplates cards, IBackgroundJobClient jobs, ILogger<AcceptExportFile> logger) : IInvokeHandler
{
    public async Task<InvokeResponse> HandleAsync(TurnContext turn, JsonElement value, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var answer = FileConsentAnswer.Read(value);
        var export = FileConsentAnswer.IdOf(answer, CandidacyExportFiles.Key) is { } id
            ? await db.CandidacyExports.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
            : null;
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        var scope = export is null ? null : TransmissionScope.Parse(export.ScopeKey);
        if (export is null || scope is null || caller.Person?.Id != export.ByPersonId
            || !caller.Can(Permission.ExportCandidacies, scope.Access with { CampaignId = export.CampaignId }))
        {
            await turn.SendTextAsync(cards.Text("transmission.notYours", language), cancellationToken);
            return InvokeResponse.Ok;
        }

        if (export.Content is null)
        {
            await turn.SendTextAsync(cards.Text("transmission.noFile", language), cancellationToken);
        }
        else if (!answer!.Accepted)
        {
            var until = TransmissionCard.Day(export.ExpiresAt, language);
            await turn.SendTextAsync(cards.Format("transmission.declined", language, until), cancellationToken);
        }
        else if (!FileConsentAnswer.Deliver(turn, answer, CandidacyExportFiles.Key, export.Id, jobs, logger))
        {
            await turn.SendTextAsync(cards.Text("transmission.badUpload", language), cancellationToken);
        }

        return InvokeResponse.Ok;
    }
}
