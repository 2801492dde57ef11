using Microsoft.EntityFrameworkCore;
using TraAM.Bot.IntegrationTests.Infrastructure;

namespace TraAM.Bot.IntegrationTests.Status;

internal static class StatusScenario
{
    /// <summary>The seeded campaign working today (whatever an earlier test did to the fake clock): completion in a month, bilan in two.</summary>
    public static async Task WorkingCalendarAsync(TraamApp app)
    {
        var today = app.ParisToday();
        await using var db = app.CreateDbContext();
        await db.Campaigns.Where(c => c.Id == 1).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.SubmissionDeadline, today.AddDays(-300))
            .SetProperty(c => c.ResultsDate, today.AddDays(-200))
            .SetProperty(c => c.WorkStart, today.AddDays(-90))
            .SetProperty(c => c.KickoffDeadline, today.AddDays(-40))
            .SetProperty(c => c.CompletionDeadline, today.AddDays(30))
            .SetProperty(c => c.BilanDeadline, today.AddDays(60)));
    }
}
