using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TraAM.Bot.Protocol;
using TraAM.Bot.Protocol.Authentication;

namespace TraAM.Bot.Tests.Protocol;

public sealed class AppTokenProviderTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeHttp _http = new();

    private AppTokenProvider Provider(string tenant = "") => new(new HttpClient(_http), Options.Create(new BotProtocolOptions
    {
        MicrosoftAppId = "11111111-2222-3333-4444-555555555555",
        MicrosoftAppPassword = "s3cret",
        MicrosoftAppTenantId = tenant,
    }), _clock);

    [Fact]
    public async Task Token_IsRequestedByClientCredentials_ForTheBotFrameworkScope()
    {
        _http.Then(HttpStatusCode.OK, """{"token_type":"Bearer","expires_in":3599,"access_token":"t1"}""");

        var token = await Provider().GetTokenAsync(TestContext.Current.CancellationToken);

        Assert.Equal("t1", token);
        var request = Assert.Single(_http.Requests);
        Assert.Equal("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", request.Uri.AbsoluteUri);
        Assert.Contains("grant_type=client_credentials", request.Body, StringComparison.Ordinal);
        Assert.Contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SingleTenant_AsksItsOwnTenant()
    {
        _http.Then(HttpStatusCode.OK, """{"expires_in":3599,"access_token":"t1"}""");

        await Provider("0b0c0d0e-1111-4c6e-9a5a-000000000031").GetTokenAsync(TestContext.Current.CancellationToken);

        Assert.StartsWith("https://login.microsoftonline.com/0b0c0d0e-1111-4c6e-9a5a-000000000031/", _http.Requests[0].Uri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_IsCached_UntilFiveMinutesBeforeExpiry()
    {
        _http.Then(HttpStatusCode.OK, """{"expires_in":3600,"access_token":"t1"}""")
             .Then(HttpStatusCode.OK, """{"expires_in":3600,"access_token":"t2"}""");
        var provider = Provider();

        Assert.Equal("t1", await provider.GetTokenAsync(TestContext.Current.CancellationToken));
        _clock.Advance(TimeSpan.FromMinutes(54));
        Assert.Equal("t1", await provider.GetTokenAsync(TestContext.Current.CancellationToken));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("t2", await provider.GetTokenAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, _http.Requests.Count);
    }

    [Fact]
    public async Task Refusal_NamesTheEntraError_WithoutTheSecret()
    {
        _http.Then(HttpStatusCode.Unauthorized, """{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}""");

        var ex = await Assert.ThrowsAsync<BotTokenException>(async () => await Provider().GetTokenAsync(TestContext.Current.CancellationToken));

        Assert.Contains("AADSTS7000215", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", ex.Message, StringComparison.Ordinal);
    }
}
