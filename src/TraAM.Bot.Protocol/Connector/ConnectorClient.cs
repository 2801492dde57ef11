using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TraAM.Bot.Protocol.Authentication;
using TraAM.Bot.Protocol.Schema;
using ActivityKind = System.Diagnostics.ActivityKind;
using ActivityStatusCode = System.Diagnostics.ActivityStatusCode;

namespace TraAM.Bot.Protocol.Connector;

/// <summary>The Connector over HTTP: allow-listed serviceUrl, app token, retries as <see cref="RetryPolicy"/> says.</summary>
internal sealed partial class ConnectorClient(
    HttpClient http,
    IAppTokenProvider tokens,
    ServiceUrlPolicy serviceUrls,
    IOptions<BotProtocolOptions> options,
    TimeProvider clock,
    ILogger<ConnectorClient> logger) : IConnector
{
    /// <summary>Replaced in tests so retry delays are recorded instead of waited for.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = (d, ct) => Task.Delay(d, clock, ct);

    public Task<ResourceResponse> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        CallAsync("SendToConversation", HttpMethod.Post, serviceUrl, $"v3/conversations/{E(conversationId)}/activities", activity, ProtocolJson.Context.Activity,
            ProtocolJson.Context.ResourceResponse, () => new ResourceResponse(), cancellationToken);

    public Task<ResourceResponse> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken) =>
        CallAsync("ReplyToActivity", HttpMethod.Post, serviceUrl, $"v3/conversations/{E(conversationId)}/activities/{E(replyToId)}", activity, ProtocolJson.Context.Activity,
            ProtocolJson.Context.ResourceResponse, () => new ResourceResponse(), cancellationToken);

    public Task<ResourceResponse> UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        activity.Id = activityId;
        return CallAsync("UpdateActivity", HttpMethod.Put, serviceUrl, $"v3/conversations/{E(conversationId)}/activities/{E(activityId)}", activity, ProtocolJson.Context.Activity,
            ProtocolJson.Context.ResourceResponse, () => new ResourceResponse { Id = activityId }, cancellationToken);
    }

    public Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) =>
        CallAsync<object, ResourceResponse>("DeleteActivity", HttpMethod.Delete, serviceUrl, $"v3/conversations/{E(conversationId)}/activities/{E(activityId)}", null, null,
            ProtocolJson.Context.ResourceResponse, () => new ResourceResponse(), cancellationToken);

    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken) =>
        CallAsync("CreateConversation", HttpMethod.Post, serviceUrl, "v3/conversations", parameters, ProtocolJson.Context.ConversationParameters,
            ProtocolJson.Context.ConversationResourceResponse, () => new ConversationResourceResponse(), cancellationToken);

    public Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var query = $"?pageSize={Math.Clamp(pageSize, 50, 500)}" + (continuationToken is null ? "" : $"&continuationToken={E(continuationToken)}");
        return CallAsync<object, PagedMembersResult>("GetConversationPagedMembers", HttpMethod.Get, serviceUrl, $"v3/conversations/{E(conversationId)}/pagedmembers{query}", null, null,
            ProtocolJson.Context.PagedMembersResult, () => new PagedMembersResult { Members = [] }, cancellationToken);
    }

    public Task<TeamsChannelAccount> GetConversationMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken) =>
        CallAsync<object, TeamsChannelAccount>("GetConversationMember", HttpMethod.Get, serviceUrl, $"v3/conversations/{E(conversationId)}/members/{E(memberId)}", null, null,
            ProtocolJson.Context.TeamsChannelAccount, () => new TeamsChannelAccount(), cancellationToken);

    public Task<TeamDetails> GetTeamDetailsAsync(string serviceUrl, string teamId, CancellationToken cancellationToken) =>
        CallAsync<object, TeamDetails>("GetTeamDetails", HttpMethod.Get, serviceUrl, $"v3/teams/{E(teamId)}", null, null,
            ProtocolJson.Context.TeamDetails, () => new TeamDetails(), cancellationToken);

    private async Task<TResult> CallAsync<TBody, TResult>(string operation, HttpMethod method, string serviceUrl, string relative, TBody? body,
        JsonTypeInfo<TBody>? bodyType, JsonTypeInfo<TResult> resultType, Func<TResult> empty, CancellationToken cancellationToken)
    {
        // Named as the Bot Framework SDK names its Connector operations; the URL (conversation ids) is not a tag.
        using var span = ProtocolTelemetry.Source.StartActivity($"connector {operation}", ActivityKind.Client);
        span?.SetTag("bot.connector.operation", operation);
        try
        {
            return await CallCoreAsync(operation, method, serviceUrl, relative, body, bodyType, resultType, empty, span, cancellationToken);
        }
        catch (Exception ex) when (span is not null)
        {
            span.SetTag("error.type", ex.GetType().FullName); // not its message: it quotes the conversation's URL
            span.SetStatus(ActivityStatusCode.Error);
            throw;
        }
    }

    private async Task<TResult> CallCoreAsync<TBody, TResult>(string operation, HttpMethod method, string serviceUrl, string relative, TBody? body,
        JsonTypeInfo<TBody>? bodyType, JsonTypeInfo<TResult> resultType, Func<TResult> empty, System.Diagnostics.Activity? span, CancellationToken cancellationToken)
    {
        if (!serviceUrls.IsAllowed(serviceUrl)) throw new ServiceUrlNotAllowedException(serviceUrl);
        var uri = new Uri(new Uri(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/"), relative);
        var o = options.Value;

        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, uri);
            if (body is not null && bodyType is not null) request.Content = JsonContent.Create(body, bodyType);
            if (await TokenAsync(cancellationToken) is { } token)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                var d = RetryPolicy.ForException(method, ex, attempt, o.MaxRetries, Random.Shared.NextDouble);
                if (d.Verdict == RetryPolicy.Verdict.OutcomeUnknown)
                    throw new ConnectorOutcomeUnknownException($"{method} {relative}: no answer ({ex.GetType().Name}); not re-sent", ex);
                if (d.Verdict != RetryPolicy.Verdict.Retry) throw new ConnectorException(0, "Unreachable", $"{method} {relative}: {ex.Message}", null, ex);
                LogRetry(logger, method.Method, 0, attempt + 1, d.Delay.TotalMilliseconds);
                await Delay(d.Delay, cancellationToken);
                continue;
            }

            using (response)
            {
                span?.SetTag("http.response.status_code", (int)response.StatusCode);
                span?.SetTag("bot.connector.attempts", attempt + 1);
                if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                    ProtocolTelemetry.ConnectorThrottled.Add(1, new KeyValuePair<string, object?>("bot.connector.operation", operation),
                        new KeyValuePair<string, object?>("http.response.status_code", (int)response.StatusCode));
                var operationId = response.Headers.TryGetValues("X-Correlating-OperationId", out var ids) ? ids.FirstOrDefault() : null;
                var decision = RetryPolicy.ForResponse(method, response.StatusCode, response.Headers.RetryAfter, attempt,
                    o.MaxRetries, o.MaxRetryAfter, clock.GetUtcNow(), Random.Shared.NextDouble);
                switch (decision.Verdict)
                {
                    case RetryPolicy.Verdict.Success:
                        return await ReadAsync(response, resultType, empty, cancellationToken);
                    case RetryPolicy.Verdict.Retry:
                        LogRetry(logger, method.Method, (int)response.StatusCode, attempt + 1, decision.Delay.TotalMilliseconds);
                        await Delay(decision.Delay, cancellationToken);
                        continue;
                    case RetryPolicy.Verdict.Throttled:
                        throw new ConnectorThrottledException(response.StatusCode, decision.Delay, operationId);
                    case RetryPolicy.Verdict.OutcomeUnknown:
                        throw new ConnectorOutcomeUnknownException($"{method} {relative} answered {(int)response.StatusCode} (operation {operationId}); not re-sent");
                    default:
                        var error = await ReadErrorAsync(response, cancellationToken);
                        LogFailure(logger, method.Method, (int)response.StatusCode, error?.Code, operationId);
                        throw new ConnectorException(response.StatusCode, error?.Code,
                            $"{method} {relative} answered {(int)response.StatusCode} {error?.Code}: {error?.Message}", operationId);
                }
            }
        }
    }

    /// <summary>
    /// A token failure surfaces as "never sent", never as whatever the token endpoint threw: callers that already
    /// recorded "about to send" (the outbox) must be able to tell it from a send whose outcome is unknown.
    /// </summary>
    private async ValueTask<string?> TokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await tokens.GetTokenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new ConnectorTokenException(ex);
        }
    }

    private static async Task<TResult> ReadAsync<TResult>(HttpResponseMessage response, JsonTypeInfo<TResult> type, Func<TResult> empty, CancellationToken ct)
    {
        // 202 Accepted and some 200s carry no body (the Playground answers 202 without an id): not an error.
        if (response.StatusCode == HttpStatusCode.Accepted || response.Content.Headers.ContentLength == 0) return empty();
        var text = await response.Content.ReadAsStringAsync(ct);
        if (string.IsNullOrWhiteSpace(text)) return empty();
        try
        {
            return JsonSerializer.Deserialize(text, type) ?? empty();
        }
        catch (JsonException)
        {
            return empty();
        }
    }

    private static async Task<ErrorDetail?> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            return string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize(text, ProtocolJson.Context.ErrorResponse)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string E(string segment) => Uri.EscapeDataString(segment);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector {Method} answered {Status}; retry {Attempt} in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, string method, int status, int attempt, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Method} failed with {Status} {Code} (operation {OperationId})")]
    private static partial void LogFailure(ILogger logger, string method, int status, string? code, string? operationId);
}
