using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Conversations;
using TraAM.Bot.Data;
using TraAM.Bot.Hosting;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Files;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Candidacies.Transmission;

/// <summary>
/// The answer to a document de synthèse's consent card (<c>fileConsent/invoke</c>). Only the export's own person, as
/// Teams signed the invoke, still allowed to transmit for its place, gets the file: accepted, a job uploads it to
/// the HTTPS upload session Teams gave; declined, they are told how to get it again. Teams waits for an empty 200.
/// </summary>
internal sealed partial class AcceptExportFile(
    CallerResolver callers, TraamDbContext db, CardTemplates cards, IBackgroundJobClient jobs, ILogger<AcceptExportFile> logger) : IFileConsentTarget
{
    public string ContextKey => "exportId";

    public async Task<InvokeResponse> HandleAsync(TurnContext turn, JsonElement value, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var answer = Read(value);
        var export = answer is not null && ExportConsent.ExportIdOf(answer) is { } id
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
        else if (answer.UploadInfo is not { } upload || !FileUploader.IsAllowed(upload.UploadUrl))
        {
            await turn.SendTextAsync(cards.Text("transmission.badUpload", language), cancellationToken);
        }
        else
        {
            var conversation = turn.Activity.Conversation!.Id!;
            jobs.TryEnqueue<DeliverExportJob>(j => j.RunAsync(export.Id, upload.UploadUrl!, upload.ContentUrl, upload.Name, upload.UniqueId, upload.FileType,
                turn.Activity.ServiceUrl!, conversation, CancellationToken.None), logger);
        }

        return InvokeResponse.Ok;
    }

    private static FileConsentCardResponse? Read(JsonElement value)
    {
        try
        {
            return value.ValueKind == JsonValueKind.Object ? value.Deserialize(ProtocolJson.Context.FileConsentCardResponse) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
