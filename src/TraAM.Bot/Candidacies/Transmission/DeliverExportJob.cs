using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Conversations;
using TraAM.Bot.Data;
using TraAM.Bot.Protocol.Connector;
using TraAM.Bot.Protocol.Files;

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
        await ConsentUpload.RunAsync(uploader, connector, content, new ConsentUploadTarget(uploadUrl, contentUrl, name, uniqueId, fileType, serviceUrl, conversationId),
            release: () => db.CandidacyExports.Where(e => e.Id == exportId)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.DeliveredAt, (DateTimeOffset?)null), CancellationToken.None),
            uploaded: () => db.CandidacyExports.Where(e => e.Id == exportId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Content, (byte[]?)null), CancellationToken.None),
            cancellationToken);
    }
}
