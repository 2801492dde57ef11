using System.Net;
using System.Net.Http.Headers;
using static TraAM.Bot.Protocol.Connector.RetryPolicy;

namespace TraAM.Bot.Tests.Protocol;

public sealed class RetryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    private static Decision Decide(HttpMethod method, HttpStatusCode status, RetryConditionHeaderValue? retryAfter = null, int attempt = 0) =>
        ForResponse(method, status, retryAfter, attempt, maxRetries: 2, MaxWait, Now, () => 0.5);

    [Fact]
    public void TooManyRequests_WaitsWhatRetryAfterSays()
    {
        var d = Decide(HttpMethod.Post, HttpStatusCode.TooManyRequests, new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)));

        Assert.Equal(Verdict.Retry, d.Verdict);
        Assert.Equal(TimeSpan.FromSeconds(3), d.Delay);
    }

    [Fact]
    public void RetryAfter_AsAnHttpDate_IsMeasuredFromNow()
    {
        var d = Decide(HttpMethod.Post, HttpStatusCode.ServiceUnavailable, new RetryConditionHeaderValue(Now.AddSeconds(4)));

        Assert.Equal(Verdict.Retry, d.Verdict);
        Assert.Equal(TimeSpan.FromSeconds(4), d.Delay);
    }

    [Fact]
    public void RetryAfter_LongerThanOneCallMayWait_IsHandedToTheCaller()
    {
        var d = Decide(HttpMethod.Post, HttpStatusCode.TooManyRequests, new RetryConditionHeaderValue(TimeSpan.FromSeconds(60)));

        Assert.Equal(Verdict.Throttled, d.Verdict);
        Assert.Equal(TimeSpan.FromSeconds(60), d.Delay);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    public void Post_WithAmbiguousFailure_IsNeverResent(HttpStatusCode status)
    {
        Assert.Equal(Verdict.OutcomeUnknown, Decide(HttpMethod.Post, status).Verdict);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public void IdempotentCalls_AreRetried_OnTransientFailures(string method)
    {
        Assert.Equal(Verdict.Retry, Decide(new HttpMethod(method), HttpStatusCode.BadGateway).Verdict);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    public void ClientErrors_FailAtOnce(HttpStatusCode status)
    {
        Assert.Equal(Verdict.Fail, Decide(HttpMethod.Get, status).Verdict);
    }

    [Fact]
    public void Throttling_AfterTheLastRetry_IsHandedToTheCaller()
    {
        Assert.Equal(Verdict.Throttled, Decide(HttpMethod.Post, HttpStatusCode.TooManyRequests, attempt: 2).Verdict);
    }

    [Fact]
    public void Backoff_GrowsExponentially_IsCapped_AndJittered()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(800), Backoff(0, () => 0));
        Assert.Equal(TimeSpan.FromMilliseconds(2400), Backoff(1, () => 1));
        Assert.Equal(TimeSpan.FromSeconds(20), Backoff(10, () => 0.5));
        Assert.Equal(TimeSpan.FromSeconds(24), Backoff(30, () => 1));
    }

    [Fact]
    public void Post_ThatNeverLeft_IsResent_ButOneThatMayHaveArrived_IsNot()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "refused");
        var dropped = new HttpRequestException(HttpRequestError.ResponseEnded, "connection closed mid-response");

        Assert.Equal(Verdict.Retry, ForException(HttpMethod.Post, refused, 0, 2, () => 0.5).Verdict);
        Assert.Equal(Verdict.OutcomeUnknown, ForException(HttpMethod.Post, dropped, 0, 2, () => 0.5).Verdict);
        Assert.Equal(Verdict.OutcomeUnknown, ForException(HttpMethod.Post, new TaskCanceledException("timeout"), 0, 2, () => 0.5).Verdict);
        Assert.Equal(Verdict.Retry, ForException(HttpMethod.Get, dropped, 0, 2, () => 0.5).Verdict);
    }
}
