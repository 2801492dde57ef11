using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.Meetings;
using TraAM.Bot.Meetings.Minutes;
using static TraAM.Bot.IntegrationTests.CheckIns.CheckInSeed;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Meetings;

/// <summary>
/// "Enregistrer une réunion passée": a TN3 expert records, from the scheduling card, a meeting held outside the bot.
/// On PostgreSQL, with the bot pointed at the shared Graph fake: the past start is a confirmable problem; once
/// confirmed, one meeting, Graph never called, nobody invited or reminded, the channel's card as its record, the
/// minutes card to the secretary at once (no attendance report asked), and the minutes published to the channel.
/// </summary>
public sealed class RecordPastMeetingTests : IAsyncLifetime
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
    public async Task A_meeting_held_yesterday_is_recorded_once_confirmed_without_Graph_and_its_minutes_reach_the_secretary_then_the_channel()
    {
        var cast = await _app.CastAsync();
        await _app.LinkAsync(HistoireGeo);
        var id = await OpenAsync(_app);
        var yesterday = _app.ParisToday().AddDays(-1);

        var asked = await SubmitAsync(_app, id, yesterday, agenda: "Réunion de lancement en présentiel");
        Assert.Contains("Cette réunion a déjà eu lieu : elle sera enregistrée sans invitation ni événement d'agenda", asked.Text(), StringComparison.Ordinal);
        Assert.Contains("Réunion de lancement en présentiel", asked.Text(), StringComparison.Ordinal); // what was typed kept
        Assert.Contains("confirm", asked["value"]!["body"]!.AsArray().Select(e => e?["id"]?.GetValue<string>()));
        Assert.Equal(0, await CountMeetingsAsync(_app));

        var done = await SubmitAsync(_app, id, yesterday, confirm: true);
        var again = await SubmitAsync(_app, id, yesterday, confirm: true); // a double click: the same meeting
        foreach (var answer in new[] { done.Text(), again.Text() })
        {
            Assert.Contains("C'est fait : la réunion est enregistrée", answer, StringComparison.Ordinal);
            Assert.Contains("enregistrée après coup", answer, StringComparison.Ordinal);
            Assert.DoesNotContain("Déplacer", answer, StringComparison.Ordinal);
            Assert.DoesNotContain("Ajouter à mon agenda", answer, StringComparison.Ordinal);
        }

        Assert.Equal(1, await CountMeetingsAsync(_app));
        Assert.Equal(1, await _app.RunEnqueuedAsync<SyncMeetingEventJob>());
        await using (var db = _app.CreateDbContext())
        {
            var meeting = await db.Meetings.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
            Assert.Null(meeting.GraphEventId);
            Assert.Null(meeting.JoinUrl);
        }

        Assert.Empty(await _graph.EventsAsync());
        Assert.Empty(await BotCallsAsync()); // not even a token: Graph is never asked
        var notes = await _app.NotificationsAsync();
        Assert.Single(notes, n => n.Kind == MeetingNotices.ChannelKind);
        Assert.DoesNotContain(notes, n => n.Kind is MeetingNotices.InvitationKind or MeetingReminders.Kind or MeetingReminders.ChangedKind);

        // The minutes job was queued at once (the meeting is over): the card goes to the secretary (the organiser here).
        Assert.Equal(1, await _app.RunEnqueuedAsync<CollectMinutesJob>());
        Assert.Empty(await BotCallsAsync()); // no attendance report or transcript asked for a meeting Teams never held
        var card = Assert.Single(await _app.NotificationsAsync(), n => n.Kind == CollectMinutesJob.CardKind);
        Assert.Equal(cast.Lea.Id, card.PersonId);
        Assert.Contains("Réunion enregistrée après coup, sans Teams ni rapport de présence : cochez les personnes présentes", JsonNode.Parse(card.DataJson)!.Text(), StringComparison.Ordinal);

        await _app.DrainAsync();
        _app.Connector.Clear();
        var meetingId = Guid.ParseExact(id, "N");
        long lea, marc;
        await using (var db = _app.CreateDbContext())
        {
            Assert.Equal("recorded", (await db.MeetingMinutes.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken)).ArtefactsSource);
            lea = await db.MeetingAttendances.Where(a => a.PersonId == cast.Lea.Id).Select(a => a.Id).SingleAsync(TestContext.Current.CancellationToken);
            marc = await db.MeetingAttendances.Where(a => a.PersonId == cast.Marc.Id).Select(a => a.Id).SingleAsync(TestContext.Current.CancellationToken);
        }

        var published = await _app.InvokeAsync(Activities.Invoke(MinutesCard.PublishVerb, new JsonObject
        {
            ["subject"] = MinutesSubject.Of(meetingId), ["version"] = "0", ["present"] = $"{lea},{marc}", ["decisions"] = "Scénarios partagés avant mars",
            ["action1What"] = "Envoyer le calendrier", ["action1Owner"] = cast.Marc.Id.ToString(CultureInfo.InvariantCulture),
            ["action1Due"] = Iso(_app.ParisToday().AddDays(20)),
        }, change: As(LeaAad)));
        Assert.Contains("version 1", published.Text(), StringComparison.Ordinal);
        await _app.DrainAsync();
        var posted = Assert.Single(_app.Connector.Activities, a => a.Method == HttpMethod.Post && a.CardTexts.Contains("📝 Compte rendu publié"));
        Assert.Contains("Scénarios partagés avant mars", posted.CardTexts);
        await using (var db = _app.CreateDbContext())
        {
            Assert.Equal("Envoyer le calendrier", (await db.MeetingActions.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken)).What);
        }
    }

    [PostgresFact]
    public async Task A_kickoff_recorded_afterwards_is_the_kickoff_deadline_done_and_one_older_than_30_days_is_refused()
    {
        var cast = await _app.CastAsync();
        await using (var db = _app.CreateDbContext())
        {
            await db.Campaigns.Where(c => c.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(c => c.KickoffDeadline, _app.ParisToday().AddDays(10)),
                TestContext.Current.CancellationToken);
        }

        var id = await OpenAsync(_app);
        var old = await SubmitAsync(_app, id, _app.ParisToday().AddDays(-31), kind: "kickoffInPerson", confirm: true);
        Assert.Contains("Cette réunion remonte à plus de 30 jours", old.Text(), StringComparison.Ordinal);
        Assert.Equal(0, await CountMeetingsAsync(_app));

        var done = await SubmitAsync(_app, id, _app.ParisToday().AddDays(-3), kind: "kickoffInPerson", confirm: true);
        Assert.Contains("C'est fait : la réunion est enregistrée", done.Text(), StringComparison.Ordinal);
        await using var check = _app.CreateDbContext();
        var completion = Assert.Single(await check.DeadlineCompletions.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(("deadline:1:kickoff", cast.Lea.Id, "meeting"), (completion.Subject, completion.PersonId, completion.Source));
    }

    [PostgresFact]
    public async Task Without_Graph_a_recorded_meeting_sends_no_invitation_and_cannot_be_moved_into_the_past_later()
    {
        await using var app = new TraamApp();
        await app.InitializeAsync();
        await app.CastAsync();
        await app.LinkAsync(HistoireGeo);
        var id = await OpenAsync(app);

        await SubmitAsync(app, id, app.ParisToday().AddDays(-2), confirm: true);
        Assert.Equal(1, await app.RunEnqueuedAsync<SyncMeetingEventJob>());
        var notes = await app.NotificationsAsync();
        Assert.Single(notes, n => n.Kind == MeetingNotices.ChannelKind);
        Assert.DoesNotContain(notes, n => n.Kind is MeetingNotices.InvitationKind or MeetingReminders.Kind or MeetingReminders.ChangedKind);
        Assert.DoesNotContain(".ics?sig=", Assert.Single(notes, n => n.Kind == MeetingNotices.ChannelKind).DataJson, StringComparison.Ordinal);

        // Cancelling the record says the truth: the bot invited nobody, so nobody is told.
        var ask = await app.InvokeAsync(Activities.Invoke(ManageMeeting.CancelVerb, new JsonObject { ["meetingId"] = id, ["confirm"] = "false" }, inChannel: true, change: As(LeaAad)));
        Assert.Contains("Personne n'y avait été invité par le bot : personne ne sera prévenu.", ask.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("Les personnes invitées en seront informées", ask.Text(), StringComparison.Ordinal);
        var cancelled = await app.InvokeAsync(Activities.Invoke(ManageMeeting.CancelVerb, new JsonObject { ["meetingId"] = id, ["confirm"] = "true" }, inChannel: true, change: As(LeaAad)));
        Assert.Contains("l'enregistrement de la réunion est annulé", cancelled.Text(), StringComparison.Ordinal);
        await app.RunEnqueuedAsync<SyncMeetingEventJob>();
        Assert.DoesNotContain(await app.NotificationsAsync(), n => n.Kind is MeetingNotices.InvitationKind or MeetingReminders.Kind or MeetingReminders.ChangedKind);

        // A meeting planned ahead stays what it was: moving it into the past is refused, tick or not.
        var future = await OpenAsync(app);
        var ahead = app.ParisToday().AddDays(15);
        await SubmitAsync(app, future, ahead, confirm: true);
        var moved = await app.InvokeAsync(Activities.Invoke(ManageMeeting.MoveVerb, new JsonObject
        {
            ["meetingId"] = future, ["revision"] = "0", ["date"] = Iso(app.ParisToday().AddDays(-1)), ["time"] = "10:30", ["duration"] = "60",
            ["zone"] = "Europe/Paris", ["confirm"] = "true",
        }, inChannel: true, change: As(LeaAad)));
        Assert.Contains("Ce moment est déjà passé", moved.Text(), StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        Assert.Equal(0, (await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == Guid.ParseExact(future, "N"), TestContext.Current.CancellationToken)).Revision);
    }

    /// <summary>What the bot asked the fake (its log also holds the test's own control calls, under /_fake).</summary>
    private async Task<List<string>> BotCallsAsync() =>
        [.. (await _graph.LogAsync()).Select(e => e!["path"]!.GetValue<string>()).Where(p => !p.StartsWith("/_fake", StringComparison.Ordinal))];

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<string> OpenAsync(TraamApp app)
    {
        app.Connector.Clear();
        await app.PostActivityAsync(Activities.PersonalMessage("réunion", change: As(LeaAad)));
        var card = Assert.Single(app.Connector.Activities).Card!;
        var submit = card["actions"]!.AsArray().Single(a => a!["verb"]?.GetValue<string>() == ScheduleMeeting.Verb)!;
        app.Connector.Clear();
        return submit["data"]!["meetingId"]!.GetValue<string>();
    }

    private static Task<JsonNode> SubmitAsync(TraamApp app, string meetingId, DateOnly day, string kind = "checkpoint", bool confirm = false, string agenda = "") =>
        app.InvokeAsync(Activities.Invoke(ScheduleMeeting.Verb, new JsonObject
        {
            ["meetingId"] = meetingId, ["theme"] = "9", ["kind"] = kind, ["date"] = Iso(day), ["time"] = "14:00", ["duration"] = "90",
            ["zone"] = "Europe/Paris", ["subject"] = "", ["agenda"] = agenda, ["secretary"] = "", ["confirm"] = confirm ? "true" : "false",
        }, change: As(LeaAad)));

    private static async Task<int> CountMeetingsAsync(TraamApp app)
    {
        await using var db = app.CreateDbContext();
        return await db.Meetings.CountAsync(TestContext.Current.CancellationToken);
    }
}
