using Hangfire;
using TraAM.Bot.Conversations;
using TraAM.Bot.Protocol.Connector;
using TraAM.Bot.Protocol.Files;

namespace TraAM.Bot.Delivery.Files;

/// <summary>
/// Uploads an accepted file to the person's OneDrive, once: the file is claimed (only where it was not) before the
/// upload, so a double accept or a retried job uploads nothing twice; a failed upload gives the claim back. Then
/// Teams' file card is shown and the bytes are erased (kept once, in OneDrive). Whatever the kind of file.
/// </summary>
internal sealed class DeliverFileJob(IEnumerable<IOfferedFileStore> stores, FileUploader uploader, IConnector connector, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(string store, long id, string uploadUrl, string? contentUrl, string? name, string? uniqueId, string? fileType,
        string serviceUrl, string conversationId, CancellationToken cancellationToken)
    {
        var files = stores.Single(s => s.ContextKey == store);
        if (!await files.ClaimAsync(id, clock.GetUtcNow(), cancellationToken)) return;

        var content = await files.ContentAsync(id, cancellationToken);
        await ConsentUpload.RunAsync(uploader, connector, content,
            new ConsentUploadTarget(uploadUrl, contentUrl, name, uniqueId, fileType, serviceUrl, conversationId),
            () => files.ReleaseAsync(id, CancellationToken.None), () => files.EraseAsync(id, CancellationToken.None), cancellationToken);
    }
}
