using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TraAM.Bot.Delivery;
using TraAM.Bot.IntegrationTests.Infrastructure;
using static TraAM.Bot.IntegrationTests.Infrastructure.DeliverySeed;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;
using Span = System.Diagnostics.Activity;

namespace TraAM.Bot.IntegrationTests.Operations;

/// <summary>
/// The app as an operator runs it with a collector (OTEL_EXPORTER_OTLP_ENDPOINT set), its exporters doubled by
/// in-memory ones: a turn, its reply through the Connector and an outbox run are traced and measured, and not one
/// span name, tag or metric tag carries who wrote, from which conversation, or what.
/// </summary>
[Collection(AppCollection.Name)] // its own app and database, but not while the shared app's tests make spans
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly List<Span> _spans = [];
    private readonly List<Metric> _metrics = [];
    private readonly TraamApp _app;

    public TelemetryTests() => _app = new TraamApp()
        .With("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9") // nobody there: the in-memory exporters are what we read
        .WithServices(s => s
            .ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(_spans))
            .ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(_metrics)));

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [PostgresFact]
    public async Task A_Turn_Its_Reply_And_An_Outbox_Run_Are_Traced_And_Measured_Without_Personal_Data()
    {
        var camille = await _app.PersonAsync("Camille", "Martinez", CamilleAad, Admin());
        await _app.ChatAsync(camille);
        var message = Activities.PersonalMessage("bonjour, voici mon texte privé 9271");
        await _app.PostActivityAsync(message);
        await _app.EnqueueAsync(Note(Recipient.Person(camille.Id), _app.Clock.GetUtcNow(), "1"));
        var drained = await _app.DrainAsync();
        Assert.Equal(1, drained.Sent);
        // The HTTP client span .NET makes for each Connector call (the recording Connector here replaces the socket
        // handler that would make it): its URL names the conversation until the processor redacts it.
        var conversationUrl = $"https://smba.trafficmanager.net/emea/v3/conversations/{Uri.EscapeDataString(message["conversation"]!["id"]!.GetValue<string>())}/activities";
        using (var http = new System.Diagnostics.ActivitySource("System.Net.Http"))
        using (var call = http.StartActivity("System.Net.Http.HttpRequestOut", System.Diagnostics.ActivityKind.Client))
            call?.SetTag("url.full", conversationUrl);
        _app.Services.GetRequiredService<TracerProvider>().ForceFlush();
        _app.Services.GetRequiredService<MeterProvider>().ForceFlush();

        Assert.Contains(_spans, s => Equals(s.GetTagItem("url.full"), "https://smba.trafficmanager.net/emea/v3/conversations/{id}/activities"));
        var turn = Assert.Single(_spans, s => s.DisplayName == "bot turn message");
        Assert.Equal("handled", turn.GetTagItem("bot.turn.result"));
        Assert.Equal("personal", turn.GetTagItem("bot.conversation.type"));
        Assert.Contains(_spans, s => s.Kind == System.Diagnostics.ActivityKind.Server && s.TraceId == turn.TraceId); // ASP.NET Core's request
        Assert.Contains(_spans, s => s.DisplayName.StartsWith("connector ", StringComparison.Ordinal) && s.TraceId == turn.TraceId); // the reply
        Assert.Contains(_spans, s => s.DisplayName == "connector SendToConversation" && s.TraceId != turn.TraceId); // the outbox's send
        Assert.True(Sum("traam.bot.turns", ("bot.activity.type", "message"), ("bot.turn.result", "handled")) >= 1);
        Assert.Equal(1, Sum("traam.outbox.notifications", ("traam.notification.outcome", "sent")));
        Assert.Contains(_metrics, m => m.Name == "traam.outbox.depth");

        var personal = new[]
        {
            "Camille", "Martinez", "9271", "privé", CamilleAad, message["from"]!["id"]!.GetValue<string>(),
            message["conversation"]!["id"]!.GetValue<string>(), Uri.EscapeDataString(message["conversation"]!["id"]!.GetValue<string>()),
            message["conversation"]!["tenantId"]!.GetValue<string>(),
        };
        foreach (var text in Texts())
            foreach (var secret in personal)
                Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"« {secret} » found in telemetry: {text}");
    }

    [PostgresFact]
    public async Task An_Invoke_Is_Timed_By_Its_Name()
    {
        await _app.PersonAsync("Camille", "Martinez", CamilleAad, Admin());

        await _app.PostActivityAsync(Activities.Invoke("no.such.verb"));
        _app.Services.GetRequiredService<MeterProvider>().ForceFlush();

        var durations = _metrics.Where(m => m.Name == "traam.bot.invoke.duration").SelectMany(Points).ToList();
        Assert.Contains(durations, p => Tag(p, "bot.invoke.name") == "adaptiveCard/action" && p.GetHistogramCount() >= 1);
    }

    /// <summary>Every name, tag and event of every span, every tag of every metric point: what leaves the process.</summary>
    private IEnumerable<string> Texts()
    {
        foreach (var s in _spans)
        {
            yield return s.DisplayName;
            foreach (var (k, v) in s.TagObjects) yield return $"{k}={v}";
            foreach (var e in s.Events) yield return e.Name;
            foreach (var b in s.Baggage) yield return $"{b.Key}={b.Value}";
        }

        foreach (var m in _metrics)
            foreach (var p in Points(m))
                foreach (var t in p.Tags)
                    yield return $"{m.Name} {t.Key}={t.Value}";
    }

    private long Sum(string metric, params (string Key, string Value)[] tags) => _metrics.Where(m => m.Name == metric)
        .SelectMany(Points).Where(p => tags.All(t => Tag(p, t.Key) == t.Value)).Sum(p => p.GetSumLong());

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var t in point.Tags) if (t.Key == key) return t.Value?.ToString();
        return null;
    }

    private static List<MetricPoint> Points(Metric metric)
    {
        var points = new List<MetricPoint>();
        foreach (ref readonly var p in metric.GetMetricPoints()) points.Add(p);
        return points;
    }
}
