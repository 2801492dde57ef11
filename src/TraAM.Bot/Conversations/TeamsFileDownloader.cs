using System.Text.Json;
using Microsoft.Extensions.Options;
using TraAM.Bot.Protocol;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Conversations;

/// <summary>
/// Fetches a file a user sent in a personal chat. Teams gives a short-lived, pre-authorised SharePoint URL
/// (<c>downloadUrl</c>); the bot sends no token there. The URL comes from the activity, so it is checked before use:
/// HTTPS on a SharePoint host (or loopback in local mode, for the Agents Playground), at every redirect too, and the
/// size is capped.
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
    /// The file's bytes, or why not as the key of a text to show: "import.unreachable" (an address that is not Teams'
    /// SharePoint, a redirect elsewhere, a failed download) or <paramref name="tooLargeKey"/> (over <paramref name="maxBytes"/>).
    /// </summary>
    public async Task<(MemoryStream? Content, string? ProblemKey)> ReceiveAsync(TeamsFile file, long maxBytes, string tooLargeKey, CancellationToken ct)
    {
        try
        {
            var content = await DownloadAsync(file.DownloadUrl, maxBytes, ct);
            return content is null ? (null, tooLargeKey) : (content, null);
        }
        catch (HttpRequestException ex)
        {
            LogDownloadFailed(logger, (int?)ex.StatusCode ?? 0);
            return (null, "import.unreachable");
        }
        catch (InvalidOperationException)
        {
            LogRefusedUrl(logger);
            return (null, "import.unreachable");
        }
    }

    /// <summary>
    /// The file's bytes, or null when it is larger than <paramref name="maxBytes"/>. Redirects are followed by hand
    /// (the HTTP client follows none), each hop checked like the first address: a SharePoint link cannot send the bot,
    /// and what it would download, to another host.
    /// </summary>
    public async Task<MemoryStream?> DownloadAsync(string url, long maxBytes, CancellationToken ct)
    {
        using var client = http.CreateClient(HttpClientName);
        var address = url;
        for (var hop = 0; ; hop++)
        {
            if (!IsAllowed(address)) throw new InvalidOperationException("Download URL not allowed.");
            using var response = await client.GetAsync(new Uri(address), HttpCompletionOption.ResponseHeadersRead, ct);
            if (IsRedirect(response.StatusCode) && response.Headers.Location is { } next && hop < MaxRedirects)
            {
                address = new Uri(new Uri(address), next).AbsoluteUri;
                continue;
            }

            response.EnsureSuccessStatusCode();
            return await ReadAsync(response, maxBytes, ct);
        }
    }

    private const int MaxRedirects = 3;

    private static bool IsRedirect(System.Net.HttpStatusCode status) => (int)status is >= 300 and < 400;

    private static async Task<MemoryStream?> ReadAsync(HttpResponseMessage response, long maxBytes, CancellationToken ct)
    {
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
