using TraAM.Bot.Protocol.Connector;
using TraAM.Bot.Protocol.Files;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Conversations;

/// <summary>Where an accepted consent card said to put the file, and the chat to show Teams' file card in.</summary>
public sealed record ConsentUploadTarget(string UploadUrl, string? ContentUrl, string? Name, string? UniqueId, string? FileType, string ServiceUrl, string ConversationId);

/// <summary>
/// The second half of every consent delivery (exports, syntheses): upload the bytes to the session Teams gave, then
/// show Teams' file card. Each feature claims its offer before (so it uploads once) and gives the claim back through
/// its release callback when the upload fails, then the job is retried.
/// </summary>
internal static class ConsentUpload
{
    public static async Task RunAsync(FileUploader uploader, IConnector connector, byte[] content, ConsentUploadTarget target,
        Func<Task> release, Func<Task> uploaded, CancellationToken ct)
    {
        try
        {
            await uploader.UploadAsync(target.UploadUrl, content, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            await release();
            throw;
        }

        await uploaded();
        var info = new FileUploadInfo { ContentUrl = target.ContentUrl, Name = target.Name, UniqueId = target.UniqueId, FileType = target.FileType };
        await connector.SendAsync(target.ServiceUrl, target.ConversationId, new Activity { Type = ActivityTypes.Message, Attachments = [FileConsent.InfoCard(info)] }, ct);
    }
}
