using TraAM.Bot.Protocol;

namespace TraAM.Bot.Tests.Protocol;

public sealed class BotProtocolOptionsTests
{
    private static IReadOnlyList<string> Errors(BotProtocolOptions o) =>
        new BotProtocolOptionsValidator().Validate(null, o).Failures?.ToList() ?? [];

    [Fact]
    public void LocalMode_NeedsNothing()
    {
        Assert.Empty(Errors(new BotProtocolOptions()));
        Assert.True(new BotProtocolOptions().IsLocalMode);
    }

    [Fact]
    public void AppId_WithoutPassword_IsRefused_WithTheSettingName()
    {
        var errors = Errors(new BotProtocolOptions { MicrosoftAppId = "11111111-2222-3333-4444-555555555555" });

        Assert.Contains(errors, e => e.Contains("Bot__MicrosoftAppPassword", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://login.example.com/token")]
    [InlineData("relative/path")]
    public void Endpoints_MustBeHttps_ExceptOnLoopback(string endpoint)
    {
        var errors = Errors(new BotProtocolOptions { MicrosoftAppId = "11111111-2222-3333-4444-555555555555", MicrosoftAppPassword = "x", TokenEndpoint = endpoint });

        Assert.Contains(errors, e => e.Contains("Bot__TokenEndpoint", StringComparison.Ordinal));
    }

    [Fact]
    public void TokenEndpoint_DefaultsToTheTenant_WhenSingleTenant()
    {
        var o = new BotProtocolOptions { MicrosoftAppTenantId = "0b0c0d0e-1111-4c6e-9a5a-000000000031" };

        Assert.Equal("https://login.microsoftonline.com/0b0c0d0e-1111-4c6e-9a5a-000000000031/oauth2/v2.0/token", o.EffectiveTokenEndpoint);
    }

    [Theory]
    [InlineData("http://127.0.0.1:3978", true)]
    [InlineData("http://localhost:3978", true)]
    [InlineData("http://[::1]:3978", true)]
    [InlineData("http://0.0.0.0:3978", false)]
    [InlineData("http://*:3978", false)]
    [InlineData("http://+:3978", false)]
    [InlineData("http://10.0.0.5:3978", false)]
    public void LocalModeGuard_KnowsLoopback(string url, bool loopback)
    {
        Assert.Equal(loopback, LocalModeGuard.IsLoopback(url));
    }
}
