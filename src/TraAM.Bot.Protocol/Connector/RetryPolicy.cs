using System.Net;
using System.Net.Http.Headers;

namespace TraAM.Bot.Protocol.Connector;

/// <summary>
/// When to try a Connector call again (protocol.md §3.1-3.2). 429 and 503 mean "not processed": safe to resend,
/// after <c>Retry-After</c> when given. 412/502/504 and network failures are retried only for idempotent verbs;
/// for a POST they mean the outcome is unknown, and resending could post a message twice.
/// </summary>
public static class RetryPolicy
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(20);

    public enum Verdict { Success, Retry, Throttled, OutcomeUnknown, Fail }

    public readonly record struct Decision(Verdict Verdict, TimeSpan Delay);

    public static Decision ForResponse(HttpMethod method, HttpStatusCode status, RetryConditionHeaderValue? retryAfter,
        int attempt, int maxRetries, TimeSpan maxRetryAfter, DateTimeOffset now, Func<double> random)
    {
        var code = (int)status;
        if (code is >= 200 and < 300) return new(Verdict.Success, TimeSpan.Zero);

        var rejectedUnprocessed = status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
        var transient = status is HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout
            or HttpStatusCode.InternalServerError;
        if (!rejectedUnprocessed && !transient) return new(Verdict.Fail, TimeSpan.Zero);
        if (!rejectedUnprocessed && !IsIdempotent(method))
            return new(Verdict.OutcomeUnknown, TimeSpan.Zero);

        var asked = RetryAfter(retryAfter, now);
        if (asked is { } wait && wait > maxRetryAfter) return new(Verdict.Throttled, wait);
        if (attempt >= maxRetries)
            return rejectedUnprocessed ? new(Verdict.Throttled, asked ?? Backoff(attempt, random)) : new(Verdict.Fail, TimeSpan.Zero);
        return new(Verdict.Retry, asked ?? Backoff(attempt, random));
    }

    /// <summary>A transport failure: retry only what cannot have been delivered, or what is safe to repeat.</summary>
    public static Decision ForException(HttpMethod method, Exception exception, int attempt, int maxRetries, Func<double> random)
    {
        var neverSent = exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError };
        if (!neverSent && !IsIdempotent(method)) return new(Verdict.OutcomeUnknown, TimeSpan.Zero);
        return attempt >= maxRetries ? new(Verdict.Fail, TimeSpan.Zero) : new(Verdict.Retry, Backoff(attempt, random));
    }

    /// <summary>Exponential (1 s, 2 s, 4 s… capped at 20 s) with ±20 % jitter so many workers do not retry in step.</summary>
    public static TimeSpan Backoff(int attempt, Func<double> random)
    {
        var exp = Math.Min(MaxBackoff.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt)));
        var jitter = 0.8 + (0.4 * random());
        return TimeSpan.FromMilliseconds(exp * jitter);
    }

    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    private static bool IsIdempotent(HttpMethod method) => method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Delete;
}
