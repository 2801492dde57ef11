using System.Text.Json.Nodes;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.IntegrationTests.Infrastructure;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Platform;

/// <summary>
/// Hangfire keeps process-wide statics (its log provider, its filter cache). Issue 16: once a second host had bound
/// them to its logger factory and was disposed, the first host could no longer queue a job (500 for the user).
/// </summary>
public sealed class JobQueueingTests(TraamApp app) : AppTest(app)
{
    [PostgresFact]
    public async Task AJobIsQueued_AfterAnotherHostBoundHangfireAndWasDisposed()
    {
        App.Services.GetRequiredService<IBackgroundJobClient>(); // this host has configured Hangfire
        await using (var other = new TraamApp())
        {
            await other.InitializeAsync();
            other.Services.GetRequiredService<IBackgroundJobClient>(); // ... then a second one did, and goes away
        }

        // A job type never used before in this process: its [AutomaticRetry] is built now, and asks for a logger.
        var id = App.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<ProbeJob>(j => j.RunAsync());

        using var storage = App.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.NotNull(storage.GetJobData(id));
    }

    [PostgresFact]
    public async Task SavingTheCalendar_AnswersTheExpert_EvenWhenTheReplanJobCannotBeQueued()
    {
        var failing = new FailingJobClient();
        await using var app = new TraamApp().WithServices(s => s.AddSingleton<IBackgroundJobClient>(failing));
        await app.InitializeAsync();
        await app.PersonAsync("Léa", "Petit", CamilleAad, Expert("svt"));
        await app.PostActivityAsync(Activities.PersonalMessage("calendrier"));
        var shown = Assert.Single(app.Connector.Activities).Card!;
        var form = (JsonObject)shown["actions"]![0]!["data"]!.DeepClone();
        foreach (var input in new[] { "submissionDeadline", "resultsDate", "workStart", "kickoffDeadline", "completionDeadline", "bilanDeadline", "checkpointsMin", "checkpointsMax", "reminderOffsets" })
            form[input] = FindValue(shown, input);
        form["kickoffDeadline"] = "2026-10-24";

        var answer = await app.InvokeAsync(Activities.Invoke("calendar.save", form));

        Assert.Contains("Calendrier enregistré", answer.Text(), StringComparison.Ordinal);
        Assert.Contains(nameof(TraAM.Bot.Reminders.ReminderPlanJob), failing.Asked); // the re-plan was asked for, and failed
        await using var db = app.CreateDbContext();
        Assert.Equal(new DateOnly(2026, 10, 24), (await db.Campaigns.SingleAsync(c => c.Id == 1, TestContext.Current.CancellationToken)).KickoffDeadline);
    }

    /// <summary>The value an input of the card shows (what Teams would send back unchanged).</summary>
    private static string? FindValue(JsonNode card, string id) => card.WithId(id)?["value"]?.ToString();

    /// <summary>Job storage that is down: Hangfire wraps every creation failure so.</summary>
    private sealed class FailingJobClient : IBackgroundJobClient
    {
        public List<string> Asked { get; } = [];

        public string Create(Job job, IState state)
        {
            Asked.Add(job.Type.Name);
            throw new BackgroundJobClientException("Background job creation failed.", new TimeoutException("storage down"));
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => false;
    }

    public sealed class ProbeJob
    {
        [AutomaticRetry(Attempts = 1)]
#pragma warning disable CA1822 // Hangfire calls a job on an instance it activates
        public Task RunAsync() => Task.CompletedTask;
#pragma warning restore CA1822
    }
}
