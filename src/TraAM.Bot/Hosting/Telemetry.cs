using System.Diagnostics;
using System.Text.RegularExpressions;
using Hangfire;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TraAM.Bot.Protocol;

namespace TraAM.Bot.Hosting;

/// <summary>
/// OpenTelemetry as ASP.NET Core services ship it: traces of each turn, Connector and Graph call and job; metrics of
/// turns, invokes, the outbox, the rate limiter and throttling. Exported over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard variables then apply: headers, protocol, interval);
/// otherwise nothing is registered, so an installation without a collector pays nothing per request.
/// </summary>
internal static partial class Telemetry
{
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[EndpointSetting])) return services;

        services.AddSingleton<OutboxDepthGauge>();
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("TraAM.Bot", serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(t => t
                .AddSource(ProtocolTelemetry.Name, BotMetrics.JobsSource)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddProcessor(new RedactUrls()))
            .WithMetrics(m => m
                .AddMeter(ProtocolTelemetry.Name, BotMetrics.Name, BotMetrics.Name + ".Outbox")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();
        // The gauge registers its instrument when built: build it with the meter provider.
        services.ConfigureOpenTelemetryMeterProvider((sp, _) => sp.GetRequiredService<OutboxDepthGauge>());
        JobTracing.Install();
        return services;
    }

    /// <summary>
    /// Outbound URLs name conversations (<c>/v3/conversations/a:1…/activities</c>), mailboxes and events
    /// (<c>/users/…@…/events/AAMk…</c>): each span's URL keeps its scheme, host and the path's words, any segment that
    /// could be an identifier becomes <c>{id}</c>, and the query goes. Applied to every span before export.
    /// </summary>
    internal sealed class RedactUrls : BaseProcessor<Activity>
    {
        private static readonly string[] UrlTags = ["url.full", "http.url", "url.path", "http.target", "url.query"];

        public override void OnEnd(Activity data)
        {
            foreach (var tag in UrlTags)
            {
                if (data.GetTagItem(tag) is not string value) continue;
                data.SetTag(tag, tag == "url.query" ? null : Redact(value));
            }

            if (data.Kind == ActivityKind.Client && data.DisplayName.Contains('/')) data.DisplayName = Redact(data.DisplayName);
        }
    }

    /// <summary>Keeps words (letters only, or a version such as v3 / v1.0); anything else in the path is an id.</summary>
    internal static string Redact(string url)
    {
        var cut = url.IndexOfAny(['?', '#']);
        if (cut >= 0) url = url[..cut];
        var start = url.IndexOf("://", StringComparison.Ordinal) is var s and >= 0 ? url.IndexOf('/', s + 3) : 0;
        if (start < 0) return url;
        var path = url[start..].Split('/');
        for (var i = 0; i < path.Length; i++)
            if (path[i].Length > 0 && !Word().IsMatch(path[i])) path[i] = "{id}";
        return url[..start] + string.Join('/', path);
    }

    [GeneratedRegex(@"^([A-Za-z]{1,40}|v\d+(\.\d+)?)$")]
    private static partial Regex Word();
}

/// <summary>Hangfire's filters are process-wide: the tracing filter is added once, whatever the number of hosts.</summary>
internal static class JobTracing
{
    private static readonly Lock Gate = new();

    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalJobFilters.Filters.Any(f => f.Instance is JobTracingFilter)) return;
            GlobalJobFilters.Filters.Add(new JobTracingFilter());
        }
    }
}
