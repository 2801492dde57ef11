using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.CheckIns;
using TraAM.Bot.Delivery;
using TraAM.Bot.Forms;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.Reminders;
using static TraAM.Bot.IntegrationTests.CheckIns.CheckInSeed;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.CheckIns;

/// <summary>
/// A team answering a round, through /api/messages on PostgreSQL: the card prefilled from its last answers, new
/// versions until the round closes, then refused with the date; the production tracker and the completion; the risk
/// told once; the reminder and the escalation of a team that did not answer; and everyone who must be refused.
/// </summary>
public sealed class CheckInTests(TraamApp app) : AppTest(app)
{
    private const string Scenarios = "https://hg.ac-lyon.fr/scenarios/fenetre-sur-le-monde";

    [PostgresFact]
    public async Task TheCard_IsPrefilledWithTheLastAnswers_EditableUntilTheRoundCloses_ThenRefusedWithTheDate()
    {
        var cast = await App.CastAsync();
        var today = App.ParisToday();
        var previous = await App.RoundAsync(today.AddDays(-40), today.AddDays(-30));
        var round = await App.RoundAsync(today.AddDays(-1), today.AddDays(5));
        await using (var db = App.CreateDbContext())
        {
            // The team's answer to the previous round, as a send leaves it.
            db.CheckIns.Add(new CheckIn
            {
                RoundId = previous.Id, TeamId = cast.Lyon.Id, Version = 1, AnswersJson = new FormAnswers(new Dictionary<string, string> { ["overall"] = "inProgress", ["scenariosState"] = "written", ["scenariosUrl"] = Scenarios }).ToJson(),
                UpdatedAt = App.Clock.GetUtcNow().AddDays(-35), SubmittedAt = App.Clock.GetUtcNow().AddDays(-35), Overall = OverallProgress.InProgress,
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var opened = await App.InvokeAsync(Activities.Invoke("checkin.open", new JsonObject { ["round"] = round.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        var card = opened.Text();
        Assert.Contains("Point d'étape de l'équipe Équipe HG Lyon", card, StringComparison.Ordinal);
        Assert.Contains("Prérempli avec vos dernières réponses", card, StringComparison.Ordinal);
        Assert.Equal(Scenarios, opened.WithId("scenariosUrl")!["value"]!.GetValue<string>());
        Assert.Equal("inProgress", opened.WithId("overall")!["value"]!.GetValue<string>());

        var subject = Subject(round, cast.Lyon);
        var v1 = await App.SubmitAsync(Answers(subject, 0, "onTrack", ("scenariosState", "tested"), ("scenariosUrl", Scenarios)));
        Assert.Contains("Point d'étape envoyé (version 1)", v1.Text(), StringComparison.Ordinal);
        var c = (await App.CheckInAsync(round, cast.Lyon))!;
        var v2 = await App.SubmitAsync(Answers(subject, c.Revision, "onTrack", ("scenariosState", "published"), ("scenariosUrl", Scenarios), ("confidence", "4")));
        Assert.Contains("Point d'étape envoyé (version 2)", v2.Text(), StringComparison.Ordinal);
        c = (await App.CheckInAsync(round, cast.Lyon))!;
        Assert.Equal((2, OverallProgress.OnTrack, 4), (c.Version, c.Overall, c.Confidence));
        await using (var db = App.CreateDbContext())
        {
            Assert.Equal([1, 2], await db.FormVersions.Where(v => v.Kind == CheckInRound.FormKind && v.SubjectId == c.Id).Select(v => v.Number).OrderBy(n => n).ToListAsync(TestContext.Current.CancellationToken));
            var tracked = await db.TeamProductions.AsNoTracking().SingleAsync(p => p.TeamId == cast.Lyon.Id, TestContext.Current.CancellationToken);
            Assert.Equal((ProductionKind.Scenarios, ProductionState.Published, Scenarios, (long?)c.Id), (tracked.Kind, tracked.State, tracked.Url, tracked.CheckInId));

            await db.CheckInRounds.Where(r => r.Id == round.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Closes, today.AddDays(-1)), TestContext.Current.CancellationToken);
        }

        var late = await App.SubmitAsync(Answers(subject, c.Revision, "late", ("blockers", "Le serveur académique est en panne.")));
        Assert.Contains($"Ce point d'étape est clos depuis le {TraAM.Bot.Cards.DateText.Day(today.AddDays(-1), "fr", withWeekday: true)}", late.Text(), StringComparison.Ordinal);
        Assert.Contains("Le serveur académique est en panne.", late.Text(), StringComparison.Ordinal); // nothing typed is lost
        Assert.Equal(2, (await App.CheckInAsync(round, cast.Lyon))!.Version);
    }

    [PostgresFact]
    public async Task LateOrHelpWanted_RaisesOneRisk_AndOneCardEach_ToTheThemesExpertAndTheTeamsInspector()
    {
        var cast = await App.CastAsync();
        var today = App.ParisToday();
        var round = await App.RoundAsync(today, today.AddDays(7));
        var subject = Subject(round, cast.Lyon);

        var first = await App.SubmitAsync(Answers(subject, 0, "late", ("help", "yes")));
        Assert.Contains("Dites en quelques mots l'aide attendue.", first.Text(), StringComparison.Ordinal); // the help asked needs words
        await App.SubmitAsync(Answers(subject, 0, "late", ("help", "yes"), ("helpText", "Un avis juridique sur l'outil de cartographie.")));
        var c = (await App.CheckInAsync(round, cast.Lyon))!;
        await App.SubmitAsync(Answers(subject, c.Revision, "late", ("help", "yes"), ("helpText", "Un avis juridique sur l'outil de cartographie."), ("blockers", "Pas de salle informatique.")));

        await using (var db = App.CreateDbContext())
        {
            var risk = await db.TeamRisks.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal(RiskReasons.Late | RiskReasons.HelpWanted | RiskReasons.Blocker, risk.Reasons); // the second send updated it
            Assert.Contains("Pas de salle informatique.", risk.Detail, StringComparison.Ordinal);
        }

        var notices = (await App.NotificationsAsync()).Where(n => n.Kind == CheckInRisks.Kind).ToList();
        Assert.Equal([cast.Lea.Id, cast.Hugo.Id], notices.Select(n => n.PersonId!.Value).Order());
        await App.DrainAsync();
        var hugo = Assert.Single(App.Connector.Activities, a => a.Path.Contains($"chat-{cast.Hugo.Id}", StringComparison.Ordinal));
        Assert.Contains(hugo.CardTexts, t => t.Contains("L'équipe Équipe HG Lyon (Lyon) signale : un retard, un besoin d'aide", StringComparison.Ordinal));

        await App.SubmitAsync(Answers(subject, (await App.CheckInAsync(round, cast.Lyon))!.Revision, "onTrack"));
        await using (var db = App.CreateDbContext())
        {
            Assert.NotNull((await db.TeamRisks.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken)).ClosedAt); // all clear: closed, not deleted
        }
    }

    [PostgresFact]
    public async Task AllFourProductionsPublished_RecordsTheCompletionDone_AndChangedAtMovesOnlyOnChange()
    {
        var cast = await App.CastAsync();
        var today = App.ParisToday();
        var round = await App.RoundAsync(today, today.AddDays(7));
        var subject = Subject(round, cast.Lyon);
        (string, string)[] published =
        [
            ("scenariosState", "indexed"), ("scenariosUrl", Scenarios), ("magistereState", "published"), ("bilanState", "published"),
            ("communicationState", "published"), ("communicationUrl", "https://hg.ac-lyon.fr/capsules"),
        ];
        var bad = await App.SubmitAsync(Answers(subject, 0, "onTrack", [.. published, ("bilanUrl", "http://hg.ac-lyon.fr/bilan")]));
        Assert.Contains("Indiquez une adresse complète qui commence par https://", bad.Text(), StringComparison.Ordinal);
        await App.SubmitAsync(Answers(subject, 0, "onTrack", published));

        await using var db = App.CreateDbContext();
        var rows = await db.TeamProductions.AsNoTracking().Where(p => p.TeamId == cast.Lyon.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.True(r.IsPublished));
        Assert.True(await db.DeadlineCompletions.AnyAsync(d => d.Subject == "deadline:1:completion" && d.PersonId == cast.Camille.Id && d.Source == "checkin", TestContext.Current.CancellationToken));
        Assert.True(await db.DeadlineCompletions.AnyAsync(d => d.Subject == $"deadline:1:checkin:{round.Id}" && d.PersonId == cast.Camille.Id, TestContext.Current.CancellationToken));

        App.Clock.Advance(TimeSpan.FromMinutes(5));
        var c = (await App.CheckInAsync(round, cast.Lyon))!;
        await App.SubmitAsync(Answers(subject, c.Revision, "onTrack", [.. published, ("confidence", "5")]));
        var again = await db.TeamProductions.AsNoTracking().Where(p => p.TeamId == cast.Lyon.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(rows.Select(r => r.ChangedAt).Order(), again.Select(r => r.ChangedAt).Order()); // nothing changed, nothing moved
    }

    [PostgresFact]
    public async Task ANonRespondent_IsRemindedAtJMinus2_ThenTheInspectorIsTold_AndAnAnswerStopsBoth()
    {
        var cast = await App.CastAsync();
        var today = App.ParisToday();
        var round = await App.RoundAsync(today, today.AddDays(14));
        await App.PlanAsync();

        var subject = $"deadline:1:checkin:{round.Id}";
        var all = await App.NotificationsAsync();
        var reminder = Assert.Single(all, n => n.Kind == ReminderPlanner.ReminderKind && n.Subject == subject && n.PersonId == cast.Camille.Id);
        Assert.Equal(TraAM.Bot.Reference.LocalTime.At(TraAM.Bot.Reminders.Holidays.WorkingDays.OnOrBefore(round.Closes.AddDays(-2), TraAM.Bot.Reference.SchoolZones.Of("lyon"), []), new TimeOnly(9, 0), TraAM.Bot.Reference.LocalTime.ZoneOf("lyon")), reminder.DueAt);
        Assert.Equal(ReminderPlanner.RoundReminderCard, reminder.Card); // "Répondre", not "C'est fait"
        Assert.Contains("\"round\":\"" + round.Id + "\"", reminder.DataJson, StringComparison.Ordinal);
        Assert.Single(all, n => n.Kind == ReminderPlanner.ReminderKind && n.Subject == subject && n.PersonId == cast.Marc.Id);
        var escalation = Assert.Single(all, n => n.Kind == ReminderPlanner.EscalationKind && n.Subject == $"{subject}:about:{cast.Camille.Id}");
        Assert.Equal(cast.Hugo.Id, escalation.PersonId);
        Assert.True(escalation.DueAt > TraAM.Bot.Reference.LocalTime.EndOf(round.Closes, TraAM.Bot.Reference.LocalTime.ZoneOf("paris")));
        Assert.DoesNotContain(all, n => n.Subject.StartsWith(subject, StringComparison.Ordinal) && n.PersonId == cast.Teacher.Id); // the referent answers for the team

        await App.SubmitAsync(Answers(Subject(round, cast.Lyon), 0));
        var after = await App.NotificationsAsync();
        Assert.Equal(NotificationState.Cancelled, after.Single(n => n.Id == reminder.Id).State);
        Assert.Equal(NotificationState.Cancelled, after.Single(n => n.Id == escalation.Id).State);
        Assert.Equal(NotificationState.Pending, after.Single(n => n.Kind == ReminderPlanner.ReminderKind && n.Subject == subject && n.PersonId == cast.Marc.Id).State);

        var replanned = await App.PlanAsync();
        Assert.Equal(0, replanned.Created); // planning again wants nothing new

        await App.PostActivityAsync(Activities.PersonalMessage("échéances"));
        var texts = Assert.Single(App.Connector.Activities).CardTexts.ToList();
        var line = texts.FindIndex(t => t.StartsWith("Point d'étape", StringComparison.Ordinal));
        Assert.True(line >= 0, string.Join(" | ", texts)); // the round is one of Camille's deadlines…
        Assert.True(texts.Skip(line).Take(10).Contains("fait ✔"), string.Join(" | ", texts)); // …and it is done
    }

    [PostgresFact]
    public async Task ARoundPlannedAfterItsJMinus2_RemindsNobody_ButStillEscalates()
    {
        var cast = await App.CastAsync();
        var today = App.ParisToday();
        var round = await App.RoundAsync(today, today.AddDays(1)); // its card is the notice: no reminder on top, none before it
        await App.PlanAsync();

        var all = await App.NotificationsAsync();
        var subject = $"deadline:1:checkin:{round.Id}";
        Assert.DoesNotContain(all, n => n.Kind == ReminderPlanner.ReminderKind && n.Subject == subject);
        Assert.Equal(cast.Hugo.Id, Assert.Single(all, n => n.Kind == ReminderPlanner.EscalationKind && n.Subject == $"{subject}:about:{cast.Camille.Id}").PersonId);
    }

    [PostgresFact]
    public async Task AForgedCard_ATeacherOfAReferentOnlyRound_AndAnotherRole_AreRefused_AndNothingIsSaved()
    {
        var cast = await App.CastAsync();
        var today = App.ParisToday();
        var round = await App.RoundAsync(today, today.AddDays(7));

        var forged = await App.SubmitAsync(Answers(Subject(round, cast.Martinique), 0)); // Camille names another team
        Assert.Contains("Seules les personnes de l'équipe autorisées", forged.Text(), StringComparison.Ordinal);
        var teacher = await App.SubmitAsync(Answers(Subject(round, cast.Lyon), 0), TeacherAad);
        Assert.Contains("Seules les personnes de l'équipe autorisées", teacher.Text(), StringComparison.Ordinal);
        var dan = await App.PersonAsync("Dana", "Nguyen", DanAad, new TraAM.Bot.People.RoleAssignment { Role = TraAM.Bot.People.Role.Dan, AcademyCode = "lyon" });
        var byDan = await App.SubmitAsync(Answers(Subject(round, cast.Lyon), 0), DanAad);
        Assert.Contains("Seules les personnes de l'équipe autorisées", byDan.Text(), StringComparison.Ordinal);
        var unknownRound = await App.SubmitAsync(Answers("999999:" + cast.Lyon.Id, 0));
        Assert.Contains("Je ne retrouve pas ce point d'étape", unknownRound.Text(), StringComparison.Ordinal);
        await using (var db = App.CreateDbContext())
        {
            Assert.Equal(0, await db.CheckIns.CountAsync(TestContext.Current.CancellationToken));
        }

        // The round lets teachers answer: the same teacher now may.
        await using (var db = App.CreateDbContext())
        {
            await db.CheckInRounds.Where(r => r.Id == round.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.TeachersMayAnswer, true), TestContext.Current.CancellationToken);
        }

        var allowed = await App.SubmitAsync(Answers(Subject(round, cast.Lyon), 0), TeacherAad);
        Assert.Contains("Point d'étape envoyé (version 1)", allowed.Text(), StringComparison.Ordinal);
        Assert.NotNull(dan);
    }

    [PostgresFact]
    public async Task InAChannel_TheReferentIsSentToThePersonalChat_AndNoFormIsPosted()
    {
        var cast = await App.CastAsync();
        var today = App.ParisToday();
        await App.RoundAsync(today.AddDays(-1), today.AddDays(5));
        App.Connector.Clear();

        var asked = Activities.ChannelMessage("point d'étape");
        asked["from"]!["aadObjectId"] = cast.Camille.EntraObjectId;
        await App.PostActivityAsync(asked);

        var reply = Assert.Single(App.Connector.Activities);
        Assert.Null(reply.Card); // her team's answers are not for the channel to read
        Assert.Contains("conversation privée avec moi", reply.Body!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
