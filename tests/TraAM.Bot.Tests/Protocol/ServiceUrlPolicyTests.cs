using Microsoft.Extensions.Options;
using TraAM.Bot.Protocol;
using TraAM.Bot.Protocol.Authentication;

namespace TraAM.Bot.Tests.Protocol;

public sealed class ServiceUrlPolicyTests
{
    private static ServiceUrlPolicy Policy(bool local = false, params string[] allowed) => new(Options.Create(new BotProtocolOptions
    {
        MicrosoftAppId = local ? "" : "11111111-2222-3333-4444-555555555555",
        AllowedServiceUrls = [.. allowed],
    }));

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/", true)]
    [InlineData("https://smba.trafficmanager.net/teams", true)]
    [InlineData("https://SMBA.trafficmanager.net/amer/", true)]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/gcc/", true)]
    [InlineData("https://smba.infra.gov.teams.microsoft.us/gcch", true)]
    [InlineData("http://smba.trafficmanager.net/emea/", false)]
    [InlineData("https://smba.trafficmanager.net.evil.com/emea/", false)]
    [InlineData("https://user@smba.trafficmanager.net/emea/", false)]
    [InlineData("https://smba.trafficmanager.net:8443/emea/", false)]
    [InlineData("http://127.0.0.1:56150/_connector", false)]
    [InlineData("not a url", false)]
    public void Defaults_AllowTeamsConnectorHostsOnly(string serviceUrl, bool allowed)
    {
        Assert.Equal(allowed, Policy().IsAllowed(serviceUrl));
    }

    [Fact]
    public void Configured_List_ReplacesTheDefaults_AndMatchesByPathPrefix()
    {
        var policy = Policy(false, "http://127.0.0.1:5100/connector");

        Assert.True(policy.IsAllowed("http://127.0.0.1:5100/connector/"));
        Assert.True(policy.IsAllowed("http://127.0.0.1:5100/connector"));
        Assert.False(policy.IsAllowed("http://127.0.0.1:5100/other/"));
        Assert.False(policy.IsAllowed("https://smba.trafficmanager.net/emea/"));
    }

    [Fact]
    public void LocalMode_AlsoAllowsLoopback_WhereThePlaygroundRuns()
    {
        Assert.True(Policy(local: true).IsAllowed("http://localhost:56150/_connector"));
        Assert.False(Policy(local: true).IsAllowed("http://192.168.1.10:56150/_connector"));
    }
}
