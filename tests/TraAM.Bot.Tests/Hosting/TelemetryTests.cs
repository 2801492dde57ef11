using System.Diagnostics;
using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Hangfire.Storage;
using Moq;
using TraAM.Bot.Hosting;

namespace TraAM.Bot.Tests.Hosting;

public sealed class TelemetryTests
{
    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/v3/conversations/a%3A1xYz-Camille/activities/1%3A42",
        "https://smba.trafficmanager.net/emea/v3/conversations/{id}/activities/{id}")]
    [InlineData("https://graph.microsoft.com/v1.0/users/traam.reunions%40ac-lyon.fr/events/AAMkAGI2=?$filter=transactionId%20eq%20'x'",
        "https://graph.microsoft.com/v1.0/users/{id}/events/{id}")]
    [InlineData("https://login.microsoftonline.com/0000-tenant/oauth2/v2.0/token", "https://login.microsoftonline.com/{id}/{id}/v2.0/token")]
    [InlineData("/meetings/7f1c2d3e.ics?sig=abc", "/meetings/{id}")]
    [InlineData("/api/messages", "/api/messages")]
    public void Urls_Keep_Their_Words_And_Lose_Ids_And_Queries(string url, string expected) =>
        Assert.Equal(expected, Telemetry.Redact(url));

    [Fact]
    public void The_Processor_Rewrites_Url_Tags_Before_Export()
    {
        using var span = new Activity("GET").SetTag("url.full", "https://graph.microsoft.com/v1.0/users/camille%40ac-lyon.fr/events?x=1")
            .SetTag("url.query", "?x=1").Start();
        span.Stop();

        new Telemetry.RedactUrls().OnEnd(span);

        Assert.Equal("https://graph.microsoft.com/v1.0/users/{id}/events", span.GetTagItem("url.full"));
        Assert.Null(span.GetTagItem("url.query"));
    }

    [Fact]
    public void A_Job_Run_Is_A_Span_Named_After_Its_Class_And_Method_Failing_With_The_Inner_Type_Only()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == BotMetrics.JobsSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) spans.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        var id = "job-" + Guid.NewGuid().ToString("N");
        var perform = new PerformContext(new Mock<JobStorage>().Object, new Mock<IStorageConnection>().Object,
            new BackgroundJob(id, Job.FromExpression<SampleJob>(j => j.RunAsync("camille@ac-lyon.fr")), DateTime.UtcNow),
            new Mock<IJobCancellationToken>().Object);
        var filter = new JobTracingFilter();

        filter.OnPerforming(new PerformingContext(perform));
        filter.OnPerformed(new PerformedContext(perform, null, false,
            new JobPerformanceException("failed", new InvalidOperationException("camille@ac-lyon.fr"))));

        var span = Assert.Single(spans, s => Equals(s.GetTagItem("job.id"), id));
        Assert.Equal("job SampleJob.RunAsync", span.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(InvalidOperationException).FullName, span.GetTagItem("error.type"));
        Assert.DoesNotContain(span.TagObjects, t => (t.Value?.ToString() ?? "").Contains("camille", StringComparison.Ordinal));
    }

    public sealed class SampleJob
    {
        public int Runs { get; private set; }

        public Task RunAsync(string email)
        {
            Runs += email.Length > 0 ? 1 : 0; // a job is an instance method of a class Hangfire activates
            return Task.CompletedTask;
        }
    }
}
