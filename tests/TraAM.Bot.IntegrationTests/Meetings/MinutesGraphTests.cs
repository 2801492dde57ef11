using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.Meetings;
using TraAM.Bot.Meetings.Minutes;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Meetings;

/// <summary>
/// After a meeting's end, the minutes job reads Graph's attendance report and transcript through the SDK, pointed at the
/// shared fake: kept with the minutes and offered on the secretary's card; a 403 is "no artefacts", the card still goes
/// with the invitees to tick; a 429 is absorbed by the SDK. And the purge three years after the campaign.
/// </summary>
public sealed class MinutesGraphTests : IAsyncLifetime
{
    private FakeGraph _graph = null!;
    private TraamApp _app = null!;

    public async ValueTask InitializeAsync() => (_graph, _app) = await StartAsync(null);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _graph.DisposeAsync();
    }

    private static async Task<(FakeGraph, TraamApp)> StartAsync(string? roles)
    {
        var graph = await FakeGraph.StartAsync(roles);
        var app = graph.Configure(new TraamApp());
        await app.InitializeAsync();
        return (graph, app);
    }

    [PostgresFact]
    public async Task Attendance_and_transcript_are_picked_up_and_offered_on_the_secretarys_card_once()
    {
        var (meeting, secretary) = await SeedAndSyncAsync(_app);
        var eventId = (await ReadAsync(_app, meeting)).GraphEventId!;
        await _graph.AttendanceAsync(eventId, ("lea.petit@ac-test.fr", "Léa Petit", 3600));
        await _graph.TranscriptAsync(eventId, ("Léa Petit", "Bonjour à toutes et à tous", 5), ("Marc Durand", "Les scénarios sont testés", 62));
        await _graph.FaultAsync(429, 1, "attendanceReports"); // absorbed by the SDK's retry handler
        _app.Clock.Advance(TimeSpan.FromDays(2));

        Assert.True(await CollectAsync(_app, meeting));
        Assert.False(await CollectAsync(_app, meeting)); // replayed: nothing more

        await using var db = _app.CreateDbContext();
        var minutes = await db.MeetingMinutes.AsNoTracking().SingleAsync(m => m.MeetingId == meeting);
        Assert.Equal("graph", minutes.ArtefactsSource);
        Assert.Contains("lea.petit@ac-test.fr", minutes.ReportedAttendanceJson, StringComparison.Ordinal);
        var lines = Transcript.Parse(minutes.TranscriptVtt);
        Assert.Equal(["00:00:05 Léa Petit : Bonjour à toutes et à tous", "00:01:02 Marc Durand : Les scénarios sont testés"], lines.Select(l => l.ToString()));

        var card = Assert.Single(await _app.NotificationsAsync(), n => n.Kind == CollectMinutesJob.CardKind);
        Assert.Equal(secretary, card.PersonId);
        var fr = JsonDocument.Parse(card.DataJson).RootElement.GetProperty("fr");
        var fields = fr.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("value").GetString());
        var lea = await db.MeetingAttendances.AsNoTracking().SingleAsync(a => a.MeetingId == meeting && a.Email == "lea.petit@ac-test.fr");
        Assert.Equal(lea.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), fields["present"]); // from the report: Marc did not join
        Assert.Contains("00:01:02 Marc Durand : Les scénarios sont testés", fields["notes"], StringComparison.Ordinal);
        Assert.Equal("notes", fields["fromTranscript"]);
        Assert.Contains("rapport de présence Teams", fr.GetProperty("source").GetString(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Without_the_artefact_permissions_Graph_answers_403_and_the_card_still_comes_with_the_invitees_to_tick()
    {
        var (graph, app) = await StartAsync("User.Read.All,Calendars.ReadWrite,OnlineMeetings.ReadWrite.All");
        await using var _ = graph;
        await using var __ = app;
        var (meeting, secretary) = await SeedAndSyncAsync(app);
        var eventId = (await ReadAsync(app, meeting)).GraphEventId!;
        Assert.NotNull((await ReadAsync(app, meeting)).OnlineMeetingId);
        await graph.TranscriptAsync(eventId, ("Léa Petit", "Bonjour", 5));
        app.Clock.Advance(TimeSpan.FromDays(2));

        Assert.True(await CollectAsync(app, meeting));

        await using var db = app.CreateDbContext();
        var minutes = await db.MeetingMinutes.AsNoTracking().SingleAsync(m => m.MeetingId == meeting);
        Assert.Equal("refused", minutes.ArtefactsSource);
        Assert.Null(minutes.TranscriptVtt);
        var card = Assert.Single(await app.NotificationsAsync(), n => n.Kind == CollectMinutesJob.CardKind);
        Assert.Equal(secretary, card.PersonId);
        var fr = JsonDocument.Parse(card.DataJson).RootElement.GetProperty("fr");
        var present = fr.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "present");
        Assert.Equal("", present.GetProperty("value").GetString());
        Assert.Equal(2, present.GetProperty("choices").GetArrayLength()); // both invitees, to tick
        Assert.Contains("permission", fr.GetProperty("source").GetString(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Meetings_and_their_minutes_are_kept_three_years_after_the_campaign_then_purged()
    {
        var (meeting, _) = await SeedAndSyncAsync(_app);
        _app.Clock.Advance(TimeSpan.FromDays(2));
        await CollectAsync(_app, meeting);
        await using (var db = _app.CreateDbContext())
        {
            var m = await db.MeetingMinutes.SingleAsync(x => x.MeetingId == meeting);
            db.FormVersions.Add(new Bot.Forms.FormVersion { Kind = MeetingMinutes.FormKind, SubjectId = m.Id, Number = 1, AnswersJson = "{}", ByName = "Léa Petit", At = _app.Clock.GetUtcNow() });
            db.MeetingActions.Add(new MeetingAction { MeetingId = meeting, Row = 1, What = "Relire" });
            await db.SaveChangesAsync();
        }

        // The 2026-2027 campaign's bilan deadline is 30 June 2027: kept until 30 June 2030 included (Paris).
        var lastDay = new DateTimeOffset(2030, 6, 30, 12, 0, 0, TimeSpan.Zero);
        _app.Clock.Advance(lastDay - _app.Clock.GetUtcNow());
        Assert.Equal(0, await PurgeAsync(_app));
        _app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await PurgeAsync(_app));

        await using var after = _app.CreateDbContext();
        Assert.False(await after.Meetings.AnyAsync());
        Assert.False(await after.MeetingAttendances.AnyAsync());
        Assert.False(await after.MeetingMinutes.AnyAsync());
        Assert.False(await after.MeetingActions.AnyAsync());
        Assert.False(await after.FormVersions.AnyAsync(v => v.Kind == MeetingMinutes.FormKind));
    }

    /// <summary>A remote checkpoint in two hours, organised by the theme's expert, with a secretary; its event made in the fake.</summary>
    private static async Task<(Guid Meeting, long Secretary)> SeedAndSyncAsync(TraamApp app)
    {
        var expert = await app.PersonAsync("Inès", "Moreau", "6a2b0a6e-3333-4c6e-9a5a-0000000000c1", Expert("histoire-geographie"));
        var lea = await app.PersonAsync("Léa", "Petit", "6a2b0a6e-3333-4c6e-9a5a-0000000000c2");
        var id = Guid.NewGuid();
        await using (var db = app.CreateDbContext())
        {
            db.Meetings.Add(new Meeting
            {
                Id = id, CampaignId = 1, ThemeId = HistoireGeo, Kind = MeetingKind.Checkpoint, State = MeetingState.Scheduled,
                StartUtc = app.Clock.GetUtcNow().AddHours(2), TimeZoneId = "Europe/Paris", Duration = TimeSpan.FromHours(1),
                Subject = "Point d'étape HG", Agenda = "Tour de table", CreatedAt = app.Clock.GetUtcNow(), UpdatedAt = app.Clock.GetUtcNow(),
                OrganizerPersonId = expert.Id, SecretaryPersonId = lea.Id,
            });
            db.MeetingAttendances.Add(new MeetingAttendance { MeetingId = id, PersonId = lea.Id, Name = "Léa Petit", Email = "lea.petit@ac-test.fr" });
            db.MeetingAttendances.Add(new MeetingAttendance { MeetingId = id, Name = "Marc Durand", Email = "marc.durand@ac-test.fr" });
            await db.SaveChangesAsync();
        }

        await using var scope = app.Services.CreateAsyncScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<SyncMeetingEventJob>().RunAsync(id, TestContext.Current.CancellationToken)).Done);
        return (id, lea.Id);
    }

    private static async Task<bool> CollectAsync(TraamApp app, Guid meeting)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CollectMinutesJob>().RunAsync(meeting, TestContext.Current.CancellationToken);
    }

    private static async Task<int> PurgeAsync(TraamApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PurgeMeetingsJob>().RunAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<Meeting> ReadAsync(TraamApp app, Guid id)
    {
        await using var db = app.CreateDbContext();
        return await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == id);
    }
}
