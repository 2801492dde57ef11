using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.Delivery;
using TraAM.Bot.IntegrationTests.Infrastructure;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Reminders;

/// <summary>When reminders are planned: 9:00 where each person works, on working days, and again when dates move.</summary>
public sealed class ReminderPlanningTests(TraamApp app) : AppTest(app)
{
    private static DateTimeOffset Utc(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    /// <summary>
    /// Next year by the fake clock: the dates below are built on its calendar (its last Sundays of March and
    /// October, its April), so the test means the same whatever day the suite runs and however far earlier tests
    /// moved the clock.
    /// </summary>
    private int Year => App.Clock.GetUtcNow().Year + 1;

    private static DateOnly LastSunday(int year, int month)
    {
        var day = new DateOnly(year, month, 1).AddMonths(1).AddDays(-1);
        while (day.DayOfWeek != DayOfWeek.Sunday) day = day.AddDays(-1);
        return day;
    }

    [PostgresFact]
    public async Task Reminders_are_at_9_local_across_summer_time_and_moved_off_weekends()
    {
        // Europe/Paris moves to summer time on the last Sunday of March (S). Completion on the Tuesday after: J-30 is a
        // Sunday (→ the Friday before, winter time), J-7 the Tuesday before (winter time), J-1 the Monday, summer time.
        var s = LastSunday(Year, 3);
        await App.SetCalendarAsync(completion: s.AddDays(2));
        var lyon = await App.PersonAsync("Camille", "Martin", "aad-lyon", Referent(await App.TeamAsync("Équipe Lyon", "lyon", SvtYear1)));
        var reunion = await App.PersonAsync("Jade", "Hoarau", "aad-run", Referent(await App.TeamAsync("Équipe Réunion", "la-reunion", SvtYear1)));
        var noumea = await App.PersonAsync("Tea", "Wamytan", "aad-nc", Referent(await App.TeamAsync("Équipe Nouméa", "nouvelle-caledonie", SvtYear1)));
        var cayenne = await App.PersonAsync("Lucas", "Horth", "aad-gf", Referent(await App.TeamAsync("Équipe Guyane", "guyane", SvtYear1)));

        await App.PlanAsync();

        Assert.Equal([Utc(s.AddDays(-30), 8), Utc(s.AddDays(-5), 8), Utc(s.AddDays(1), 7)], (await App.RemindersAsync(lyon.Id, "completion")).Select(n => n.DueAt));
        Assert.Equal([Utc(s.AddDays(-30), 5), Utc(s.AddDays(-5), 5), Utc(s.AddDays(1), 5)], (await App.RemindersAsync(reunion.Id, "completion")).Select(n => n.DueAt));
        Assert.Equal([Utc(s.AddDays(-31), 22), Utc(s.AddDays(-6), 22), Utc(s, 22)], (await App.RemindersAsync(noumea.Id, "completion")).Select(n => n.DueAt));
        Assert.Equal([Utc(s.AddDays(-30), 12), Utc(s.AddDays(-5), 12), Utc(s.AddDays(1), 12)], (await App.RemindersAsync(cayenne.Id, "completion")).Select(n => n.DueAt));
        // The deadline is the end of the local day: in Nouméa (UTC+11), the Tuesday ends at 13:00 UTC.
        Assert.All(await App.RemindersAsync(noumea.Id, "completion"), n => Assert.Equal(Utc(s.AddDays(2), 13), n.ExpiresAt));
    }

    [PostgresFact]
    public async Task Reminders_follow_the_October_clock_change_too()
    {
        // Bilan on the Wednesday after the last Sunday of October, when Europe/Paris leaves summer time.
        var s = LastSunday(Year, 10);
        await App.SetCalendarAsync(bilan: s.AddDays(3), offsets: "7,1");
        var lyon = await App.PersonAsync("Camille", "Martin", "aad-lyon", Referent(await App.TeamAsync("Équipe Lyon", "lyon", SvtYear1)));

        await App.PlanAsync();

        Assert.Equal([Utc(s.AddDays(-4), 7), Utc(s.AddDays(2), 8)], (await App.RemindersAsync(lyon.Id, "bilan")).Select(n => n.DueAt));
    }

    [PostgresFact]
    public async Task Planning_twice_creates_nothing_new()
    {
        await App.SetCalendarAsync(completion: App.ParisToday().AddDays(60), bilan: App.ParisToday().AddDays(90));
        await App.PersonAsync("Camille", "Martin", "aad-lyon", Referent(await App.TeamAsync("Équipe Lyon", "lyon", SvtYear1)));

        var first = await App.PlanAsync();
        var second = await App.PlanAsync();

        Assert.True(first.Created > 0);
        Assert.Equal((first.Wanted, 0, 0), (second.Wanted, second.Created, second.Cancelled));
    }

    [PostgresFact]
    public async Task Imported_school_holidays_move_a_reminder_before_them_only_in_that_zone()
    {
        // Two weeks of spring holidays in zone A from the first Monday of April (M); completion on the Friday after
        // them: J-7 falls on the second Friday of the holidays, so zone A hears on the Friday before them.
        var m = new DateOnly(Year, 4, 1);
        while (m.DayOfWeek != DayOfWeek.Monday) m = m.AddDays(1);
        await App.SetCalendarAsync(completion: m.AddDays(18));
        await App.PersonAsync("Camille", "Martin", CamilleAad, Admin());
        var lyon = await App.PersonAsync("Inès", "Moreau", "aad-lyon", Referent(await App.TeamAsync("Équipe Lyon", "lyon", SvtYear1)));     // zone A
        var lille = await App.PersonAsync("Emma", "Leroy", "aad-lille", Referent(await App.TeamAsync("Équipe Lille", "lille", SvtYear1))); // zone B
        const string url = "https://contoso.sharepoint.com/personal/camille/download.aspx?tempauth=ics";
        var ics = $"""
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//MENJS//Calendrier//FR
            BEGIN:VEVENT
            DTSTART;VALUE=DATE:{m:yyyyMMdd}
            DTEND;VALUE=DATE:{m.AddDays(14):yyyyMMdd}
            SUMMARY:Vacances de Printemps - Zone A
            LOCATION:Zone A
            UID:test-printemps-zone-a
            END:VEVENT
            END:VCALENDAR
            """;
        App.Files.Files[url] = System.Text.Encoding.UTF8.GetBytes(ics.Replace("\n", "\r\n", StringComparison.Ordinal));

        await App.PostActivityAsync(Activities.PersonalFile("Zone-A.ics", url));
        await App.RunEnqueuedAsync<TraAM.Bot.Reminders.Holidays.ImportHolidayFileJob>();
        await App.PlanAsync();

        var answer = Assert.Single(App.Connector.Activities, a => a.Method == HttpMethod.Put); // in place of "import en cours"
        Assert.Contains("Vacances scolaires importées", answer.Body!["text"]!.GetValue<string>());
        var inLyon = (await App.RemindersAsync(lyon.Id, "completion")).Select(n => n.DueAt).ToList();
        var inLille = (await App.RemindersAsync(lille.Id, "completion")).Select(n => n.DueAt).ToList();
        Assert.Contains(Utc(m.AddDays(-3), 7), inLyon);       // the Friday before the holidays, 9:00 summer time
        Assert.DoesNotContain(Utc(m.AddDays(11), 7), inLyon);
        Assert.Contains(Utc(m.AddDays(11), 7), inLille);
    }

    [PostgresFact]
    public async Task Moving_a_date_on_the_calendar_card_replans_pending_reminders()
    {
        var friday = new DateOnly(Year, 6, 15);
        while (friday.DayOfWeek != DayOfWeek.Friday) friday = friday.AddDays(1);
        await App.SetCalendarAsync(bilan: friday.AddDays(7));
        await App.PersonAsync("Camille", "Martin", CamilleAad, Expert("svt"));
        var ines = await App.PersonAsync("Inès", "Moreau", "aad-lyon", Referent(await App.TeamAsync("Équipe Lyon", "lyon", SvtYear1)));
        await App.PlanAsync();
        var before = await App.RemindersAsync(ines.Id, "bilan");
        Assert.Equal(3, before.Count);
        var jobs = App.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        var enqueued = jobs.EnqueuedCount("default");

        await App.InvokeAsync(Activities.Invoke("calendar.save", CalendarForm(bilan: friday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(enqueued + 1, jobs.EnqueuedCount("default")); // the re-plan job, which Hangfire would now run
        await App.PlanAsync();

        var cancelled = await App.RemindersAsync(ines.Id, "bilan", NotificationState.Cancelled);
        Assert.Equal(before.Select(n => n.Id), cancelled.Select(n => n.Id));
        Assert.All(cancelled, n => Assert.Contains("replanifié", n.FailureReason));
        var after = await App.RemindersAsync(ines.Id, "bilan");
        Assert.Equal(3, after.Count);
        Assert.Equal(Utc(friday.AddDays(-1), 7), after[^1].DueAt); // J-1 of that Friday, 9:00 summer time in Paris
    }

    [PostgresFact]
    public async Task When_every_reminder_time_has_passed_one_late_reminder_goes_and_says_so()
    {
        var today = App.ParisToday();
        await App.SetCalendarAsync(completion: today.AddDays(3), offsets: "30,7");
        var ines = await App.PersonAsync("Inès", "Moreau", "aad-lyon", Referent(await App.TeamAsync("Équipe Lyon", "lyon", SvtYear1)));
        await App.ChatAsync(ines);

        await App.PlanAsync();
        var pending = Assert.Single(await App.RemindersAsync(ines.Id, "completion"));
        App.Clock.Advance(TimeSpan.FromHours(16)); // past the next 9:00 in Paris, still before the deadline
        await App.DrainAsync();

        var card = Assert.Single(App.Connector.Activities);
        Assert.Contains(card.CardTexts, t => t.Contains("il part en retard", StringComparison.Ordinal));
        Assert.EndsWith(":J-7", pending.Key);
    }

    private static System.Text.Json.Nodes.JsonObject CalendarForm(string bilan) => new()
    {
        ["submissionDeadline"] = "2026-03-31",
        ["resultsDate"] = "2026-06-15",
        ["workStart"] = "2026-09-01",
        ["kickoffDeadline"] = "2026-10-31",
        ["completionDeadline"] = "2027-04-30",
        ["bilanDeadline"] = bilan,
        ["checkpointsMin"] = "2",
        ["checkpointsMax"] = "3",
        ["version"] = "0", // the seeded calendar's version
    };
}
