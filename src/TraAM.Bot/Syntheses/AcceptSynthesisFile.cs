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

namespace TraAM.Bot.Syntheses;

/// <summary>
/// The answer to a synthesis's consent card. Only the person it was offered to, as Teams signed the invoke, and who
/// may still read (or compile) that synthesis, gets the file: accepted, a job uploads it; declined, they are told how
/// to ask again. Teams waits for an empty 200.
/// </summary>
internal sealed class AcceptSynthesisFile(
    CallerResolver callers, TraamDbContext db, CardTemplates cards, IBackgroundJobClient jobs, ILogger<AcceptSynthesisFile> logger) : IFileConsentTarget
{
    public string ContextKey => SynthesisOffer.ContextKey;

    public async Task<InvokeResponse> HandleAsync(TurnContext turn, JsonElement value, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var answer = Read(value);
        var id = answer is null ? null : SynthesisOffer.DeliveryIdOf(answer);
        var found = id is null ? null : await (from d in db.SynthesisDeliveries
                                               join doc in db.SynthesisDocuments on d.DocumentId equals doc.Id
                                               join t in db.Themes on doc.ThemeId equals t.Id
                                               where d.Id == id
                                               select new { Delivery = d, doc.AcademyCode, doc.CampaignId, Theme = t }).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        var scope = found is null ? null : SynthesisTarget.AccessOf(found.Theme, found.AcademyCode) with { CampaignId = found.CampaignId };
        if (found is null || scope is null || caller.Person?.Id != found.Delivery.PersonId
            || !(caller.Can(Permission.ReadSynthesis, scope) || caller.Can(Permission.CompileSynthesis, scope)))
        {
            await turn.SendTextAsync(cards.Text("synthesis.notYours", language), cancellationToken);
            return InvokeResponse.Ok;
        }

        if (found.Delivery.DeliveredAt is not null)
            await turn.SendTextAsync(cards.Text("synthesis.alreadyDelivered", language), cancellationToken);
        else if (!answer!.Accepted)
            await turn.SendTextAsync(cards.Text("synthesis.declined", language), cancellationToken);
        else if (answer.UploadInfo is not { } upload || !FileUploader.IsAllowed(upload.UploadUrl))
            await turn.SendTextAsync(cards.Text("transmission.badUpload", language), cancellationToken);
        else
        {
            var target = new ConsentUploadTarget(upload.UploadUrl!, upload.ContentUrl, upload.Name, upload.UniqueId, upload.FileType,
                turn.Activity.ServiceUrl!, turn.Activity.Conversation!.Id!);
            jobs.TryEnqueue<DeliverSynthesisJob>(j => j.RunAsync(found.Delivery.Id, target, CancellationToken.None), logger);
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

/// <summary>Uploads an accepted synthesis once: the offer is claimed before the upload and given back if it fails. The version stays stored.</summary>
internal sealed class DeliverSynthesisJob(TraamDbContext db, FileUploader uploader, Protocol.Connector.IConnector connector, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(long deliveryId, ConsentUploadTarget target, CancellationToken cancellationToken)
    {
        var claimed = await db.SynthesisDeliveries.Where(d => d.Id == deliveryId && d.DeliveredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.DeliveredAt, clock.GetUtcNow()), cancellationToken);
        if (claimed == 0) return;
        var content = await (from d in db.SynthesisDeliveries
                             join doc in db.SynthesisDocuments on d.DocumentId equals doc.Id
                             where d.Id == deliveryId
                             select doc.Content).SingleAsync(cancellationToken);
        if (content is null) return;
        await ConsentUpload.RunAsync(uploader, connector, content, target,
            release: () => db.SynthesisDeliveries.Where(d => d.Id == deliveryId).ExecuteUpdateAsync(s => s.SetProperty(d => d.DeliveredAt, (DateTimeOffset?)null), CancellationToken.None),
            uploaded: () => Task.CompletedTask, cancellationToken);
    }
}
