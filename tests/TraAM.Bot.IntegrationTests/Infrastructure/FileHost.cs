using System.Collections.Concurrent;
using System.Net;

namespace TraAM.Bot.IntegrationTests.Infrastructure;

/// <summary>Serves files at the pre-authorised URLs Teams puts in a file attachment, records who asked, and takes uploads.</summary>
public sealed class FileHost : HttpMessageHandler
{
    public ConcurrentDictionary<string, byte[]> Files { get; } = new();
    public ConcurrentQueue<(string Url, string? Authorization)> Requests { get; } = new();

    /// <summary>What was PUT, as to a OneDrive upload session after a file consent: url, bytes, Content-Range.</summary>
    public ConcurrentQueue<(string Url, byte[] Body, string? ContentRange, string? Authorization)> Uploads { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.AbsoluteUri;
        if (request.Method == HttpMethod.Put)
        {
            var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            Uploads.Enqueue((url, body, request.Content.Headers.ContentRange?.ToString(), request.Headers.Authorization?.ToString()));
            return new HttpResponseMessage(HttpStatusCode.Created);
        }

        Requests.Enqueue((url, request.Headers.Authorization?.ToString()));
        return Files.TryGetValue(url, out var bytes)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) }
            : new HttpResponseMessage(HttpStatusCode.NotFound);
    }
}
