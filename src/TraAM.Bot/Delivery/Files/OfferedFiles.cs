using System.Text.Json;
using Hangfire;
using TraAM.Bot.Hosting;
using TraAM.Bot.Protocol.Files;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Delivery.Files;

/// <summary>
/// A kind of file the bot keeps in its database for one person until they accept it through Teams' file consent card
/// (protocol.md §2.8): the document de synthèse of a transmission, the copy of someone's own data. Each kind keeps its
/// rows its own way; what happens once a file is accepted (claim, upload once, erase) is <see cref="DeliverFileJob"/>'s.
/// </summary>
internal interface IOfferedFileStore
{
    /// <summary>The name the consent card's context gives the file's id ("exportId"): it also tells the kinds apart.</summary>
    string ContextKey { get; }

    /// <summary>Marks the file as being delivered, only if it is not already and still has its bytes; false otherwise.</summary>
    Task<bool> ClaimAsync(long id, DateTimeOffset now, CancellationToken cancellationToken);

    Task<byte[]> ContentAsync(long id, CancellationToken cancellationToken);

    /// <summary>Gives the claim back (the upload failed: the person may accept again).</summary>
    Task ReleaseAsync(long id, CancellationToken cancellationToken);

    /// <summary>Erases the bytes: the file now lives in the person's OneDrive, not twice.</summary>
    Task EraseAsync(long id, CancellationToken cancellationToken);
}

/// <summary>Registration of each kind of offered file; their consent answers reach them through <c>Conversations/FileConsentRouter</c>.</summary>
public static class FileDeliveryRoutes
{
    public static IServiceCollection AddFileDelivery(this IServiceCollection services) => services.AddScoped<DeliverFileJob>();

    /// <summary>A kind of file: its store (which names its context key) and the handler that checks whose a file is.</summary>
    internal static IServiceCollection AddOfferedFiles<TStore, THandler>(this IServiceCollection services)
        where TStore : class, IOfferedFileStore where THandler : class, Conversations.IFileConsentTarget => services
        .AddScoped<IOfferedFileStore, TStore>()
        .AddScoped<THandler>()
        .AddScoped<Conversations.IFileConsentTarget>(sp => sp.GetRequiredService<THandler>());
}

/// <summary>Reading a consent answer, and queueing the upload once the handler has decided the file is the caller's.</summary>
internal static class FileConsentAnswer
{
    public static FileConsentCardResponse? Read(JsonElement value)
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

    /// <summary>The id the context gives under <paramref name="key"/>, if it gives one.</summary>
    public static long? IdOf(FileConsentCardResponse? response, string key) =>
        response?.Context is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty(key, out var id) && id.TryGetInt64(out var v) ? v : null;

    /// <summary>The consent card's context: the file's kind and id only (the invoke's signed sender says who).</summary>
    public static JsonElement Context(string key, long id) => JsonSerializer.SerializeToElement(new Dictionary<string, long> { [key] = id });

    /// <summary>False when Teams gave no upload session, or one that is not HTTPS.</summary>
    public static bool Deliver(TurnContext turn, FileConsentCardResponse answer, string contextKey, long id, IBackgroundJobClient jobs, ILogger logger)
    {
        if (answer.UploadInfo is not { } upload || !FileUploader.IsAllowed(upload.UploadUrl)) return false;
        var conversation = turn.Activity.Conversation!.Id!;
        jobs.TryEnqueue<DeliverFileJob>(j => j.RunAsync(contextKey, id, upload.UploadUrl!, upload.ContentUrl, upload.Name, upload.UniqueId, upload.FileType,
            turn.Activity.ServiceUrl!, conversation, CancellationToken.None), logger);
        return true;
    }
}
