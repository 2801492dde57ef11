using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.Delivery;
using TraAM.Bot.IntegrationTests.Infrastructure;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Reminders;

/// <summary>When reminders are planned: 9:00 where each person works, on working days, and again when dates move.</summary>
public sealed class ReminderPlanningTests(TraamApp app) : AppTest(app)
{
    private static DateTimeOffset Utc(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    [PostgresFact]
    public async Task Reminders_are_at_9_local_across_summer_time_and_moved_off_weekends()
    {
        // Completion on Tuesday 30 March 2027: J-30 is Sunday 28 February (→ Friday 26, winter time), J-7 Tuesday
        // 23 March (winter time), J-1 Monday 29 March, the day after Europe/Paris moved to summer time.
        await App.SetCalendarAsync(completion: new DateOnly(2027, 3, 30));
        var lyon = await App.PersonAsync("Camille", "Martin", "aad-lyon", Referent(await App.TeamAsync("Équipe Lyon", "lyon", SvtYear1)));
        var reunion = await App.PersonAsync("Jade", "Hoarau", "aad-run", Referent(await App.TeamAsync("Équipe Réunion", "la-reunion", SvtYear1)));
        var noumea = await App.PersonAsync("Tea", "Wamytan", "aad-nc", Referent(await App.TeamAsync("Équipe Nouméa", "nouvelle-caledonie", SvtYear1)));
        var cayenne = await App.PersonAsync("Lucas", "Horth", "aad-gf", Referent(await App.TeamAsync("Équipe Guyane", "guyane", SvtYear1)));

        await App.PlanAsync();

        Assert.Equal([Utc(2027, 2, 26, 8), Utc(2027, 3, 23, 8), Utc(2027, 3, 29, 7)], (await App.RemindersAsync(lyon.Id, "completion")).Select(n => n.DueAt));
        Assert.Equal([Utc(2027, 2, 26, 5), Utc(2027, 3, 23, 5), Utc(2027, 3, 29, 5)], (await App.RemindersAsync(reunion.Id, "completion")).Select(n => n.DueAt));
        Assert.Equal([Utc(2027, 2, 25, 22), Utc(2027, 3, 22, 22), Utc(2027, 3, 28, 22)], (await App.RemindersAsync(noumea.Id, "completion")).Select(n => n.DueAt));
        Assert.Equal([Utc(2027, 2, 26, 12), Utc(2027, 3, 23, 12), Utc(2027, 3, 29, 12)], (await App.RemindersAsync(cayenne.Id, "completion")).Select(n => n.DueAt));
        // The deadline is the end of the local day: in Nouméa, 30 March ends at 13:00 UTC.
        Assert.All(await App.RemindersAsync(noumea.Id, "completion"), n => Assert.Equal(Utc(2027, 3, 30, 13), n.ExpiresAt));
    }

    [PostgresFact]
    public async Task Reminders_follow_the_October_clock_change_too()
    {
        // Bilan on Wednesday 3 November 2027; Europe/Paris leaves summer time on Sunday 31 October.
        await App.SetCalendarAsync(bilan: new DateOnly(2027, 11, 3), offsets: "7,1");
        var lyon = await App.PersonAsync("Camille", "Martin", "aad-lyon", Referent(await App.TeamAsync("Équipe Lyon", "lyon", SvtYear1)));

        await App.PlanAsync();

        Assert.Equal([Utc(2027, 10, 27, 7), Utc(2027, 11, 2, 8)], (await App.RemindersAsync(lyon.Id, "bilan")).Select(n => n.DueAt));
    }

    [PostgresFact]
    public async Task Planning_twice_creates_nothing_new()
    {
        await App.PersonAsync("Camille", "Martin", "aad-lyon", Referent(await App.TeamAsync("Équipe Lyon", "lyon", SvtYear1)));

        var first = await App.PlanAsync();
        var second = await App.PlanAsync();

        Assert.True(first.Created > 0);
        Assert.Equal((first.Wanted, 0, 0), (second.Wanted, second.Created, second.Cancelled));
    }

    [PostgresFact]
    public async Task Imported_school_holidays_move_a_reminder_before_them_only_in_that_zone()
    {
        await App.PersonAsync("Camille", "Martin", CamilleAad, Admin());
        var lyon = await App.PersonAsync("Inès", "Moreau", "aad-lyon", Referent(await App.TeamAsync("Équipe Lyon", "lyon", SvtYear1)));     // zone A
        var lille = await App.PersonAsync("Emma", "Leroy", "aad-lille", Referent(await App.TeamAsync("Équipe Lille", "lille", SvtYear1))); // zone B
        const string url = "https://contoso.sharepoint.com/personal/camille/download.aspx?tempauth=ics";
        App.Files.Files[url] = System.Text.Encoding.UTF8.GetBytes("""
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//MENJS//Calendrier//FR
            BEGIN:VEVENT
            DTSTART;VALUE=DATE:20270410
            DTEND;VALUE=DATE:20270426
            SUMMARY:Vacances de Printemps - Zone A
            LOCATION:Zone A
            UID:test-printemps-2027-zone-a
            END:VEVENT
            END:VCALENDAR
            """.Replace("\n", "\r\n", StringComparison.Ordinal));

        await App.PostActivityAsync(Activities.PersonalFile("Zone-A.ics", url));
        await App.PlanAsync();

        var answer = Assert.Single(App.Connector.Activities);
        Assert.Contains("Vacances scolaires importées", answer.Body!["text"]!.GetValue<string>());
        // Completion on Friday 30 April 2027: J-7 is Friday 23 April, inside zone A's spring holidays (10-25 April).
        var inLyon = (await App.RemindersAsync(lyon.Id, "completion")).Select(n => n.DueAt).ToList();
        var inLille = (await App.RemindersAsync(lille.Id, "completion")).Select(n => n.DueAt).ToList();
        Assert.Contains(Utc(2027, 4, 9, 7), inLyon);       // the Friday before the holidays
        Assert.DoesNotContain(Utc(2027, 4, 23, 7), inLyon);
        Assert.Contains(Utc(2027, 4, 23, 7), inLille);
    }

    [PostgresFact]
    public async Task Moving_a_date_on_the_calendar_card_replans_pending_reminders()
    {
        await App.PersonAsync("Camille", "Martin", CamilleAad, Expert("svt"));
        var ines = await App.PersonAsync("Inès", "Moreau", "aad-lyon", Referent(await App.TeamAsync("Équipe Lyon", "lyon", SvtYear1)));
        await App.PlanAsync();
        var before = await App.RemindersAsync(ines.Id, "bilan");
        var jobs = App.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        var enqueued = jobs.EnqueuedCount("default");

        await App.InvokeAsync(Activities.Invoke("calendar.save", CalendarForm(bilan: "2027-06-18")));
        Assert.Equal(enqueued + 1, jobs.EnqueuedCount("default")); // the re-plan job, which Hangfire would now run
        await App.PlanAsync();

        var cancelled = await App.RemindersAsync(ines.Id, "bilan", NotificationState.Cancelled);
        Assert.Equal(before.Select(n => n.Id), cancelled.Select(n => n.Id));
        Assert.All(cancelled, n => Assert.Contains("replanifié", n.FailureReason));
        var after = await App.RemindersAsync(ines.Id, "bilan");
        Assert.Equal(3, after.Count);
        Assert.Equal(Utc(2027, 6, 17, 7), after[^1].DueAt); // J-1 of Friday 18 June, 9:00 in Paris
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
        ["version"] = TraAM.Bot.Campaigns.Call2026.Campaign.UpdatedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
