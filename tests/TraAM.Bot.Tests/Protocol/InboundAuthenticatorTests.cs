using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;
using TraAM.Bot.Protocol;
using TraAM.Bot.Protocol.Authentication;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Tests.Protocol;

/// <summary>The rules of protocol.md §1, one case each (the auth probe checks the same against Microsoft's validator).</summary>
public sealed class InboundAuthenticatorTests : IDisposable
{
    private readonly TestIssuer _issuer = new();

    private InboundAuthenticator Authenticator(params string[] endorsements)
    {
        var keys = BotSigningKeysRetriever.Parse(_issuer.Jwks(endorsements.Length == 0 ? ["msteams"] : endorsements));
        var options = Options.Create(new BotProtocolOptions { MicrosoftAppId = TestIssuer.AppId, MicrosoftAppPassword = "x" });
        return new InboundAuthenticator(new StaticConfigurationManager<BotSigningKeys>(keys), options, NullLogger<InboundAuthenticator>.Instance);
    }

    private static Activity Message(string channelId = "msteams", string serviceUrl = TestIssuer.ServiceUrl) =>
        new() { Type = "message", ChannelId = channelId, ServiceUrl = serviceUrl };

    private Task<AuthenticationResult> Check(string? header, Activity? activity = null, InboundAuthenticator? authenticator = null) =>
        (authenticator ?? Authenticator()).AuthenticateAsync(header, activity ?? Message(), TestContext.Current.CancellationToken);

    [Fact]
    public async Task ValidToken_IsAccepted()
    {
        Assert.True((await Check("Bearer " + _issuer.Token())).Succeeded);
    }

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha384)]
    [InlineData(SecurityAlgorithms.RsaSha512)]
    public async Task OtherAllowedRsaAlgorithms_AreAccepted(string algorithm)
    {
        Assert.True((await Check("Bearer " + _issuer.Token(algorithm: algorithm))).Succeeded);
    }

    [Fact]
    public async Task ServiceUrl_IsComparedWithoutRegardToCase()
    {
        var result = await Check("Bearer " + _issuer.Token(), Message(serviceUrl: TestIssuer.ServiceUrl.ToUpperInvariant()));

        Assert.True(result.Succeeded);
    }

    public static TheoryData<string, Func<TestIssuer, string?>> Rejections => new()
    {
        { "no header", _ => null },
        { "basic scheme", i => "Basic " + i.Token() },
        { "lowercase bearer", i => "bearer " + i.Token() },
        { "garbage", _ => "Bearer not-a-jwt" },
        { "expired beyond the 5 min skew", i => "Bearer " + i.Token(expiresIn: TimeSpan.FromMinutes(-10)) },
        { "not valid yet beyond the skew", i => "Bearer " + i.Token(notBeforeIn: TimeSpan.FromMinutes(10)) },
        { "other audience", i => "Bearer " + i.Token(audience: "99999999-9999-9999-9999-999999999999") },
        { "other issuer", i => "Bearer " + i.Token(issuer: "https://evil.example.com") },
        { "unpublished key with the published kid", i => "Bearer " + i.Token(rogue: true) },
        { "unknown kid", i => "Bearer " + i.Token(kid: "no-such-kid") },
        { "PS256, an RSA algorithm outside RS256/384/512", i => "Bearer " + i.Token(algorithm: SecurityAlgorithms.RsaSsaPssSha256) },
        { "serviceurl claim of another host", i => "Bearer " + i.Token(serviceUrl: "https://smba.trafficmanager.net/evil/") },
        { "serviceurl claim missing", i => "Bearer " + i.Token(serviceUrl: null) },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task InvalidTokens_AreRejected(string because, Func<TestIssuer, string?> header)
    {
        var result = await Check(header(_issuer));

        Assert.False(result.Succeeded, because);
        Assert.NotNull(result.Reason);
    }

    [Fact]
    public async Task AlgNone_IsRejected()
    {
        var unsigned = _issuer.Token().Split('.');
        var header = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");

        var result = await Check($"Bearer {header}.{unsigned[1]}.");

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task ChannelNotEndorsedBySigningKey_IsRejected()
    {
        var authenticator = Authenticator("webchat");

        Assert.False((await Check("Bearer " + _issuer.Token(), Message(channelId: "msteams"), authenticator)).Succeeded);
        Assert.True((await Check("Bearer " + _issuer.Token(), Message(channelId: "webchat"), authenticator)).Succeeded);
    }

    [Fact]
    public async Task Reason_NeverContainsTheToken()
    {
        var token = _issuer.Token(audience: "someone-else");

        var result = await Check("Bearer " + token);

        Assert.DoesNotContain(token, result.Reason!, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[1], result.Reason!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARememberedToken_IsStillCheckedAgainstEachActivity()
    {
        var authenticator = Authenticator("webchat");
        var header = "Bearer " + _issuer.Token();

        Assert.True((await Check(header, Message(channelId: "webchat"), authenticator)).Succeeded);
        // The same token again: its signature is not verified twice, but the rest is.
        Assert.Equal("signing key does not endorse channel msteams", (await Check(header, Message(channelId: "msteams"), authenticator)).Reason);
        Assert.Equal("serviceurl claim does not match activity.serviceUrl",
            (await Check(header, Message(channelId: "webchat", serviceUrl: "https://evil.example/"), authenticator)).Reason);
        Assert.True((await Check(header, Message(channelId: "webchat"), authenticator)).Succeeded);
    }

    [Fact]
    public async Task ARememberedToken_IsRefusedOnceExpired()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var authenticator = new InboundAuthenticator(new StaticConfigurationManager<BotSigningKeys>(BotSigningKeysRetriever.Parse(_issuer.Jwks("msteams"))),
            Options.Create(new BotProtocolOptions { MicrosoftAppId = TestIssuer.AppId, MicrosoftAppPassword = "x" }), NullLogger<InboundAuthenticator>.Instance, clock);
        var header = "Bearer " + _issuer.Token(expiresIn: TimeSpan.FromMinutes(10));
        Assert.True((await Check(header, authenticator: authenticator)).Succeeded);

        clock.Advance(TimeSpan.FromMinutes(14)); // within the 5 min skew
        Assert.True((await Check(header, authenticator: authenticator)).Succeeded);
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("token rejected: lifetime", (await Check(header, authenticator: authenticator)).Reason);
    }

    [Fact]
    public async Task ANewKeySet_ForgetsRememberedTokens()
    {
        var keys = new SwappableKeys(BotSigningKeysRetriever.Parse(_issuer.Jwks("msteams")));
        var authenticator = new InboundAuthenticator(keys,
            Options.Create(new BotProtocolOptions { MicrosoftAppId = TestIssuer.AppId, MicrosoftAppPassword = "x" }), NullLogger<InboundAuthenticator>.Instance);
        var header = "Bearer " + _issuer.Token();
        Assert.True((await Check(header, authenticator: authenticator)).Succeeded);

        // The signing key is withdrawn (rotation): the token that it verified is no longer accepted.
        using var other = new TestIssuer();
        keys.Current = BotSigningKeysRetriever.Parse(other.Jwks("msteams").Replace(other.KeyId, "another-key", StringComparison.Ordinal));
        Assert.False((await Check(header, authenticator: authenticator)).Succeeded);
    }

    private sealed class SwappableKeys(BotSigningKeys current) : IConfigurationManager<BotSigningKeys>
    {
        public BotSigningKeys Current { get; set; } = current;

        public Task<BotSigningKeys> GetConfigurationAsync(CancellationToken cancel) => Task.FromResult(Current);

        public void RequestRefresh()
        {
        }
    }

    public void Dispose() => _issuer.Dispose();
}
