using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using TraAM.Bot.Protocol.Connector;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;
using TraAM.Bot.Tests.Payloads;

namespace TraAM.Bot.Tests.Protocol;

public sealed class BotDispatcherTests
{
    private static readonly JsonElement Card = JsonDocument.Parse("""{"type":"AdaptiveCard","version":"1.5","body":[]}""").RootElement;
    private readonly Mock<IConnector> _connector = new();
    private readonly Recorder _recorder = new();

    private sealed class Recorder
    {
        public List<(string Handler, TurnContext Turn)> Calls { get; } = [];
    }

    private sealed class Echo(Recorder recorder) : ITurnHandler
    {
        public Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            recorder.Calls.Add((nameof(Echo), turn));
            return turn.SendTextAsync("ok", cancellationToken);
        }
    }

    private sealed class Fallback(Recorder recorder) : ITurnHandler
    {
        public Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
        {
            recorder.Calls.Add((nameof(Fallback), turn));
            return Task.CompletedTask;
        }
    }

    private sealed class ShowCard(Recorder recorder) : ICardActionHandler
    {
        public Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
        {
            recorder.Calls.Add((nameof(ShowCard), turn));
            return Task.FromResult(CardActionResult.Card(Card));
        }
    }

    private sealed class Consent(Recorder recorder) : IInvokeHandler
    {
        public Task<InvokeResponse> HandleAsync(TurnContext turn, JsonElement value, CancellationToken cancellationToken)
        {
            recorder.Calls.Add((value.GetProperty("action").GetString()!, turn));
            return Task.FromResult(InvokeResponse.Ok);
        }
    }

    private BotDispatcher Dispatcher()
    {
        var services = new ServiceCollection().AddSingleton(_recorder).AddTransient<Echo>().AddTransient<Fallback>().AddTransient<ShowCard>().AddTransient<Consent>()
            .BuildServiceProvider();
        var routes = new BotRoutes().OnCommand<Echo>("échéances", "deadlines").OnCardAction<ShowCard>("help.show").OnUnknownMessage<Fallback>()
            .OnInvoke<Consent>(FileConsent.InvokeName);
        _connector.Setup(c => c.ReplyAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ResourceResponse { Id = "r1" });
        return new BotDispatcher(routes, services, _connector.Object, NullLogger<BotDispatcher>.Instance);
    }

    [Fact]
    public async Task ChannelMention_RoutesTheCommand_AndRepliesInTheSameThread()
    {
        var a = Payload.Activity("message-channel-mention");

        var response = await Dispatcher().DispatchAsync(a, TestContext.Current.CancellationToken);

        Assert.Null(response);
        var call = Assert.Single(_recorder.Calls);
        Assert.Equal(nameof(Echo), call.Handler);
        Assert.Equal("SVT", call.Turn.Command.Arguments);
        _connector.Verify(c => c.ReplyAsync(a.ServiceUrl!, a.Conversation!.Id!, a.Id!, It.Is<Activity>(r => r.Text == "ok"), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task UnknownText_GoesToTheFallback()
    {
        var a = Payload.Activity("message-channel-mention");
        a.Text = "<at>TraAM.Bot</at> bonjour";

        await Dispatcher().DispatchAsync(a, TestContext.Current.CancellationToken);

        Assert.Equal(nameof(Fallback), Assert.Single(_recorder.Calls).Handler);
    }

    [Fact]
    public async Task MessageFromTheBotItself_IsIgnored()
    {
        var a = Payload.Activity("message-channel-mention");
        a.From = a.Recipient;

        await Dispatcher().DispatchAsync(a, TestContext.Current.CancellationToken);

        Assert.Empty(_recorder.Calls);
    }

    [Fact]
    public async Task ActionExecute_IsAnsweredInTheInvokeResponse()
    {
        var a = Payload.Activity("invoke-adaptive-card-action");

        var response = await Dispatcher().DispatchAsync(a, TestContext.Current.CancellationToken);

        Assert.Equal(200, response!.Status);
        Assert.Equal(InvokeResponse.CardType, response.Body!.Type);
        Assert.Equal("tapé dans la carte", _recorder.Calls[0].Turn.ActionData!.Value.GetProperty("comment").GetString());
        _connector.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ActionSubmit_SameVerb_ReplacesTheUsedCard()
    {
        var a = Payload.Activity("message-action-submit");
        _connector.Setup(c => c.UpdateAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ResourceResponse());

        var response = await Dispatcher().DispatchAsync(a, TestContext.Current.CancellationToken);

        Assert.Null(response);
        Assert.Equal(nameof(ShowCard), Assert.Single(_recorder.Calls).Handler);
        _connector.Verify(c => c.UpdateAsync(a.ServiceUrl!, "a:1PersonalChat", "1732267000000",
            It.Is<Activity>(u => u.Attachments![0].ContentType == Attachment.AdaptiveCardContentType), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task ActionExecute_WithoutAction_IsABadRequest()
    {
        var a = Payload.Activity("invoke-adaptive-card-action");
        a.Value = JsonDocument.Parse("""{"trigger":"manual"}""").RootElement;

        var response = await Dispatcher().DispatchAsync(a, TestContext.Current.CancellationToken);

        Assert.Equal(400, response!.Status);
        Assert.Equal(InvokeResponse.ErrorType, response.Body!.Type);
        Assert.Empty(_recorder.Calls);
    }

    [Fact]
    public async Task ActionExecute_WithUnknownVerb_Is501()
    {
        var a = Payload.Activity("invoke-adaptive-card-action");
        a.Value = JsonDocument.Parse("""{"action":{"type":"Action.Execute","verb":"nope"}}""").RootElement;

        Assert.Equal(501, (await Dispatcher().DispatchAsync(a, TestContext.Current.CancellationToken))!.Status);
    }

    [Theory]
    [InlineData("task/fetch")]
    [InlineData("composeExtension/query")]
    [InlineData(null)]
    public async Task OtherInvokes_Are501(string? name)
    {
        var a = Payload.Activity("invoke-adaptive-card-action");
        a.Name = name;

        Assert.Equal(501, (await Dispatcher().DispatchAsync(a, TestContext.Current.CancellationToken))!.Status);
    }

    [Fact]
    public async Task InvokeByName_GoesToItsHandler_WithTheValue_AndAnswersItsResponse()
    {
        var a = Payload.Activity("invoke-adaptive-card-action");
        a.Name = FileConsent.InvokeName;
        a.Value = JsonDocument.Parse("""{"type":"fileUpload","action":"decline","context":{"exportId":3}}""").RootElement;

        var response = await Dispatcher().DispatchAsync(a, TestContext.Current.CancellationToken);

        Assert.Same(InvokeResponse.Ok, response);
        Assert.Equal("decline", Assert.Single(_recorder.Calls).Handler);
    }

    [Fact]
    public async Task UnexpectedActivityTypes_AreAcknowledged()
    {
        var a = Payload.Activity("message-channel-mention");
        a.Type = "messageReaction";

        Assert.Null(await Dispatcher().DispatchAsync(a, TestContext.Current.CancellationToken));
        Assert.Empty(_recorder.Calls);
    }
}
