using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.Meetings;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Meetings;

/// <summary>Scheduling in the fallback (no Graph settings on the shared app): saved, then the job in Hangfire, never twice.</summary>
public sealed class MeetingSchedulerTests(TraamApp app) : AppTest(app)
{
    [PostgresFact]
    public async Task A_valid_meeting_is_saved_once_and_its_calendar_job_runs_in_Hangfire()
    {
        var lea = await App.PersonAsync("Léa", "Petit", "6a2b0a6e-1111-4c6e-9a5a-0000000000c1", Expert("histoire-geographie"));
        var request = Request(lea.Id, Tuesday(), MeetingKind.Checkpoint);

        Assert.True((await ScheduleAsync(request)).Saved);
        Assert.True((await ScheduleAsync(request)).Saved); // double submit

        Assert.Equal(1, await App.RunEnqueuedAsync<SyncMeetingEventJob>());
        await using var db = App.CreateDbContext();
        var meeting = await db.Meetings.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(TraAM.Bot.Reference.LocalTime.At(Tuesday(), new TimeOnly(10, 0), TraAM.Bot.Reference.LocalTime.ZoneOf("paris")), meeting.StartUtc); // 10:00 in Paris
        Assert.Equal($"{request.MeetingId:N}@traam.bot", meeting.ICalUId);
        Assert.Null(meeting.GraphEventId);
        Assert.Equal(2, await db.MeetingAttendances.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, (await App.NotificationsAsync()).Count(n => n.Kind == MeetingReminders.Kind)); // J-1 and 1 h for Léa
    }

    [PostgresFact]
    public async Task A_kickoff_after_the_deadline_is_refused_next_to_the_date_and_nothing_is_saved()
    {
        var lea = await App.PersonAsync("Léa", "Petit", "6a2b0a6e-1111-4c6e-9a5a-0000000000c1", Expert("histoire-geographie"));

        // After the deadline (31 October 2026) but still to come: a past date would also be a meeting to record afterwards.
        var outcome = await ScheduleAsync(Request(lea.Id, Tuesday(), MeetingKind.KickoffRemote));

        Assert.False(outcome.Saved);
        Assert.Equal("date", Assert.Single(outcome.Problems).Field);
        await using var db = App.CreateDbContext();
        Assert.False(await db.Meetings.AnyAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await App.RunEnqueuedAsync<SyncMeetingEventJob>());
    }

    [PostgresFact]
    public async Task Rescheduling_moves_the_reminders_and_an_old_card_cannot_overwrite_it_then_cancelling_drops_them()
    {
        var lea = await App.PersonAsync("Léa", "Petit", "6a2b0a6e-1111-4c6e-9a5a-0000000000c1", Expert("histoire-geographie"));
        var request = Request(lea.Id, Tuesday(), MeetingKind.Checkpoint);
        await ScheduleAsync(request);
        await App.RunEnqueuedAsync<SyncMeetingEventJob>();
        var moved = request.Draft with { Date = Tuesday().AddDays(2) };

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var scheduler = scope.ServiceProvider.GetRequiredService<MeetingScheduler>();
            Assert.True((await scheduler.RescheduleAsync(request.MeetingId, 0, moved, request.Context, false, TestContext.Current.CancellationToken)).Saved);
        }

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var stale = await scope.ServiceProvider.GetRequiredService<MeetingScheduler>()
                .RescheduleAsync(request.MeetingId, 0, request.Draft, request.Context, false, TestContext.Current.CancellationToken);
            Assert.False(stale.Saved);
            Assert.StartsWith("Cette réunion a changé", Assert.Single(stale.Problems).French, StringComparison.Ordinal);
        }

        await App.RunEnqueuedAsync<SyncMeetingEventJob>();
        var pending = (await App.NotificationsAsync()).Where(n => n.Kind == MeetingReminders.Kind && n.State == TraAM.Bot.Delivery.NotificationState.Pending).ToList();
        Assert.Equal(2, pending.Count);
        Assert.All(pending, n => Assert.Contains("|r1:", n.Key, StringComparison.Ordinal));
        var moveTold = Assert.Single(await App.NotificationsAsync(), n => n.Kind == MeetingReminders.ChangedKind);
        Assert.Contains("Meeting moved", moveTold.DataJson, StringComparison.Ordinal); // the English half; the French one is escaped in the JSON

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var scheduler = scope.ServiceProvider.GetRequiredService<MeetingScheduler>();
            Assert.True((await scheduler.CancelAsync(request.MeetingId, TestContext.Current.CancellationToken)).Saved);
            Assert.True((await scheduler.CancelAsync(request.MeetingId, TestContext.Current.CancellationToken)).Saved);
        }

        Assert.Equal(1, await App.RunEnqueuedAsync<SyncMeetingEventJob>());
        await App.RunEnqueuedAsync<SyncMeetingEventJob>(); // nothing more queued, and a replay would tell nobody twice
        Assert.Equal(2, (await App.NotificationsAsync()).Count(n => n.Kind == MeetingReminders.ChangedKind)); // moved, then cancelled
        Assert.DoesNotContain(await App.NotificationsAsync(), n => n.Kind == MeetingReminders.Kind && n.State == TraAM.Bot.Delivery.NotificationState.Pending);
    }

    /// <summary>
    /// A Tuesday two weeks ahead or more: a working day still to come whatever today is (a past start would be a meeting
    /// recorded afterwards), after the campaign's kick-off deadline (31 October 2026).
    /// </summary>
    private DateOnly Tuesday()
    {
        var day = App.ParisToday().AddDays(14);
        return day.AddDays(((int)DayOfWeek.Tuesday - (int)day.DayOfWeek + 7) % 7);
    }

    private static ScheduleRequest Request(long organizer, DateOnly day, MeetingKind kind) => new(
        Guid.NewGuid(), 1, 1, new MeetingDraft(kind, day, new TimeOnly(10, 0), TimeSpan.FromHours(1), "Europe/Paris"),
        "Point d'étape TraAM", "Tour de table", organizer, organizer,
        [new Invitee(organizer, "Léa Petit", "lea.petit@ac-test.fr"), new Invitee(null, "IGÉSR", "igesr@education.gouv.fr")],
        new MeetingContext(new DateOnly(2026, 10, 31), 0, [], []), Confirmed: false);

    private async Task<ScheduleOutcome> ScheduleAsync(ScheduleRequest request)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MeetingScheduler>().ScheduleAsync(request, TestContext.Current.CancellationToken);
    }
}
