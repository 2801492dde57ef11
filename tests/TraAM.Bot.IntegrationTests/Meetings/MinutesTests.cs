using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.Delivery;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.Meetings;
using TraAM.Bot.Meetings.Minutes;
using TraAM.Bot.People;
using TraAM.Bot.Reminders;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Meetings;

/// <summary>
/// The minutes as people write them, through /api/messages on PostgreSQL, without Graph (the fallback): the secretary
/// saves a draft and publishes; the national group's channel gets the copy, corrected in place; each action becomes its
/// owner's deadline (reminded, "C'est fait"); the secretary is reminded until publication, then the expert is told.
/// </summary>
public sealed class MinutesTests(TraamApp app) : AppTest(app)
{
    private const string ExpertAad = "6a2b0a6e-4444-4c6e-9a5a-0000000000d1";
    private const string SecretaryAad = "6a2b0a6e-4444-4c6e-9a5a-0000000000d2";
    private const string MarcAad = "6a2b0a6e-4444-4c6e-9a5a-0000000000d3";
    private const string InspectorAad = "6a2b0a6e-4444-4c6e-9a5a-0000000000d4";

    private sealed record Cast(Guid Meeting, Person Expert, Person Secretary, Person Marc, Person Inspector, WorkGroup Channel, long LeaAttendance, long MarcAttendance);

    [PostgresFact]
    public async Task The_secretary_saves_a_draft_then_publishes_and_the_channel_gets_the_minutes_corrected_in_place()
    {
        var cast = await SeedAsync();
        await CollectAsync(cast.Meeting);
        Assert.Contains("compte rendu à rédiger", await MeetingsTextAsync(SecretaryAad), StringComparison.Ordinal);

        var draft = await App.InvokeAsync(Activities.Invoke(MinutesCard.SaveVerb, Answers(cast, 0, ("decisions", "Publier avant mars")), change: As(SecretaryAad)));
        Assert.Contains("Brouillon enregistré", draft.Text(), StringComparison.Ordinal);
        Assert.Equal(MinutesState.Draft, (await MinutesAsync(cast.Meeting)).State);
        Assert.Contains("compte rendu en brouillon", await MeetingsTextAsync(SecretaryAad), StringComparison.Ordinal);

        var bad = await App.InvokeAsync(Activities.Invoke(MinutesCard.PublishVerb, Answers(cast, 1, ("action1What", "Relire"), ("action1Due", "1er février")), change: As(SecretaryAad)));
        Assert.Contains("AAAA-MM-JJ", bad.Text(), StringComparison.Ordinal);
        Assert.Contains("1er février", bad.Text(), StringComparison.Ordinal); // what was typed stays
        Assert.Equal(0, (await MinutesAsync(cast.Meeting)).Version);

        var published = await App.InvokeAsync(Activities.Invoke(MinutesCard.PublishVerb, Answers(cast, 1,
            ("present", $"{cast.LeaAttendance},{cast.MarcAttendance}"), ("decisions", "Publier avant mars"),
            ("action1What", "Relire le module"), ("action1Owner", Id(cast.Marc)), ("action1Due", "2027-02-01")), change: As(SecretaryAad)));
        Assert.Contains("version 1", published.Text(), StringComparison.Ordinal);
        var minutes = await MinutesAsync(cast.Meeting);
        Assert.Equal((MinutesState.Published, 1), (minutes.State, minutes.Version));
        await using (var db = App.CreateDbContext())
        {
            var version = await db.FormVersions.AsNoTracking().SingleAsync(v => v.Kind == MeetingMinutes.FormKind && v.SubjectId == minutes.Id);
            Assert.Equal((1, cast.Secretary.Id, "Léa Petit"), (version.Number, version.ByPersonId, version.ByName));
        }

        Assert.Contains("compte rendu publié", await MeetingsTextAsync(SecretaryAad), StringComparison.Ordinal);
        await App.DrainAsync();
        var posted = Assert.Single(App.Connector.Activities, a => a.Method == HttpMethod.Post && a.CardTexts.Contains("📝 Compte rendu publié"));
        Assert.Contains("Publier avant mars", posted.CardTexts);
        Assert.Contains(posted.CardTexts, t => t.Contains("Relire le module — Marc Durand — pour le 1er février 2027", StringComparison.Ordinal));

        // A correction: version 2, the same channel copy updated in place, nothing posted again.
        App.Connector.Clear();
        await App.InvokeAsync(Activities.Invoke(MinutesCard.PublishVerb, Answers(cast, minutes.Revision,
            ("present", $"{cast.LeaAttendance}"), ("decisions", "Publier avant avril"),
            ("action1What", "Relire le module"), ("action1Owner", Id(cast.Marc)), ("action1Due", "2027-02-01")), change: As(SecretaryAad)));
        Assert.Equal(2, (await MinutesAsync(cast.Meeting)).Version);
        await App.RunEnqueuedAsync<CardCopiesJob>();
        var updated = Assert.Single(App.Connector.Activities);
        Assert.Equal(HttpMethod.Put, updated.Method);
        Assert.Contains("Publier avant avril", updated.CardTexts);
        Assert.Single(await App.NotificationsAsync(), n => n.Kind == MinutesPublisher.ChannelKind);
    }

    [PostgresFact]
    public async Task Only_the_secretary_the_organiser_or_the_themes_expert_may_write_and_every_submit_is_checked()
    {
        var cast = await SeedAsync();
        await CollectAsync(cast.Meeting);

        var refused = await App.InvokeAsync(Activities.Invoke(MinutesCard.PublishVerb, Answers(cast, 0, ("present", $"{cast.LeaAttendance}")), change: As(InspectorAad)));
        Assert.Contains("Seuls le ou la secrétaire", refused.Text(), StringComparison.Ordinal);
        var marc = await App.InvokeAsync(Activities.Invoke(MinutesCard.OpenVerb, new JsonObject { ["subject"] = MinutesSubject.Of(cast.Meeting) }, change: As(MarcAad)));
        Assert.Contains("Seuls le ou la secrétaire", marc.Text(), StringComparison.Ordinal);
        Assert.Equal(MinutesState.ToWrite, (await MinutesAsync(cast.Meeting)).State);

        var expert = await App.InvokeAsync(Activities.Invoke(MinutesCard.SaveVerb, Answers(cast, 0, ("notes", "Notes de l'experte")), change: As(ExpertAad)));
        Assert.Contains("Brouillon enregistré", expert.Text(), StringComparison.Ordinal);
        // The secretary's card still shows revision 0: told that it was saved meanwhile, what she typed kept.
        var stale = await App.InvokeAsync(Activities.Invoke(MinutesCard.SaveVerb, Answers(cast, 0, ("notes", "Mes notes")), change: As(SecretaryAad)));
        Assert.Contains("enregistré entre-temps", stale.Text(), StringComparison.Ordinal);
        Assert.Contains("Mes notes", stale.Text(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task The_secretary_is_reminded_J2_and_J7_then_the_expert_told_and_publishing_stops_them()
    {
        var cast = await SeedAsync();
        await CollectAsync(cast.Meeting);
        await CollectAsync(cast.Meeting); // replayed: queued once

        var all = await App.NotificationsAsync();
        var card = Assert.Single(all, n => n.Kind == CollectMinutesJob.CardKind);
        Assert.Equal(cast.Secretary.Id, card.PersonId);
        var reminders = all.Where(n => n.Kind == CollectMinutesJob.ReminderKind).OrderBy(n => n.DueAt).ToList();
        Assert.Equal([cast.Secretary.Id, cast.Secretary.Id], reminders.Select(n => n.PersonId!.Value));
        var end = await EndDayAsync(cast.Meeting);
        Assert.Equal([At9(end.AddDays(2)), At9(end.AddDays(7))], reminders.Select(n => n.DueAt));
        var late = Assert.Single(all, n => n.Kind == CollectMinutesJob.LateKind);
        Assert.Equal((cast.Expert.Id, At9(end.AddDays(8))), (late.PersonId!.Value, late.DueAt));

        // J+2 at 9:00: the reminder goes, with its "Ouvrir le compte rendu".
        App.Clock.Advance(At9(end.AddDays(2)) - App.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await App.DrainAsync();
        Assert.Contains(App.Connector.Activities, a => a.CardTexts.Contains("📝 Compte rendu à publier"));

        await App.InvokeAsync(Activities.Invoke(MinutesCard.PublishVerb, Answers(cast, 0, ("present", $"{cast.LeaAttendance}")), change: As(SecretaryAad)));
        var after = await App.NotificationsAsync();
        Assert.All(after.Where(n => n.Kind is CollectMinutesJob.ReminderKind or CollectMinutesJob.LateKind && n.DueAt > App.Clock.GetUtcNow()),
            n => Assert.Equal(NotificationState.Cancelled, n.State));
    }

    [PostgresFact]
    public async Task An_action_is_its_owners_deadline_reminded_listed_in_echeances_and_closed_by_Cest_fait()
    {
        var cast = await SeedAsync();
        await CollectAsync(cast.Meeting);
        var due = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime).AddDays(20);
        await App.InvokeAsync(Activities.Invoke(MinutesCard.PublishVerb, Answers(cast, 0, ("present", $"{cast.LeaAttendance}"),
            ("action1What", "Relire le module"), ("action1Owner", Id(cast.Marc)), ("action1Due", due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))), change: As(SecretaryAad)));
        long actionId;
        await using (var db = App.CreateDbContext()) actionId = (await db.MeetingActions.SingleAsync()).Id;
        var subject = $"deadline:1:action:{actionId}";

        await using (var scope = App.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ReminderPlanner>().PlanAsync(1, [DeadlineKind.Action], TestContext.Current.CancellationToken);
        var planned = (await App.NotificationsAsync()).Where(n => n.Subject == subject || n.Subject.StartsWith(subject + ":", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, planned.Count(n => n.Kind == ReminderPlanner.ReminderKind && n.PersonId == cast.Marc.Id)); // J-7, J-1
        Assert.Contains(planned, n => n.Kind == ReminderPlanner.EscalationKind && n.PersonId == cast.Expert.Id);
        Assert.All(planned.Where(n => n.Kind == ReminderPlanner.ReminderKind), n => Assert.Contains("Relire le module", n.DataJson, StringComparison.Ordinal));

        App.Connector.Clear();
        using (await App.PostActivityAsync(Activities.PersonalMessage("échéances", change: As(MarcAad))))
        {
        }

        Assert.Contains(App.Connector.Activities, a => a.CardTexts.Any(t => t.Contains("Relire le module", StringComparison.Ordinal)));

        var notOwner = await App.InvokeAsync(Activities.Invoke("deadline.done", new JsonObject { ["subject"] = subject }, change: As(SecretaryAad)));
        Assert.DoesNotContain("C'est noté", notOwner.Text(), StringComparison.Ordinal);
        await App.InvokeAsync(Activities.Invoke("deadline.done", new JsonObject { ["subject"] = subject }, change: As(MarcAad)));
        await using (var db = App.CreateDbContext())
        {
            Assert.NotNull((await db.MeetingActions.SingleAsync()).DoneAt);
            Assert.True(await db.DeadlineCompletions.AnyAsync(c => c.Subject == subject && c.PersonId == cast.Marc.Id));
        }

        Assert.All((await App.NotificationsAsync()).Where(n => n.Subject == subject || n.Subject == $"{subject}:about:{cast.Marc.Id}"),
            n => Assert.Equal(NotificationState.Cancelled, n.State));
    }

    private async Task<Cast> SeedAsync()
    {
        var lyon = await App.TeamAsync("Équipe HG Lyon", "lyon", HistoireGeo);
        var expert = await App.PersonAsync("Inès", "Moreau", ExpertAad, Expert("histoire-geographie"));
        var secretary = await App.PersonAsync("Léa", "Petit", SecretaryAad, Referent(lyon));
        var marc = await App.PersonAsync("Marc", "Durand", MarcAad, Teacher(lyon));
        var inspector = await App.PersonAsync("Hugo", "Lambert", InspectorAad, Inspector("lyon", "histoire-geographie"));
        foreach (var p in new[] { expert, secretary, marc, inspector }) await App.ChatAsync(p);
        var channel = await App.LinkAsync(HistoireGeo);
        var id = Guid.NewGuid();
        var start = App.Clock.GetUtcNow().AddDays(-1);
        await using var db = App.CreateDbContext();
        db.Meetings.Add(new Meeting
        {
            Id = id, CampaignId = 1, ThemeId = HistoireGeo, Kind = MeetingKind.Checkpoint, State = MeetingState.Scheduled, StartUtc = start,
            TimeZoneId = "Europe/Paris", Duration = TimeSpan.FromHours(1), Subject = "Point d'étape HG", Agenda = "Tour de table",
            CreatedAt = start.AddDays(-10), UpdatedAt = start.AddDays(-10), OrganizerPersonId = expert.Id, SecretaryPersonId = secretary.Id,
        });
        var lea = new MeetingAttendance { MeetingId = id, PersonId = secretary.Id, Name = "Léa Petit", Email = secretary.Email };
        var m = new MeetingAttendance { MeetingId = id, PersonId = marc.Id, Name = "Marc Durand", Email = marc.Email };
        db.MeetingAttendances.AddRange(lea, m, new MeetingAttendance { MeetingId = id, PersonId = expert.Id, Name = "Inès Moreau", Email = expert.Email });
        await db.SaveChangesAsync();
        return new Cast(id, expert, secretary, marc, inspector, channel, lea.Id, m.Id);
    }

    private static JsonObject Answers(Cast cast, int version, params (string Id, string Value)[] answers)
    {
        var o = new JsonObject { ["subject"] = MinutesSubject.Of(cast.Meeting), ["version"] = version.ToString(CultureInfo.InvariantCulture) };
        foreach (var (id, value) in answers) o[id] = value;
        return o;
    }

    private static string Id(Person p) => p.Id.ToString(CultureInfo.InvariantCulture);

    private static Action<JsonNode> As(string aad) => a => a["from"]!["aadObjectId"] = aad;

    private async Task CollectAsync(Guid meeting)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CollectMinutesJob>().RunAsync(meeting, TestContext.Current.CancellationToken);
    }

    private async Task<MeetingMinutes> MinutesAsync(Guid meeting)
    {
        await using var db = App.CreateDbContext();
        return await db.MeetingMinutes.AsNoTracking().SingleAsync(m => m.MeetingId == meeting);
    }

    private async Task<DateOnly> EndDayAsync(Guid meeting)
    {
        await using var db = App.CreateDbContext();
        var m = await db.Meetings.AsNoTracking().SingleAsync(x => x.Id == meeting);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(m.StartUtc + m.Duration, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
    }

    private static DateTimeOffset At9(DateOnly day) => Bot.Reference.LocalTime.At(day, Bot.Reference.LocalTime.ReminderTime, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));

    private async Task<string> MeetingsTextAsync(string aad)
    {
        App.Connector.Clear();
        using var response = await App.PostActivityAsync(Activities.PersonalMessage("réunions", change: As(aad)));
        var reply = App.Connector.Activities[^1];
        return reply.Body?["text"]?.GetValue<string>() ?? "";
    }
}
