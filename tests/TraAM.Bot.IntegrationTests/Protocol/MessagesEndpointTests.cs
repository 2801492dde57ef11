using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using TraAM.Bot.IntegrationTests.Infrastructure;

namespace TraAM.Bot.IntegrationTests.Protocol;

/// <summary>The HTTP contract of POST /api/messages, through the real pipeline and real token validation.</summary>
public sealed class MessagesEndpointTests(TraamApp app) : AppTest(app)
{
    [PostgresFact]
    public async Task Aide_WithAValidToken_RepliesWithTheHelpCard_CarryingTheAppToken()
    {
        var activity = Activities.PersonalMessage("Aide");

        using var response = await App.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(App.Connector.Activities);
        Assert.Equal(HttpMethod.Post, reply.Method);
        Assert.Equal($"/emea/v3/conversations/a:1PersonalChat/activities/{activity["id"]}", Uri.UnescapeDataString(reply.Path));
        Assert.Equal("Bearer app-token-for-connector", reply.Authorization);
        Assert.Equal("Aide de TraAM.Bot", reply.Card!["body"]![0]!["text"]!.GetValue<string>());
    }

    [PostgresFact]
    public async Task Help_InEnglish_ForAnEnglishTeamsClient()
    {
        using var response = await App.PostActivityAsync(Activities.PersonalMessage("help", locale: "en-GB"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("TraAM.Bot help", Assert.Single(App.Connector.Activities).Card!["body"]![0]!["text"]!.GetValue<string>());
    }

    public static TheoryData<string, Func<TraamApp, string?>> BadTokens => new()
    {
        { "none", _ => null },
        { "not bearer", a => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("a:b")) },
        { "other audience", a => "Bearer " + a.Issuer.Token(audience: "99999999-9999-9999-9999-999999999999") },
        { "expired", a => "Bearer " + a.Issuer.Token(expiresIn: TimeSpan.FromMinutes(-30)) },
        { "signed by an unpublished key", a => "Bearer " + a.Issuer.Token(rogue: true) },
        { "serviceurl of another host", a => "Bearer " + a.Issuer.Token(serviceUrl: "https://smba.trafficmanager.net/evil/") },
    };

    [PostgresTheory]
    [MemberData(nameof(BadTokens))]
    public async Task BadTokens_Get401_AndNothingHappens(string because, Func<TraamApp, string?> header)
    {
        using var response = await App.PostActivityAsync(Activities.PersonalMessage("aide"), header(App) ?? (string?)null);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, because);
        Assert.Empty(App.Connector.Requests);
        await using var db = App.CreateDbContext();
        Assert.Empty(db.ProcessedActivities);
    }

    [PostgresFact]
    public async Task MalformedJson_Gets400_WithAFrenchReason()
    {
        using var response = await PostRawAsync("{\"type\": \"message\",");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("JSON invalide", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task ActivityWithoutType_Gets400()
    {
        using var response = await PostRawAsync("""{"id":"1","text":"aide"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("type", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task BodyOverOneMegabyte_Gets413()
    {
        var activity = Activities.PersonalMessage(new string('x', 1024 * 1024 + 1));

        using var response = await App.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(App.Connector.Requests);
    }

    [PostgresFact]
    public async Task SameActivityTwice_HasOneEffect()
    {
        var activity = Activities.PersonalMessage("aide");

        using var first = await App.PostActivityAsync(activity);
        using var second = await App.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(App.Connector.Activities);
    }

    [PostgresFact]
    public async Task ActionExecute_IsAnsweredInTheHttpBody_AndARetryGetsTheSameAnswer()
    {
        var invoke = Activities.From("invoke-adaptive-card-action", a => a["locale"] = "fr-FR");

        using var first = await App.PostActivityAsync(invoke);
        using var second = await App.PostActivityAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = JsonNode.Parse(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Equal("Aide de TraAM.Bot", body["value"]!["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(body.ToJsonString(), JsonNode.Parse(await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.ToJsonString());
        Assert.Empty(App.Connector.Activities); // answered in the HTTP body, nothing posted
    }

    [PostgresFact]
    public async Task UnknownInvoke_Gets501()
    {
        using var response = await App.PostActivityAsync(Activities.From("invoke-adaptive-card-action", a => a["name"] = "task/fetch"));

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [PostgresFact]
    public async Task ServiceUrlOutsideTheAllowList_Gets403_AndTheTokenNeverLeaves()
    {
        var activity = Activities.PersonalMessage("aide");
        activity["serviceUrl"] = "https://attacker.example.com/";

        using var response = await App.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(App.Connector.Requests);
    }

    [PostgresFact]
    public async Task UnknownText_GetsAFrenchHint_WithoutEchoingIt()
    {
        using var response = await App.PostActivityAsync(Activities.PersonalMessage("mot de passe : hunter2"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>();
        Assert.Contains("Je n'ai pas compris", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
    }

    [PostgresTheory]
    [InlineData("Bonjour !", "fr-FR", "Bonjour", "aide")]
    [InlineData("salut", "fr-FR", "Bonjour", "aide")]
    [InlineData("merci beaucoup", "fr-FR", "plaisir", "aide")]
    [InlineData("hello", "en-US", "Hello", "help")]
    [InlineData("Thanks!", "en-GB", "welcome", "help")]
    public async Task Greetings_GetAShortAnswer_AndTheHelpHint_InThePersonsLanguage(string typed, string locale, string answer, string hint)
    {
        using var response = await App.PostActivityAsync(Activities.PersonalMessage(typed, locale: locale));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>();
        Assert.Contains(answer, text, StringComparison.Ordinal);
        Assert.Contains($"**{hint}**", text, StringComparison.Ordinal);
        Assert.DoesNotContain("compris", text, StringComparison.Ordinal);
        Assert.DoesNotContain("understand", text, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostRawAsync(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", App.Issuer.Token());
        return await App.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
    }
}
