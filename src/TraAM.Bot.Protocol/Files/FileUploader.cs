using System.Net.Http.Headers;

namespace TraAM.Bot.Protocol.Files;

/// <summary>
/// Uploads an accepted file to the upload session Teams gave in <c>uploadInfo.uploadUrl</c> (protocol.md §2.8): one
/// PUT with <c>Content-Range</c>, no bot token (the URL is the authorisation), and only over HTTPS, so the file never
/// leaves in clear whatever the invoke said.
/// </summary>
public sealed class FileUploader(IHttpClientFactory clients)
{
    public const string HttpClientName = "file-upload";

    public async Task UploadAsync(string uploadUrl, byte[] content, CancellationToken cancellationToken)
    {
        if (!IsAllowed(uploadUrl)) throw new InvalidOperationException("The upload URL must be an absolute https URL.");
        using var body = new ByteArrayContent(content);
        body.Headers.ContentLength = content.Length;
        body.Headers.ContentRange = new ContentRangeHeaderValue(0, Math.Max(content.Length - 1, 0), content.Length);
        using var request = new HttpRequestMessage(HttpMethod.Put, uploadUrl) { Content = body };
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public static bool IsAllowed(string? uploadUrl) =>
        Uri.TryCreate(uploadUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
}
