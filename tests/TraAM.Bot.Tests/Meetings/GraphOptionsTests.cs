using TraAM.Bot.Meetings;
using TraAM.Bot.Protocol;

namespace TraAM.Bot.Tests.Meetings;

public sealed class GraphOptionsTests
{
    private static readonly BotProtocolOptions Bot = new() { MicrosoftAppId = "app", MicrosoftAppPassword = "secret", MicrosoftAppTenantId = "tenant" };

    [Fact]
    public void No_organiser_is_the_fallback_and_never_a_problem()
    {
        var options = new GraphOptions().WithBotDefaults(new BotProtocolOptions());
        Assert.False(options.Enabled);
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void The_bots_own_app_id_secret_and_tenant_are_the_defaults()
    {
        var options = new GraphOptions { Organizer = "traam@ac-test.fr" }.WithBotDefaults(Bot);

        Assert.Equal(("app", "secret", "tenant"), (options.ClientId, options.ClientSecret, options.TenantId));
        Assert.Equal("https://login.microsoftonline.com/tenant/oauth2/v2.0/token", options.TokenEndpoint);
        Assert.Equal(GraphOptions.DefaultBaseUrl, options.BaseUrl);
        Assert.Empty(options.Problems());
    }

    [Theory]
    [InlineData("http://graph.example.org/v1.0", "Graph__BaseUrl")]
    [InlineData("pas une url", "Graph__BaseUrl")]
    public void A_token_never_goes_over_plain_http_beyond_loopback(string baseUrl, string named)
    {
        var options = new GraphOptions { Organizer = "traam@ac-test.fr", BaseUrl = baseUrl }.WithBotDefaults(Bot);
        Assert.Contains(options.Problems(), p => p.StartsWith(named, StringComparison.Ordinal));
    }

    [Fact]
    public void The_loopback_fake_is_accepted()
    {
        var options = new GraphOptions
        {
            Organizer = "traam@ac-test.fr", BaseUrl = "http://127.0.0.1:5399/v1.0", TokenEndpoint = "http://127.0.0.1:5399/{tenant}/oauth2/v2.0/token",
        }.WithBotDefaults(Bot);
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void An_organiser_without_credentials_names_each_missing_setting_in_French()
    {
        var problems = new GraphOptions { Organizer = "traam@ac-test.fr" }.WithBotDefaults(new BotProtocolOptions()).Problems();
        Assert.Contains(problems, p => p.StartsWith("Graph__TenantId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Graph__ClientId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Graph__ClientSecret", StringComparison.Ordinal));
    }
}
