using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Protocol.Connector;
using TraAM.Bot.Protocol.Files;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Candidacies.Transmission;

/// <summary>
/// Uploads an accepted document de synthèse to the person's OneDrive, once: the export is claimed (DeliveredAt set
/// only where it was null) before the upload, so a double accept or a retried job uploads nothing twice; a failed
/// upload gives the claim back. Then Teams' file card is shown and the bytes are erased (kept once, in OneDrive).
/// </summary>
internal sealed class DeliverExportJob(TraamDbContext db, FileUploader uploader, IConnector connector, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(long exportId, string uploadUrl, string? contentUrl, string? name, string? uniqueId, string? fileType,
        string serviceUrl, string conversationId, CancellationToken cancellationToken)
    {
        var claimed = await db.CandidacyExports
            .Where(e => e.Id == exportId && e.DeliveredAt == null && e.Content != null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DeliveredAt, clock.GetUtcNow()), cancellationToken);
        if (claimed == 0) return;

        var content = await db.CandidacyExports.Where(e => e.Id == exportId).Select(e => e.Content!).SingleAsync(cancellationToken);
        try
        {
            await uploader.UploadAsync(uploadUrl, content, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            await db.CandidacyExports.Where(e => e.Id == exportId)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.DeliveredAt, (DateTimeOffset?)null), CancellationToken.None);
            throw;
        }

        await db.CandidacyExports.Where(e => e.Id == exportId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Content, (byte[]?)null), CancellationToken.None);
        var info = new FileUploadInfo { ContentUrl = contentUrl, Name = name, UniqueId = uniqueId, FileType = fileType };
        await connector.SendAsync(serviceUrl, conversationId, new Activity { Type = ActivityTypes.Message, Attachments = [FileConsent.InfoCard(info)] }, cancellationToken);
    }
}
