using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TraAM.Bot.Protocol;
using TraAM.Bot.Protocol.Authentication;
using TraAM.Bot.Protocol.Connector;
using DiagnosticActivity = System.Diagnostics.Activity;
using ProtocolActivity = TraAM.Bot.Protocol.Schema.Activity;

namespace TraAM.Bot.Tests.Protocol;

/// <summary>
/// Each Connector call is one client span named after the operation, with its status and attempts, and a 429 is
/// counted; the conversation id in the URL is never a tag or a name. Spans are told apart from other tests' by the
/// trace this test starts.
/// </summary>
public sealed class ConnectorTelemetryTests : IDisposable
{
    private const string Conversation = "a:1SecretConversationOfCamille";
    private readonly FakeHttp _http = new();
    private readonly List<DiagnosticActivity> _spans = [];
    private readonly ActivityListener _listener;
    private readonly DiagnosticActivity _parent = new DiagnosticActivity("test").Start();

    public ConnectorTelemetryTests()
    {
        var trace = _parent.TraceId;
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ProtocolTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if (a.TraceId == trace) lock (_spans) _spans.Add(a); },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    private ConnectorClient Client()
    {
        var o = Options.Create(new BotProtocolOptions { MicrosoftAppId = Guid.NewGuid().ToString(), MicrosoftAppPassword = "x" });
        var tokens = new Mock<IAppTokenProvider>();
        tokens.Setup(t => t.GetTokenAsync(It.IsAny<CancellationToken>())).ReturnsAsync("app-token");
        return new ConnectorClient(new HttpClient(_http), tokens.Object, new ServiceUrlPolicy(o), o, new FakeTimeProvider(), NullLogger<ConnectorClient>.Instance)
        {
            Delay = (_, _) => Task.CompletedTask,
        };
    }

    [Fact]
    public async Task A_Send_Throttled_Then_Accepted_Is_One_Span_With_Two_Attempts_And_The_429_Is_Counted()
    {
        long throttled = 0;
        using var meter = new MeterListener
        {
            InstrumentPublished = (i, l) => { if (i.Meter.Name == ProtocolTelemetry.Name && i.Name == "traam.bot.connector.throttled") l.EnableMeasurementEvents(i); },
        };
        meter.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var t in tags) if (t.Key == "http.response.status_code" && (int)t.Value! == 429) Interlocked.Add(ref throttled, value);
        });
        meter.Start();
        _http.Then(HttpStatusCode.TooManyRequests, configure: r => r.Headers.RetryAfter = new(TimeSpan.FromSeconds(1)))
             .Then(HttpStatusCode.Created, """{"id":"7"}""");

        await Client().SendAsync("https://smba.trafficmanager.net/emea/", Conversation, new ProtocolActivity { Type = "message", Text = "Bonjour Camille" },
            TestContext.Current.CancellationToken);

        var span = Assert.Single(_spans);
        Assert.Equal("connector SendToConversation", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(201, span.GetTagItem("http.response.status_code"));
        Assert.Equal(2, span.GetTagItem("bot.connector.attempts"));
        Assert.True(Interlocked.Read(ref throttled) >= 1);
        AssertNothingPersonal(span);
    }

    [Fact]
    public async Task A_Refused_Call_Records_The_Error_Type_But_Not_The_Message_Which_Quotes_The_Url()
    {
        _http.Then(HttpStatusCode.Forbidden, """{"error":{"code":"BotNotInConversationRoster","message":"no"}}""");

        await Assert.ThrowsAsync<ConnectorException>(() => Client().SendAsync("https://smba.trafficmanager.net/emea/", Conversation,
            new ProtocolActivity { Type = "message" }, TestContext.Current.CancellationToken));

        var span = Assert.Single(_spans);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(ConnectorException).FullName, span.GetTagItem("error.type"));
        AssertNothingPersonal(span);
    }

    private static void AssertNothingPersonal(DiagnosticActivity span)
    {
        Assert.DoesNotContain("Secret", span.DisplayName, StringComparison.Ordinal);
        foreach (var (key, value) in span.TagObjects)
            Assert.DoesNotContain("Secret", value?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Empty(span.Events); // an exception event would carry the message
    }

    public void Dispose()
    {
        _listener.Dispose();
        _parent.Dispose();
        _http.Dispose();
    }
}
