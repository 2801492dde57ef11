using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace TraAM.Bot.IntegrationTests.Infrastructure;

/// <summary>The Bot Connector as the bot sees it over HTTP: answers like Teams and records what the bot sent.</summary>
public sealed class RecordingConnector : HttpMessageHandler
{
    private int _ids;

    public ConcurrentQueue<Sent> Requests { get; } = new();

    public sealed record Sent(HttpMethod Method, string Path, string? Authorization, JsonNode? Body)
    {
        public JsonNode? Card => Body?["attachments"]?[0]?["content"];

        /// <summary>Every text the card shows (TextBlocks, facts), unescaped, in order.</summary>
        public IReadOnlyList<string> CardTexts => [.. Texts(Card)];

        private static IEnumerable<string> Texts(JsonNode? node) => node switch
        {
            JsonObject o => o.SelectMany(p => p.Key is "text" or "title" or "value" && p.Value is JsonValue v && v.TryGetValue<string>(out var s)
                ? [s] : Texts(p.Value)),
            JsonArray a => a.SelectMany(Texts),
            _ => [],
        };
    }

    /// <summary>What GET v3/teams/{id} answers; null answers 404 as for a team the bot cannot see.</summary>
    public int? TeamMemberCount { get; set; }

    /// <summary>What GET v3/conversations/{id}/members/{memberId} answers, by member id; others answer 404.</summary>
    public ConcurrentDictionary<string, (string Email, string? AadObjectId)> Members { get; } = new();

    public IReadOnlyList<Sent> Activities => [.. Requests.Where(r => r.Path.Contains("/activities", StringComparison.Ordinal))];

    /// <summary>
    /// An answer to give instead of the usual one (e.g. 429, 403 MessageWritesBlocked): asked first for every request,
    /// with the method, the path and how many requests came before; null lets the request through.
    /// </summary>
    public Func<HttpMethod, string, int, HttpResponseMessage?>? Respond { get; set; }

    public void Clear()
    {
        Requests.Clear();
        Members.Clear();
        Respond = null;
    }

    /// <summary>What Teams answers when it refuses: a status with its error code, and Retry-After when given.</summary>
    public static HttpResponseMessage Error(HttpStatusCode status, string code, int? retryAfterSeconds = null)
    {
        var response = Json(status, $$$"""{"error":{"code":"{{{code}}}","message":"{{{code}}}"}}""");
        if (retryAfterSeconds is { } s) response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(s));
        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        Requests.Enqueue(new Sent(request.Method, path, request.Headers.Authorization?.ToString(), string.IsNullOrEmpty(body) ? null : JsonNode.Parse(body)));
        var id = Interlocked.Increment(ref _ids);
        if (Respond?.Invoke(request.Method, path, Requests.Count - 1) is { } scripted) return scripted;
        if (request.Method == HttpMethod.Get && path.Contains("/v3/teams/", StringComparison.Ordinal))
        {
            return TeamMemberCount is { } n
                ? Json(HttpStatusCode.OK, $$"""{"id":"team","name":"Équipe","memberCount":{{n}}}""")
                : Json(HttpStatusCode.NotFound, """{"error":{"code":"NotFound","message":"team not found"}}""");
        }

        if (request.Method == HttpMethod.Get && path.Contains("/members/", StringComparison.Ordinal))
        {
            var memberId = Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
            return Members.TryGetValue(memberId, out var m)
                ? Json(HttpStatusCode.OK, new JsonObject { ["id"] = memberId, ["email"] = m.Email, ["userPrincipalName"] = m.Email, ["aadObjectId"] = m.AadObjectId }.ToJsonString())
                : Json(HttpStatusCode.NotFound, """{"error":{"code":"MemberNotFoundInConversation","message":"member not found"}}""");
        }

        if (request.Method == HttpMethod.Post && path.EndsWith("/v3/conversations", StringComparison.Ordinal))
            return Json(HttpStatusCode.Created, $$"""{"id":"a:created-{{id}}","activityId":"{{id}}"}""");
        return Json(request.Method == HttpMethod.Put ? HttpStatusCode.OK : HttpStatusCode.Created, $$"""{"id":"{{id}}"}""");
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}

/// <summary>login.botframework.com and Entra's token endpoint, for the bot's HTTP clients.</summary>
public sealed class IssuerEndpoints(Func<string> jwks) : HttpMessageHandler
{
    public const string MetadataUrl = "https://login.test.invalid/v1/.well-known/openidconfiguration";
    public const string TokenUrl = "https://login.test.invalid/botframework.com/oauth2/v2.0/token";
    private int _tokens;

    public int TokensIssued => _tokens;

    /// <summary>Set, the token endpoint refuses with this status, as Entra does for an expired secret (AADSTS7000222).</summary>
    public HttpStatusCode? TokenFailure { get; set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.AbsoluteUri;
        string json;
        if (url == MetadataUrl) json = """{"issuer":"https://api.botframework.com","jwks_uri":"https://login.test.invalid/v1/.well-known/keys"}""";
        else if (url.EndsWith("/keys", StringComparison.Ordinal)) json = jwks();
        else if (url == TokenUrl && TokenFailure is { } failure)
        {
            return Task.FromResult(new HttpResponseMessage(failure)
            {
                Content = new StringContent("""{"error":"invalid_client","error_description":"AADSTS7000222: The provided client secret keys are expired."}""", Encoding.UTF8, "application/json"),
            });
        }
        else if (url == TokenUrl)
        {
            Interlocked.Increment(ref _tokens);
            json = """{"token_type":"Bearer","expires_in":3600,"access_token":"app-token-for-connector"}""";
        }
        else return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
    }
}
