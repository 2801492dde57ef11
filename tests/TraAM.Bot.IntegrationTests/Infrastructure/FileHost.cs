using System.Collections.Concurrent;
using System.Net;

namespace TraAM.Bot.IntegrationTests.Infrastructure;

/// <summary>Serves files at the pre-authorised URLs Teams puts in a file attachment, and records who asked.</summary>
public sealed class FileHost : HttpMessageHandler
{
    public ConcurrentDictionary<string, byte[]> Files { get; } = new();
    public ConcurrentQueue<(string Url, string? Authorization)> Requests { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.AbsoluteUri;
        Requests.Enqueue((url, request.Headers.Authorization?.ToString()));
        return Task.FromResult(Files.TryGetValue(url, out var bytes)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) }
            : new HttpResponseMessage(HttpStatusCode.NotFound));
    }
}
