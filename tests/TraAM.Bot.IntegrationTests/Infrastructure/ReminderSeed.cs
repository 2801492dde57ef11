using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.Delivery;
using TraAM.Bot.Reference;
using TraAM.Bot.Reminders;

namespace TraAM.Bot.IntegrationTests.Infrastructure;

/// <summary>The calendar as a test needs it, and the planning job run as Hangfire would run it.</summary>
public static class ReminderSeed
{
    public static async Task SetCalendarAsync(this TraamApp app, DateOnly? completion = null, DateOnly? bilan = null, string? offsets = null)
    {
        await using var db = app.CreateDbContext();
        var c = await db.Campaigns.SingleAsync(x => x.Id == 1);
        if (completion is { } d1) c.CompletionDeadline = d1;
        if (bilan is { } d2) c.BilanDeadline = d2;
        if (offsets is not null) c.ReminderOffsets = offsets;
        await db.SaveChangesAsync();
    }

    public static async Task<PlanReport> PlanAsync(this TraamApp app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderPlanJob>().RunAndReportAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Pending reminders of one person about one deadline, by due time.</summary>
    public static async Task<List<Notification>> RemindersAsync(this TraamApp app, long personId, string deadline, NotificationState state = NotificationState.Pending)
    {
        await using var db = app.CreateDbContext();
        var subject = $"deadline:1:{deadline}";
        return await db.Notifications.AsNoTracking()
            .Where(n => n.PersonId == personId && n.Subject == subject && n.State == state)
            .OrderBy(n => n.DueAt).ToListAsync();
    }

    /// <summary>Today's date in Paris by the fake clock: the start of every "relative" calendar.</summary>
    public static DateOnly ParisToday(this TraamApp app) => LocalTime.Today(app.Clock.GetUtcNow(), LocalTime.ZoneOf("paris"));
}
