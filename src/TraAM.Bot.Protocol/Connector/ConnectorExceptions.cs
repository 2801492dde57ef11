using System.Net;

namespace TraAM.Bot.Protocol.Connector;

/// <summary>The Connector refused the call; <see cref="Code"/> is Teams' error code (e.g. MessageWritesBlocked).</summary>
public class ConnectorException(HttpStatusCode status, string? code, string message, string? operationId = null, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode Status { get; } = status;
    public string? Code { get; } = code;

    /// <summary>Teams' <c>X-Correlating-OperationId</c>, what Microsoft support asks for.</summary>
    public string? OperationId { get; } = operationId;

    /// <summary>403 MessageWritesBlocked or 404 on a conversation: the user blocked or removed the app.</summary>
    public bool IsRecipientUnreachable =>
        (Status == HttpStatusCode.Forbidden && string.Equals(Code, "MessageWritesBlocked", StringComparison.OrdinalIgnoreCase))
        || (Status == HttpStatusCode.NotFound && string.Equals(Code, "ConversationNotFound", StringComparison.OrdinalIgnoreCase));
}

/// <summary>Still throttled after our retries, or asked to wait longer than one call may: retry after <see cref="RetryAfter"/>.</summary>
public sealed class ConnectorThrottledException(HttpStatusCode status, TimeSpan retryAfter, string? operationId)
    : ConnectorException(status, "Throttled", $"Connector asked to retry after {retryAfter.TotalSeconds:0.#} s", operationId)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>
/// A POST that may or may not have reached Teams (timeout, 500/502/504, connection dropped after sending). Sending it
/// again could post the message twice, so the caller decides (e.g. keep it for reconciliation) instead of us.
/// </summary>
public sealed class ConnectorOutcomeUnknownException(string message, Exception? inner = null)
    : ConnectorException(0, "OutcomeUnknown", message, null, inner);

/// <summary>
/// The bot's own token could not be had (expired secret, token endpoint down): the request never left, so it is
/// always safe to try again later.
/// </summary>
public sealed class ConnectorTokenException(Exception inner)
    : ConnectorException(0, "TokenUnavailable", $"the bot's token is unavailable ({inner.GetType().Name}); nothing was sent", null, inner);

/// <summary>A serviceUrl outside the allow-list: our token never leaves for it.</summary>
public sealed class ServiceUrlNotAllowedException(string serviceUrl)
    : Exception($"serviceUrl {serviceUrl} is not in Bot__AllowedServiceUrls: refusing to send the bot's token there.");
