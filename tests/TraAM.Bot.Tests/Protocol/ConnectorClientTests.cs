using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TraAM.Bot.Protocol;
using TraAM.Bot.Protocol.Authentication;
using TraAM.Bot.Protocol.Connector;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Tests.Protocol;

public sealed class ConnectorClientTests
{
    private const string Teams = "https://smba.trafficmanager.net/emea/";
    private readonly FakeHttp _http = new();
    private readonly List<TimeSpan> _waits = [];
    private readonly Mock<IAppTokenProvider> _tokens = new();

    private ConnectorClient Client(BotProtocolOptions? options = null)
    {
        var o = Options.Create(options ?? new BotProtocolOptions { MicrosoftAppId = Guid.NewGuid().ToString(), MicrosoftAppPassword = "x" });
        _tokens.Setup(t => t.GetTokenAsync(It.IsAny<CancellationToken>())).ReturnsAsync("app-token");
        return new ConnectorClient(new HttpClient(_http), _tokens.Object, new ServiceUrlPolicy(o), o, new FakeTimeProvider(), NullLogger<ConnectorClient>.Instance)
        {
            Delay = (d, _) => { _waits.Add(d); return Task.CompletedTask; },
        };
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/")]
    [InlineData("https://smba.trafficmanager.net/emea")]
    public async Task Send_IsRelativeToServiceUrl_WithOrWithoutTrailingSlash_AndCarriesTheToken(string serviceUrl)
    {
        _http.Then(HttpStatusCode.Created, """{"id":"1:42"}""");

        var result = await Client().SendAsync(serviceUrl, "19:abc@thread.tacv2;messageid=1", new Activity { Type = "message", Text = "Bonjour" }, TestContext.Current.CancellationToken);

        Assert.Equal("1:42", result.Id);
        var request = Assert.Single(_http.Requests);
        Assert.Equal("https://smba.trafficmanager.net/emea/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D1/activities", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer app-token", request.Authorization);
        Assert.Contains("\"text\":\"Bonjour\"", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_WithoutAToken_FailsAsNeverSent_AndNeverCallsTeams()
    {
        var client = Client();
        _tokens.Setup(t => t.GetTokenAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new BotTokenException("Token endpoint answered 401"));

        var ex = await Assert.ThrowsAnyAsync<ConnectorException>(() =>
            client.SendAsync(Teams, "a:1", new Activity { Type = "message" }, TestContext.Current.CancellationToken));

        Assert.Equal("TokenUnavailable", ex.Code); // the outbox puts the message back in the queue: it cannot have reached Teams
        Assert.Empty(_http.Requests);
    }

    [Fact]
    public async Task Send_Accepted_WithoutBody_IsNotAnError()
    {
        _http.Then(HttpStatusCode.Accepted);

        var result = await Client().SendAsync(Teams, "a:1", new Activity { Type = "message" }, TestContext.Current.CancellationToken);

        Assert.Null(result.Id);
    }

    [Fact]
    public async Task Send_ToAServiceUrlOutsideTheAllowList_NeverLeavesTheProcess()
    {
        await Assert.ThrowsAsync<ServiceUrlNotAllowedException>(() =>
            Client().SendAsync("https://evil.example.com/", "a:1", new Activity { Type = "message" }, TestContext.Current.CancellationToken));

        Assert.Empty(_http.Requests);
        _tokens.Verify(t => t.GetTokenAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Send_Throttled_WaitsRetryAfter_ThenSucceeds()
    {
        _http.Then(HttpStatusCode.TooManyRequests, configure: r => r.Headers.RetryAfter = new(TimeSpan.FromSeconds(2)))
             .Then(HttpStatusCode.Created, """{"id":"7"}""");

        var result = await Client().SendAsync(Teams, "a:1", new Activity { Type = "message" }, TestContext.Current.CancellationToken);

        Assert.Equal("7", result.Id);
        Assert.Equal(2, _http.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(2)], _waits);
    }

    [Fact]
    public async Task Send_GatewayTimeout_IsReportedAsUnknownOutcome_AndNotResent()
    {
        _http.Then(HttpStatusCode.GatewayTimeout);

        await Assert.ThrowsAsync<ConnectorOutcomeUnknownException>(() =>
            Client().SendAsync(Teams, "a:1", new Activity { Type = "message" }, TestContext.Current.CancellationToken));

        Assert.Single(_http.Requests);
    }

    [Fact]
    public async Task Update_BadGateway_IsRetried_BecausePutIsIdempotent()
    {
        _http.Then(HttpStatusCode.BadGateway).Then(HttpStatusCode.OK, """{"id":"5"}""");

        await Client().UpdateAsync(Teams, "a:1", "5", new Activity { Type = "message" }, TestContext.Current.CancellationToken);

        Assert.Equal(2, _http.Requests.Count);
        Assert.All(_http.Requests, r => Assert.Equal(HttpMethod.Put, r.Method));
        Assert.EndsWith("/v3/conversations/a%3A1/activities/5", _http.Requests[0].Uri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_BlockedByTheUser_SaysTheRecipientIsUnreachable()
    {
        _http.Then(HttpStatusCode.Forbidden, """{"error":{"code":"MessageWritesBlocked","message":"Thread is blocked"}}""",
            r => r.Headers.Add("X-Correlating-OperationId", "op-1"));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => Client().SendAsync(Teams, "a:1", new Activity { Type = "message" }, TestContext.Current.CancellationToken));

        Assert.True(ex.IsRecipientUnreachable);
        Assert.Equal("op-1", ex.OperationId);
    }

    [Fact]
    public async Task CreatePersonalChat_PostsWhatTeamsDocuments_AndReadsTheNewId()
    {
        _http.Then(HttpStatusCode.Created, """{"id":"a:1new","activityId":"9"}""");

        var created = await Client().CreateConversationAsync(Teams, ConversationParameters.PersonalChat("28:bot", "29:user", "tenant"), TestContext.Current.CancellationToken);

        Assert.Equal("a:1new", created.Id);
        Assert.EndsWith("/emea/v3/conversations", _http.Requests[0].Uri.AbsoluteUri, StringComparison.Ordinal);
        var body = System.Text.Json.Nodes.JsonNode.Parse(_http.Requests[0].Body)!;
        Assert.False(body["isGroup"]!.GetValue<bool>());
        Assert.Equal("28:bot", body["bot"]!["id"]!.GetValue<string>());
        Assert.Equal("29:user", body["members"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("tenant", body["channelData"]!["tenant"]!["id"]!.GetValue<string>());
        Assert.Equal("tenant", body["tenantId"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateChannelThread_CarriesTheChannelAndTheFirstMessage()
    {
        _http.Then(HttpStatusCode.Created, """{"id":"19:chan@thread.tacv2;messageid=77","activityId":"77"}""");
        var first = new Activity { Type = "message", Text = "Point d'étape de mars" };

        var created = await Client().CreateConversationAsync(Teams, ConversationParameters.ChannelThread("28:bot", "19:chan@thread.tacv2", "tenant", first), TestContext.Current.CancellationToken);

        Assert.Equal("77", created.ActivityId);
        var body = System.Text.Json.Nodes.JsonNode.Parse(_http.Requests[0].Body)!;
        Assert.True(body["isGroup"]!.GetValue<bool>());
        Assert.Equal("19:chan@thread.tacv2", body["channelData"]!["channel"]!["id"]!.GetValue<string>());
        Assert.Equal("Point d'étape de mars", body["activity"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task PagedMembers_ClampsThePageSize_AndEscapesTheContinuationToken()
    {
        _http.Then(HttpStatusCode.OK, """{"continuationToken":"next","members":[{"id":"29:a","aadObjectId":"o1"}]}""");

        var page = await Client().GetPagedMembersAsync(Teams, "19:team@thread.tacv2", 10, "a b/c", TestContext.Current.CancellationToken);

        Assert.Equal("next", page.ContinuationToken);
        Assert.Equal("o1", Assert.Single(page.Members!).AadObjectId);
        Assert.EndsWith("pagedmembers?pageSize=50&continuationToken=a%20b%2Fc", _http.Requests[0].Uri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalMode_SendsNoToken_ToTheLoopbackPlayground()
    {
        _http.Then(HttpStatusCode.OK, """{"id":"1"}""");
        var local = Options.Create(new BotProtocolOptions());
        var tokens = new AppTokenProvider(new HttpClient(new FakeHttp()), local, TimeProvider.System);
        var client = new ConnectorClient(new HttpClient(_http), tokens, new ServiceUrlPolicy(local), local, TimeProvider.System, NullLogger<ConnectorClient>.Instance);

        await client.SendAsync("http://localhost:56150/_connector", "a:1", new Activity { Type = "message" }, TestContext.Current.CancellationToken);

        Assert.Null(_http.Requests[0].Authorization);
    }
}
