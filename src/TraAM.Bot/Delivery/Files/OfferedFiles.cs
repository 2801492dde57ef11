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

/// <summary>A kind of offered file: the key its consent cards' context names, and the handler of their answers.</summary>
internal sealed record FileConsentRoute(string ContextKey, Type Handler);

/// <summary>
/// Which handler answers a consent card, by the key its context names. One invoke name ("fileConsent/invoke") for
/// every kind of file: each feature registers its key with <see cref="FileDeliveryRoutes.AddOfferedFiles{TStore, THandler}"/>.
/// </summary>
internal sealed class FileConsentHandlers(IEnumerable<FileConsentRoute> routes)
{
    private readonly Dictionary<string, Type> _handlers = routes.ToDictionary(r => r.ContextKey, r => r.Handler, StringComparer.Ordinal);

    public Type? HandlerOf(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Object
            ? _handlers.FirstOrDefault(h => context.TryGetProperty(h.Key, out _)).Value
            : null;
}

/// <summary>Registration of the file consent delivery and of each kind of offered file.</summary>
public static class FileDeliveryRoutes
{
    public static IServiceCollection AddFileDelivery(this IServiceCollection services) => services
        .AddSingleton<FileConsentHandlers>()
        .AddScoped<FileConsentRouter>()
        .AddScoped<DeliverFileJob>();

    /// <summary>A kind of file: its store (which names its context key) and the handler that checks whose a file is.</summary>
    internal static IServiceCollection AddOfferedFiles<TStore, THandler>(this IServiceCollection services, string contextKey)
        where TStore : class, IOfferedFileStore where THandler : class, IInvokeHandler => services
        .AddScoped<IOfferedFileStore, TStore>()
        .AddScoped<THandler>()
        .AddSingleton(new FileConsentRoute(contextKey, typeof(THandler)));

    public static BotRoutes MapFileDelivery(this BotRoutes bot) => bot.OnInvoke<FileConsentRouter>(FileConsent.InvokeName);
}

/// <summary>
/// The one answer to <c>fileConsent/invoke</c>: hands the invoke to the handler of the file's kind, which checks that
/// the file is the caller's. A context that names no known kind gets Teams' empty 200 and nothing else.
/// </summary>
internal sealed class FileConsentRouter(FileConsentHandlers handlers, IServiceProvider services) : IInvokeHandler
{
    public Task<InvokeResponse> HandleAsync(TurnContext turn, JsonElement value, CancellationToken cancellationToken) =>
        handlers.HandlerOf(value) is { } type
            ? ((IInvokeHandler)services.GetRequiredService(type)).HandleAsync(turn, value, cancellationToken)
            : Task.FromResult(InvokeResponse.Ok);
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
