using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.Meetings;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Meetings;

/// <summary>
/// The calendar job on PostgreSQL, with the bot's own registration pointed at the shared Graph fake: the meeting row
/// and Exchange's event stay in step whatever run crashed, and without Graph the meeting lives in our data only.
/// </summary>
public sealed class MeetingSyncTests : IAsyncLifetime
{
    private FakeGraph _graph = null!;
    private TraamApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _graph = await FakeGraph.StartAsync();
        _app = _graph.Configure(new TraamApp());
        await _app.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _graph.DisposeAsync();
    }

    [PostgresFact]
    public async Task A_run_that_crashed_after_Graph_answered_is_finished_by_the_next_one_without_a_second_event()
    {
        var meeting = await SeedAsync(_app);
        // The crashed run: Graph made the event, the bot died before saving its id.
        var calendar = _app.Services.GetRequiredService<IMeetingCalendar>();
        var lost = await calendar.CreateAsync(await InviteAsync(meeting.Id), TestContext.Current.CancellationToken);

        Assert.True((await RunAsync(_app, meeting.Id)).Done);

        var saved = await ReadAsync(_app, meeting.Id);
        Assert.Equal(lost.EventId, saved.GraphEventId);
        Assert.Equal(lost.JoinUrl, saved.JoinUrl);
        Assert.NotNull(saved.OnlineMeetingId);
        Assert.Single(await _graph.EventsAsync());
    }

    [PostgresFact]
    public async Task Rescheduling_then_cancelling_follow_the_row_and_replays_change_nothing()
    {
        var meeting = await SeedAsync(_app);
        await RunAsync(_app, meeting.Id);
        await using (var db = _app.CreateDbContext())
        {
            await db.Meetings.Where(m => m.Id == meeting.Id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.StartUtc, new DateTimeOffset(2026, 10, 27, 9, 0, 0, TimeSpan.Zero)).SetProperty(m => m.Revision, 1),
                TestContext.Current.CancellationToken);
        }

        await RunAsync(_app, meeting.Id);
        await RunAsync(_app, meeting.Id);
        var ev = Assert.Single(await _graph.EventsAsync());
        Assert.StartsWith("2026-10-27T09:00:00", ev!["start"]!["dateTime"]!.GetValue<string>(), StringComparison.Ordinal);

        await using (var db = _app.CreateDbContext())
        {
            await db.Meetings.Where(m => m.Id == meeting.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.State, MeetingState.Cancelled),
                TestContext.Current.CancellationToken);
        }

        Assert.True((await RunAsync(_app, meeting.Id)).Done);
        Assert.True((await RunAsync(_app, meeting.Id)).Done);
        Assert.True(Assert.Single(await _graph.EventsAsync())!["isCancelled"]!.GetValue<bool>());
        Assert.DoesNotContain(await _app.NotificationsAsync(), n => n.Kind == MeetingReminders.Kind && n.State == TraAM.Bot.Delivery.NotificationState.Pending);
    }

    [PostgresFact]
    public async Task A_missing_permission_ends_the_job_with_the_French_message_and_no_retry()
    {
        await using var narrow = await FakeGraph.StartAsync(roles: "User.Read.All");
        await using var app = new TraamApp()
            .With("Graph:TenantId", FakeGraph.Tenant).With("Graph:ClientId", FakeGraph.ClientId).With("Graph:ClientSecret", FakeGraph.Secret)
            .With("Graph:BaseUrl", narrow.BaseUrl).With("Graph:TokenEndpoint", narrow.TokenEndpoint).With("Graph:Organizer", FakeGraph.Organizer);
        await app.InitializeAsync();
        var expert = await app.PersonAsync("Léa", "Petit", "6a2b0a6e-1111-4c6e-9a5a-0000000000b1", Expert("histoire-geographie"));
        var admin = await app.PersonAsync("Ada", "Durand", "6a2b0a6e-1111-4c6e-9a5a-0000000000b2", Admin());
        var meeting = await SeedAsync(app, organizer: expert.Id);

        var result = await RunAsync(app, meeting.Id);
        await RunAsync(app, meeting.Id); // replayed from /jobs before the permission is granted: told once

        Assert.False(result.Done);
        Assert.Equal(MeetingCalendarFailure.PermissionMissing, result.Failure);
        Assert.Contains("Calendars.ReadWrite", result.FrenchMessage, StringComparison.Ordinal);
        Assert.Null((await ReadAsync(app, meeting.Id)).GraphEventId);
        var told = (await app.NotificationsAsync()).Where(n => n.Kind == SyncMeetingEventJob.ProblemKind).ToList();
        Assert.Equal(new[] { admin.Id, expert.Id }.Order(), told.Select(n => n.PersonId!.Value).Order());
        Assert.All(told, n => Assert.DoesNotContain(" at ", n.DataJson, StringComparison.Ordinal));
        Assert.All(told, n => Assert.Contains("Calendars.ReadWrite", n.DataJson, StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task Without_Graph_the_meeting_lives_in_our_data_with_its_ics_uid()
    {
        await using var app = new TraamApp();
        await app.InitializeAsync();
        var meeting = await SeedAsync(app);

        Assert.True((await RunAsync(app, meeting.Id)).Done);

        var saved = await ReadAsync(app, meeting.Id);
        Assert.Null(saved.GraphEventId);
        Assert.Null(saved.JoinUrl);
        Assert.Equal($"{meeting.Id:N}@traam.bot", saved.ICalUId);
    }

    private static async Task<Meeting> SeedAsync(TraamApp app, long? organizer = null)
    {
        await using var db = app.CreateDbContext();
        var meeting = new Meeting
        {
            Id = Guid.NewGuid(), CampaignId = 1, ThemeId = 1, Kind = MeetingKind.KickoffRemote, State = MeetingState.Scheduled,
            StartUtc = new DateTimeOffset(2026, 10, 20, 8, 0, 0, TimeSpan.Zero), TimeZoneId = "Europe/Paris", Duration = TimeSpan.FromHours(1),
            // Planned ahead (created before its start): a row created after its start is a meeting recorded afterwards.
            Subject = "Lancement TraAM", Agenda = "Tour de table", CreatedAt = new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero),
            UpdatedAt = new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero),
            OrganizerPersonId = organizer,
        };
        db.Meetings.Add(meeting);
        db.MeetingAttendances.Add(new MeetingAttendance { MeetingId = meeting.Id, Name = "Léa Petit", Email = "lea.petit@ac-test.fr" });
        db.MeetingAttendances.Add(new MeetingAttendance { MeetingId = meeting.Id, Name = "Marc Durand", Email = "marc.durand@ac-test.fr" });
        await db.SaveChangesAsync();
        return meeting;
    }

    private async Task<MeetingInvite> InviteAsync(Guid id)
    {
        var m = await ReadAsync(_app, id);
        return new MeetingInvite(m.Id, m.Subject, m.Agenda, m.StartUtc, m.Duration, m.TimeZoneId,
            [new("Léa Petit", "lea.petit@ac-test.fr"), new("Marc Durand", "marc.durand@ac-test.fr")], Online: true);
    }

    private static async Task<Meeting> ReadAsync(TraamApp app, Guid id)
    {
        await using var db = app.CreateDbContext();
        return await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    private static async Task<MeetingSyncResult> RunAsync(TraamApp app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SyncMeetingEventJob>().RunAsync(id, TestContext.Current.CancellationToken);
    }
}
