using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.Delivery;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.Meetings;
using TraAM.Bot.People;
using static TraAM.Bot.IntegrationTests.CheckIns.CheckInSeed;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Meetings;

/// <summary>
/// "réunion" through /api/messages on PostgreSQL, in the fallback (no Graph): the card for the theme's TN3 expert, a
/// refusal for a referent, the rules' errors beside their field, the national group invited, the channel's card once,
/// moved and cancelled in place, the kick-off deadline done, the signed .ics.
/// </summary>
public sealed class ScheduleMeetingTests(TraamApp app) : AppTest(app)
{
    private const string IgesrAad = "3c9e6b1a-0210-4d2f-8a7e-5b6c7d8e9f10";

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A Tuesday at least two weeks ahead: a working day whatever today is.</summary>
    private DateOnly Tuesday(int weeks = 2)
    {
        var day = App.ParisToday().AddDays(7 * weeks);
        return day.AddDays(((int)DayOfWeek.Tuesday - (int)day.DayOfWeek + 7) % 7);
    }

    private async Task<(Cast Cast, Person Igesr, string MeetingId)> OpenAsync()
    {
        var cast = await App.CastAsync();
        var igesr = await App.PersonAsync("Anne", "Roux", IgesrAad, new RoleAssignment { Role = Role.Igesr, DisciplineCode = "histoire-geographie" });
        await App.PostActivityAsync(Activities.PersonalMessage("réunion", change: As(LeaAad)));
        var card = Assert.Single(App.Connector.Activities).Card!;
        var submit = card["actions"]!.AsArray().Single(a => a!["verb"]?.GetValue<string>() == ScheduleMeeting.Verb)!;
        App.Connector.Clear();
        return (cast, igesr, submit["data"]!["meetingId"]!.GetValue<string>());
    }

    private Task<JsonNode> SubmitAsync(string meetingId, DateOnly day, string kind = "checkpoint", string time = "14:00", bool confirm = false, string aad = LeaAad,
        string agenda = "1. Tour de table", string secretary = "") =>
        App.InvokeAsync(Activities.Invoke(ScheduleMeeting.Verb, new JsonObject
        {
            ["meetingId"] = meetingId, ["theme"] = "9", ["kind"] = kind, ["date"] = Iso(day), ["time"] = time, ["duration"] = "90",
            ["zone"] = "Europe/Paris", ["subject"] = "", ["agenda"] = agenda, ["secretary"] = secretary, ["confirm"] = confirm ? "true" : "false",
        }, change: As(aad)));

    [PostgresFact]
    public async Task TheExpert_GetsTheCard_WithTheGroupAndTheTimeInMartinique_AReferentIsRefused_EvenOnSubmit()
    {
        var cast = await App.CastAsync();
        await App.PostActivityAsync(Activities.PersonalMessage("réunion", change: As(LeaAad)));
        var card = Assert.Single(App.Connector.Activities);
        Assert.Contains(card.CardTexts, t => t.Contains("Planifier une réunion du groupe national", StringComparison.Ordinal));
        Assert.Contains(card.CardTexts, t => t.Contains("Camille Martin", StringComparison.Ordinal) && t.Contains("Marc Ravin", StringComparison.Ordinal));
        Assert.Contains(card.CardTexts, t => t == "Martinique"); // the time elsewhere: Marc works in Fort-de-France
        Assert.DoesNotContain(card.CardTexts, t => t.Contains("Paul Durand", StringComparison.Ordinal)); // a teacher is not in the national group

        App.Connector.Clear();
        await App.PostActivityAsync(Activities.PersonalMessage("réunion", change: As(CamilleAad)));
        var refusal = Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>();
        Assert.Contains("réservée aux personnes expertes TN3", refusal, StringComparison.Ordinal);

        App.Connector.Clear();
        await App.PostActivityAsync(Activities.ChannelMessage("réunion")); // the card lists people and e-mails: never in a channel
        Assert.Contains("conversation personnelle", Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        var forged = await SubmitAsync(Guid.NewGuid().ToString("N"), Tuesday(), aad: CamilleAad);
        Assert.Contains("réservée aux personnes expertes TN3", forged.Text(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        Assert.False(await db.Meetings.AnyAsync(TestContext.Current.CancellationToken));
    }

    [PostgresFact]
    public async Task RuleErrors_StayBesideTheirField_WithWhatWasTyped_AndTheTickLetsAWeekendThrough()
    {
        var (_, _, id) = await OpenAsync();
        var saturday = Tuesday().AddDays(4);

        var weekend = await SubmitAsync(id, saturday, agenda: "Ordre du jour tapé avec soin");
        var text = weekend.Text();
        Assert.Contains("Ce jour est un week-end : cochez la confirmation pour le garder.", text, StringComparison.Ordinal);
        Assert.Contains("Ordre du jour tapé avec soin", text, StringComparison.Ordinal);
        Assert.Contains(Iso(saturday), text, StringComparison.Ordinal);
        var fields = weekend["value"]!["body"]!.AsArray().Select(e => e?["id"]?.GetValue<string>()).ToList();
        Assert.Contains("confirm", fields); // the tick appears only now
        await using (var db = App.CreateDbContext())
        {
            Assert.False(await db.Meetings.AnyAsync(TestContext.Current.CancellationToken));
        }

        var late = await SubmitAsync(id, Tuesday(), kind: "kickoffRemote");
        Assert.Contains("Le lancement doit avoir lieu au plus tard le 31/10/2026", late.Text(), StringComparison.Ordinal);
        var badTime = await SubmitAsync(id, Tuesday(), time: "25:99");
        Assert.Contains("Indiquez l'heure de début", badTime.Text(), StringComparison.Ordinal);

        var confirmed = await SubmitAsync(id, saturday, confirm: true);
        Assert.Contains("C'est fait : la réunion est planifiée", confirmed.Text(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Scheduling_InvitesTheNationalGroup_PostsTheChannelCardOnce_AndADoubleSubmitIsTheSameMeeting()
    {
        var (cast, igesr, id) = await OpenAsync();
        var channel = await App.LinkAsync(HistoireGeo);
        var day = Tuesday();

        var done = await SubmitAsync(id, day, secretary: cast.Camille.Id.ToString(CultureInfo.InvariantCulture));
        Assert.Contains("C'est fait : la réunion est planifiée", done.Text(), StringComparison.Ordinal);
        Assert.Contains("Déplacer", done.Text(), StringComparison.Ordinal); // the organiser's own view
        var again = await SubmitAsync(id, day, secretary: cast.Camille.Id.ToString(CultureInfo.InvariantCulture));
        Assert.Contains("C'est fait : la réunion est planifiée", again.Text(), StringComparison.Ordinal);

        await using (var db = App.CreateDbContext())
        {
            var meeting = await db.Meetings.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal(Guid.ParseExact(id, "N"), meeting.Id);
            Assert.Equal(cast.Lea.Id, meeting.OrganizerPersonId);
            Assert.Equal(cast.Camille.Id, meeting.SecretaryPersonId);
            Assert.StartsWith("Point d'étape TraAM – ", meeting.Subject, StringComparison.Ordinal);
            var invited = await db.MeetingAttendances.AsNoTracking().Select(a => a.PersonId!.Value).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(new[] { cast.Lea.Id, cast.Camille.Id, cast.Marc.Id, igesr.Id }.Order(), invited.Order());
            Assert.Contains(await db.MeetingAttendances.AsNoTracking().Select(a => a.Email).ToListAsync(TestContext.Current.CancellationToken), e => e == "anne.roux@ac-test.fr");
        }

        Assert.Equal(1, await App.RunEnqueuedAsync<SyncMeetingEventJob>());
        await ReplayAsync(id); // a Hangfire retry of the same job: nothing queued twice
        var notes = await App.NotificationsAsync();
        var card = Assert.Single(notes, n => n.Kind == MeetingNotices.ChannelKind);
        Assert.Equal(channel.Id, card.WorkGroupId);
        // The fallback: each invitee in the directory gets the invitation with its .ics, once.
        Assert.Equal(4, notes.Count(n => n.Kind == MeetingNotices.InvitationKind));
        Assert.Contains("traam.test.invalid/meetings/" + id + ".ics?sig=", card.DataJson, StringComparison.Ordinal);

        await App.DrainAsync();
        // (Anne never installed the app: the channel is also told so, by the outbox.)
        var posted = Assert.Single(App.Connector.Activities, a => Uri.UnescapeDataString(a.Path).Contains(StatusSeed.PayloadChannel, StringComparison.Ordinal)
            && a.CardTexts.Any(t => t.Contains("Point d'étape (à distance)", StringComparison.Ordinal)));
        Assert.Contains(posted.CardTexts, t => t == "Ajouter à mon agenda");
        Assert.Contains(posted.CardTexts, t => t.Contains("(heure de Paris)", StringComparison.Ordinal));

        // Marc refreshes the channel's card: his own time, in Martinique; no buttons to move it.
        var marcView = (await App.InvokeAsync(Activities.Invoke(ManageMeeting.ViewVerb, new JsonObject { ["meetingId"] = id }, inChannel: true, change: As(MarcAad)))).Text();
        var paris = TraAM.Bot.Reference.LocalTime.At(day, new TimeOnly(14, 0), TraAM.Bot.Reference.LocalTime.ZoneOf("paris"));
        var there = TimeZoneInfo.ConvertTime(paris, TraAM.Bot.Reference.LocalTime.ZoneOf("martinique")); // 9:00 in winter, 8:00 in Paris's summer
        Assert.Contains($"à {there.Hour} h (Martinique)", marcView, StringComparison.Ordinal);
        Assert.DoesNotContain("Déplacer", marcView, StringComparison.Ordinal);

        // A DAN is not of the national group: the card's data (the id) proves nothing.
        await App.PersonAsync("Karim", "Haddad", DanAad, new RoleAssignment { Role = Role.Dan, AcademyCode = "lyon" });
        var danView = await App.InvokeAsync(Activities.Invoke(ManageMeeting.ViewVerb, new JsonObject { ["meetingId"] = id }, inChannel: true, change: As(DanAad)));
        Assert.Contains("un groupe national dont vous ne faites pas partie", danView.Text(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task TwoClicksAtOnce_AreOneMeeting_BothToldItIsDone()
    {
        var (_, _, id) = await OpenAsync();
        var day = Tuesday();

        var answers = await Task.WhenAll(SubmitAsync(id, day), SubmitAsync(id, day), SubmitAsync(id, day));

        Assert.All(answers, a => Assert.Contains("C'est fait : la réunion est planifiée", a.Text(), StringComparison.Ordinal));
        await using var db = App.CreateDbContext();
        Assert.Equal(1, await db.Meetings.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, await App.RunEnqueuedAsync<SyncMeetingEventJob>());
    }

    [PostgresFact]
    public async Task MovingAndCancelling_UpdateTheChannelCopyInPlace_AndOnlyTheExpertMay()
    {
        var (cast, _, id) = await OpenAsync();
        await App.LinkAsync(HistoireGeo);
        var day = Tuesday();
        await SubmitAsync(id, day);
        await App.RunEnqueuedAsync<SyncMeetingEventJob>();
        await App.DrainAsync();
        App.Connector.Clear();

        var refused = await App.InvokeAsync(Activities.Invoke(ManageMeeting.CancelVerb, new JsonObject { ["meetingId"] = id, ["confirm"] = "true" }, inChannel: true, change: As(CamilleAad)));
        Assert.Contains("Seules les personnes expertes TN3", refused.Text(), StringComparison.Ordinal);

        var form = await App.InvokeAsync(Activities.Invoke(ManageMeeting.MoveFormVerb, new JsonObject { ["meetingId"] = id }, inChannel: true, change: As(LeaAad)));
        Assert.Contains(Iso(day), form.Text(), StringComparison.Ordinal);
        var moved = await App.InvokeAsync(Activities.Invoke(ManageMeeting.MoveVerb, new JsonObject
        {
            ["meetingId"] = id, ["revision"] = "0", ["date"] = Iso(day.AddDays(1)), ["time"] = "10:30", ["duration"] = "60", ["zone"] = "Europe/Paris", ["confirm"] = "false",
        }, inChannel: true, change: As(LeaAad)));
        Assert.Contains("C'est fait : la réunion est déplacée", moved.Text(), StringComparison.Ordinal);

        Assert.Equal(1, await App.RunEnqueuedAsync<SyncMeetingEventJob>());
        Assert.Equal(1, await App.RunEnqueuedAsync<CardCopiesJob>());
        var update = Assert.Single(App.Connector.Activities, a => a.Method == HttpMethod.Put);
        Assert.Contains(update.CardTexts, t => t.Contains("à 10 h 30", StringComparison.Ordinal));
        var told = Assert.Single(await App.NotificationsAsync(), n => n.Kind == MeetingReminders.ChangedKind && n.PersonId == cast.Marc.Id);
        Assert.Contains(".ics?sig=", told.DataJson, StringComparison.Ordinal); // the fallback's new .ics

        App.Connector.Clear();
        var ask = await App.InvokeAsync(Activities.Invoke(ManageMeeting.CancelVerb, new JsonObject { ["meetingId"] = id, ["confirm"] = "false" }, inChannel: true, change: As(LeaAad)));
        Assert.Contains("Confirmer l'annulation", ask.Text(), StringComparison.Ordinal);
        await using (var db = App.CreateDbContext())
        {
            Assert.Equal(MeetingState.Scheduled, (await db.Meetings.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken)).State); // asking is not cancelling
        }

        var cancelled = await App.InvokeAsync(Activities.Invoke(ManageMeeting.CancelVerb, new JsonObject { ["meetingId"] = id, ["confirm"] = "true" }, inChannel: true, change: As(LeaAad)));
        Assert.Contains("C'est fait : la réunion est annulée", cancelled.Text(), StringComparison.Ordinal);
        await App.RunEnqueuedAsync<SyncMeetingEventJob>();
        Assert.Equal(1, await App.RunEnqueuedAsync<CardCopiesJob>());
        var last = Assert.Single(App.Connector.Activities, a => a.Method == HttpMethod.Put);
        Assert.Contains(last.CardTexts, t => t.Contains("annulée", StringComparison.Ordinal));
        Assert.DoesNotContain(last.CardTexts, t => t == "Ajouter à mon agenda");
        Assert.Single(await App.NotificationsAsync(), n => n.Kind == MeetingNotices.ChannelKind); // one copy, updated twice
    }

    [PostgresFact]
    public async Task AKickoffScheduled_IsTheKickoffDeadlineDone_ForTheThemesExperts()
    {
        var (cast, _, id) = await OpenAsync();
        var deadline = Tuesday(6);
        await using (var db = App.CreateDbContext())
        {
            await db.Campaigns.Where(c => c.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(c => c.KickoffDeadline, deadline), TestContext.Current.CancellationToken);
        }

        var done = await SubmitAsync(id, Tuesday(), kind: "kickoffRemote");
        Assert.Contains("C'est fait", done.Text(), StringComparison.Ordinal);

        await using var check = App.CreateDbContext();
        var completion = Assert.Single(await check.DeadlineCompletions.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(("deadline:1:kickoff", cast.Lea.Id, "meeting"), (completion.Subject, completion.PersonId, completion.Source));
    }

    [PostgresFact]
    public async Task TheIcsRoute_ServesTheSignedMeeting_And404sAnythingElse()
    {
        var (_, _, id) = await OpenAsync();
        await SubmitAsync(id, Tuesday());
        var links = App.Services.GetRequiredService<MeetingLinks>();
        var meetingId = Guid.ParseExact(id, "N");
        using var client = App.CreateClient();

        using var ok = await client.GetAsync($"/meetings/{id}.ics?sig={links.Signature(meetingId)}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("text/calendar", ok.Content.Headers.ContentType!.MediaType);
        var ics = (await ok.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Replace("\r\n ", "", StringComparison.Ordinal); // unfolded
        Assert.Contains($"UID:{id}@traam.bot", ics, StringComparison.Ordinal);
        Assert.Contains("anne.roux@ac-test.fr", ics, StringComparison.Ordinal);

        var other = Guid.NewGuid();
        foreach (var url in new[]
        {
            $"/meetings/{id}.ics", $"/meetings/{id}.ics?sig=AAAAAAAAAAAAAAAAAAAAAA", $"/meetings/{id}.ics?sig={links.Signature(other)}",
            $"/meetings/{other:N}.ics?sig={links.Signature(other)}", // signed but no such meeting
        })
        {
            using var refused = await client.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }
    }

    private async Task ReplayAsync(string id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SyncMeetingEventJob>().RunAsync(Guid.ParseExact(id, "N"), TestContext.Current.CancellationToken);
    }
}
