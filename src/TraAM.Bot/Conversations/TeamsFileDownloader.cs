using System.Text.Json;
using Microsoft.Extensions.Options;
using TraAM.Bot.Protocol;
using TraAM.Bot.Cards;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Conversations;

/// <summary>
/// Fetches a file a user sent in a personal chat. Teams gives a short-lived, pre-authorised SharePoint URL
/// (<c>downloadUrl</c>); the bot sends no token there. The URL comes from the activity, so it is checked before use:
/// HTTPS on a SharePoint host (or loopback in local mode, for the Agents Playground), and the size is capped.
/// </summary>
public sealed partial class TeamsFileDownloader(IHttpClientFactory http, IOptions<BotProtocolOptions> bot, ILogger<TeamsFileDownloader> logger)
{
    public const string HttpClientName = "teams-files";
    private static readonly string[] SharePointSuffixes = [".sharepoint.com", ".sharepoint.us", ".sharepoint-mil.us", ".sharepoint.de"];

    /// <summary>The file's name, type and download URL from a Teams file attachment; null when it is not one.</summary>
    public static TeamsFile? Describe(Activity activity)
    {
        var attachment = activity.Attachments?.FirstOrDefault(a => a.ContentType == Attachment.FileDownloadInfoContentType);
        if (attachment?.Content is not { ValueKind: JsonValueKind.Object } content) return null;
        var url = content.TryGetProperty("downloadUrl", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        var type = content.TryGetProperty("fileType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return url is null ? null : new TeamsFile(attachment.Name ?? "fichier", (type ?? Path.GetExtension(attachment.Name ?? "").TrimStart('.')).ToLowerInvariant(), url);
    }

    public bool IsAllowed(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return false;
        if (bot.Value.IsLocalMode && uri.IsLoopback) return uri.Scheme is "http" or "https";
        return uri.Scheme == Uri.UriSchemeHttps && SharePointSuffixes.Any(s => uri.Host.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The received file's bytes for a handler; null after telling the user, in their language, why not: an address
    /// that is not Teams' SharePoint, a failed download, or a file over <paramref name="maxBytes"/> (<paramref name="tooLargeKey"/>).
    /// </summary>
    public async Task<MemoryStream?> ReceiveAsync(TurnContext turn, TeamsFile file, long maxBytes, string tooLargeKey, CardTemplates cards, CancellationToken ct)
    {
        if (!IsAllowed(file.DownloadUrl))
        {
            LogRefusedUrl(logger);
            await turn.SendTextAsync(cards.Text("import.unreachable", turn.Language), ct);
            return null;
        }

        MemoryStream? content;
        try
        {
            content = await DownloadAsync(file.DownloadUrl, maxBytes, ct);
        }
        catch (HttpRequestException ex)
        {
            LogDownloadFailed(logger, (int?)ex.StatusCode ?? 0);
            await turn.SendTextAsync(cards.Text("import.unreachable", turn.Language), ct);
            return null;
        }

        if (content is null) await turn.SendTextAsync(cards.Text(tooLargeKey, turn.Language), ct);
        return content;
    }

    /// <summary>The file's bytes, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public async Task<MemoryStream?> DownloadAsync(string url, long maxBytes, CancellationToken ct)
    {
        if (!IsAllowed(url)) throw new InvalidOperationException("Download URL not allowed.");
        using var client = http.CreateClient(HttpClientName);
        using var response = await client.GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > maxBytes) return null;
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Received file refused: its download URL is not a SharePoint (or local) address")]
    private static partial void LogRefusedUrl(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Received file download failed ({Status})")]
    private static partial void LogDownloadFailed(ILogger logger, int status);
}

public sealed record TeamsFile(string Name, string Type, string DownloadUrl);
