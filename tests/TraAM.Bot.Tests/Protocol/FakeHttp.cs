using System.Net;
using System.Text;

namespace TraAM.Bot.Tests.Protocol;

/// <summary>An HttpMessageHandler that answers from a script and records every request (body read eagerly).</summary>
internal sealed class FakeHttp : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> _script = new();

    public List<(HttpMethod Method, Uri Uri, string? Authorization, string Body)> Requests { get; } = [];

    public FakeHttp Then(HttpStatusCode status, string? json = null, Action<HttpResponseMessage>? configure = null)
    {
        _script.Enqueue(_ =>
        {
            var r = new HttpResponseMessage(status);
            if (json is not null) r.Content = new StringContent(json, Encoding.UTF8, "application/json");
            configure?.Invoke(r);
            return r;
        });
        return this;
    }

    public FakeHttp Throw(Exception ex)
    {
        _script.Enqueue(_ => throw ex);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body));
        if (_script.Count == 0) throw new InvalidOperationException($"unexpected request {request.Method} {request.RequestUri}");
        return _script.Dequeue()(request);
    }
}
