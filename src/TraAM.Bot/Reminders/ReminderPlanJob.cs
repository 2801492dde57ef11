using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Hosting;

namespace TraAM.Bot.Reminders;

/// <summary>
/// Plans the reminders of every live campaign (the working one's kickoff, completion and bilan; the next call's
/// submission and results: <see cref="Deadline.Current"/>): every night (people joined or left the directory), and at once when
/// the calendar or the holidays change. Idempotent, so a Hangfire retry changes nothing; overlapping runs (a calendar
/// save during the nightly run, two instances) wait for each other in <see cref="ReminderPlanner.PlanAsync"/>.
/// </summary>
public sealed partial class ReminderPlanJob(TraamDbContext db, Campaigns.CampaignPhases phases, ReminderPlanner planner, ILogger<ReminderPlanJob> logger)
{
    public const string Id = "reminders:plan";

    [AutomaticRetry(Attempts = 3)]
    public Task RunAsync(CancellationToken cancellationToken) => RunAndReportAsync(cancellationToken);

    public async Task<PlanReport> RunAndReportAsync(CancellationToken cancellationToken)
    {
        if (!await db.Campaigns.AnyAsync(cancellationToken)) return new PlanReport(0, 0, 0);
        var total = new PlanReport(0, 0, 0);
        foreach (var campaign in await phases.LiveAsync(cancellationToken))
        {
            var report = await planner.PlanAsync(campaign.Campaign.Id, Deadline.CurrentKinds(campaign), cancellationToken);
            LogPlanned(logger, campaign.Campaign.Id, report.Wanted, report.Created, report.Cancelled);
            total = new PlanReport(total.Wanted + report.Wanted, total.Created + report.Created, total.Cancelled + report.Cancelled);
        }

        return total;
    }

    /// <summary>"Re-plan soon": after a calendar or holiday change, without making the person who changed it wait.</summary>
    public static bool Enqueue(IBackgroundJobClient jobs, ILogger logger) => jobs.TryEnqueue<ReminderPlanJob>(j => j.RunAsync(CancellationToken.None), logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminders of campaign {Campaign}: {Wanted} wanted, {Created} new, {Cancelled} cancelled")]
    private static partial void LogPlanned(ILogger logger, int campaign, int wanted, int created, int cancelled);
}
