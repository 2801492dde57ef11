using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.Candidacies;
using TraAM.Bot.Delivery;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.People;
using static TraAM.Bot.IntegrationTests.Infrastructure.CandidacySeed;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Candidacies;

/// <summary>
/// A team's candidacy to the 2027-2028 call while 2026-2027 works, through /api/messages on PostgreSQL: the referent's
/// versioned form, the inspectors' card and decisions, every copy updated in place, and everyone who must be refused.
/// </summary>
public sealed class CandidacyTests(TraamApp app) : AppTest(app)
{
    private const string HugoAad = "3c9e6b1a-0002-4d2f-8a7e-5b6c7d8e9f02";
    private const string NoraAad = "3c9e6b1a-0007-4d2f-8a7e-5b6c7d8e9f07";

    /// <summary>Entra ids as Teams sends them (GUIDs): the bot ignores anything else, so a forged id could not be told from a refusal.</summary>
    private static class Aad
    {
        public const string Ines = "3c9e6b1a-0100-4d2f-8a7e-5b6c7d8e9f00";
        public const string Karim = "3c9e6b1a-0101-4d2f-8a7e-5b6c7d8e9f01";
        public const string Yves = "3c9e6b1a-0102-4d2f-8a7e-5b6c7d8e9f02";
        public const string Leon = "3c9e6b1a-0103-4d2f-8a7e-5b6c7d8e9f03";
        public const string Camille2 = "3c9e6b1a-0104-4d2f-8a7e-5b6c7d8e9f04";
    }

    private sealed record Cast(AcademicTeam Team, Person Camille, Person Hugo, Person Nora, Person OtherInspector, WorkGroup Channel);

    /// <summary>Lyon's SVT team of the next call (Camille referent, two teachers), two Lyon SVT inspectors, one in Grenoble.</summary>
    private async Task<Cast> SetUpAsync(int theme = NextSvt, string academy = "lyon", int teachers = 2)
    {
        await App.NextCallAsync();
        var team = await App.TeamAsync("Équipe SVT " + academy, academy, theme, NextCampaign);
        var camille = await App.PersonAsync("Camille", "Martin", CamilleAad, Referent(team));
        for (var i = 0; i < teachers; i++) await App.PersonAsync("Prof" + i, "Svt", "aad-teacher-" + i, Teacher(team));
        var hugo = await App.PersonAsync("Hugo", "Bernard", HugoAad, Inspector(academy, "svt").In(NextCampaign));
        var nora = await App.PersonAsync("Nora", "Blanc", NoraAad, Inspector(academy, "svt").In(NextCampaign));
        var other = await App.PersonAsync("Yves", "Roux", Aad.Yves, Inspector("grenoble", "svt").In(NextCampaign));
        await using (var db = App.CreateDbContext())
        {
            await db.People.Where(p => p.Id == hugo.Id || p.Id == nora.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.TeamsUserId, p => "29:" + p.FirstName));
        }

        await App.ChatAsync(hugo);
        await App.ChatAsync(nora);
        await App.ChatAsync(other);
        await App.ChatAsync(camille);
        var channel = await App.LinkedGroupAsync(team);
        return new Cast(team, camille, hugo, nora, other, channel);
    }

    private static JsonObject Answers(long teamId, int version, string summary = "Les élèves enquêtent sur la santé des sols de leur quartier.", string year = "1") => new()
    {
        ["subject"] = teamId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["title"] = "Une seule santé au collège",
        ["summary"] = summary,
        ["productions"] = "scenarios,magistere",
        ["levels"] = "5e et 4e",
        ["year"] = year,
    };

    private static Action<JsonNode> As(string aad) => a => a["from"]!["aadObjectId"] = aad;

    private Task<JsonNode> SubmitAsync(JsonObject answers, string aad = CamilleAad) => App.InvokeAsync(Activities.Invoke("candidacy.submit", answers, change: As(aad)));

    private Task<JsonNode> DecideAsync(string aad, long candidacyId, int version, string decision, string comment = "", string? activityId = null) =>
        App.InvokeAsync(Activities.Invoke("candidacy.decide", new JsonObject
        {
            ["candidacyId"] = candidacyId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["decision"] = decision,
            ["comment"] = comment,
        }, change: a =>
        {
            As(aad)(a);
            if (activityId is not null) a["id"] = activityId;
        }));

    private async Task<Candidacy> CandidacyAsync()
    {
        await using var db = App.CreateDbContext();
        return await db.Candidacies.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
    }

    [PostgresFact]
    public async Task TheReferent_SavesADraft_ThenSubmits_AndTheInspectorsOfTheAcademyGetTheCard_TheChannelACopy()
    {
        var cast = await SetUpAsync();

        await App.PostActivityAsync(Activities.PersonalMessage("candidature"));
        var form = Assert.Single(App.Connector.Activities);
        Assert.Contains("Candidature de l'équipe Équipe SVT lyon", form.CardTexts);
        Assert.Contains("31 mars 2027", form.CardTexts);

        var draft = Answers(cast.Team.Id, 0, summary: "");
        var saved = await App.InvokeAsync(Activities.Invoke("candidacy.save", draft));
        Assert.Contains("Brouillon enregistré", saved.Text(), StringComparison.Ordinal);
        var c = await CandidacyAsync();
        Assert.Equal((CandidacyState.Draft, 0), (c.State, c.Version));

        var missing = await SubmitAsync(Answers(cast.Team.Id, c.Revision, summary: ""));
        Assert.Contains("Cette réponse est obligatoire.", missing.Text(), StringComparison.Ordinal);
        Assert.Contains("Une seule santé au collège", missing.Text(), StringComparison.Ordinal); // what was typed is kept

        var submitted = await SubmitAsync(Answers(cast.Team.Id, c.Revision));
        Assert.Contains("Candidature déposée (version 1)", submitted.Text(), StringComparison.Ordinal);
        c = await CandidacyAsync();
        Assert.Equal((CandidacyState.Pending, 1), (c.State, c.Version));

        var sent = (await App.NotificationsAsync()).Where(n => n.Kind == CandidacyNotices.ReviewKind).ToList();
        Assert.Equal([cast.Hugo.Id, cast.Nora.Id], sent.Where(n => n.PersonId is not null).Select(n => n.PersonId!.Value).Order());
        Assert.Equal(cast.Channel.Id, Assert.Single(sent, n => n.WorkGroupId is not null).WorkGroupId);
        App.Connector.Clear();
        await App.DrainAsync();
        var hugoCopy = Assert.Single(App.Connector.Activities, a => a.Path.Contains($"chat-{cast.Hugo.Id}", StringComparison.Ordinal));
        Assert.Equal(["29:Hugo", "29:Nora"], hugoCopy.Card!["refresh"]!["userIds"]!.AsArray().Select(u => u!.GetValue<string>()).Order());
        Assert.Contains("Examiner", hugoCopy.Card!["actions"]!.ToJsonString(), StringComparison.Ordinal);
        var channelCopy = Assert.Single(App.Connector.Activities, a => a.Path.Contains("channel-", StringComparison.Ordinal));
        Assert.DoesNotContain("candidacy.view", channelCopy.Card!["actions"]!.ToJsonString(), StringComparison.Ordinal); // its refresh only
        Assert.DoesNotContain("Approuver", channelCopy.Card!.Text(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task TheInspector_Approves_EveryCopyIsUpdatedInPlace_TheReferentIsTold_AndItIsAudited()
    {
        var cast = await SetUpAsync();
        await SubmitAsync(Answers(cast.Team.Id, 0));
        await App.DrainAsync();
        var c = await CandidacyAsync();

        var refreshed = await App.InvokeAsync(Activities.Invoke("candidacy.view", new JsonObject { ["candidacyId"] = c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, change: As(HugoAad)));
        Assert.Contains("Approuver", refreshed.Text(), StringComparison.Ordinal); // Hugo's own view
        var answer = await DecideAsync(HugoAad, c.Id, 1, "approve");
        Assert.Contains("Votre décision est enregistrée : Approuvée", answer.Text(), StringComparison.Ordinal);

        App.Connector.Clear();
        Assert.Equal(1, await App.RunEnqueuedAsync<CardCopiesJob>());
        var updates = App.Connector.Activities.Where(a => a.Method == HttpMethod.Put).ToList();
        Assert.Equal(3, updates.Count); // Hugo's, Nora's and the channel's copies, where they are
        Assert.All(updates, u => Assert.Contains("Approuvée", u.CardTexts));
        Assert.All(updates, u => Assert.DoesNotContain("Approuver", u.Card!.Text(), StringComparison.Ordinal));
        Assert.Equal(0, await App.RunEnqueuedAsync<CardCopiesJob>()); // nothing left behind: a re-run updates nothing

        await App.DrainAsync();
        var told = Assert.Single(App.Connector.Activities, a => a.Method == HttpMethod.Post && a.Path.Contains($"chat-{cast.Camille.Id}", StringComparison.Ordinal));
        Assert.Contains(told.CardTexts, t => t.Contains("a été approuvée par Hugo Bernard", StringComparison.Ordinal));
        await using var db = App.CreateDbContext();
        var audit = await db.CandidacyDecisions.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((CandidacyDecisionKind.Approved, 1, cast.Hugo.Id), (audit.Kind, audit.Version, audit.ByPersonId));
    }

    [PostgresFact]
    public async Task ADecision_OnAVersionTheReferentChangedSince_IsRefused_AndShowsTheNewVersion()
    {
        var cast = await SetUpAsync();
        await SubmitAsync(Answers(cast.Team.Id, 0));
        var v1 = await CandidacyAsync();
        await SubmitAsync(Answers(cast.Team.Id, v1.Revision, summary: "Les élèves enquêtent aussi sur l'eau."));

        var answer = await DecideAsync(HugoAad, v1.Id, 1, "approve");

        Assert.Contains("voici la version 2", answer.Text(), StringComparison.Ordinal);
        Assert.Contains("aussi sur l'eau", answer.Text(), StringComparison.Ordinal);
        var c = await CandidacyAsync();
        Assert.Equal((CandidacyState.Pending, 2), (c.State, c.Version));
        await using var db = App.CreateDbContext();
        Assert.Empty(db.CandidacyDecisions);
        Assert.Equal(2, await db.FormVersions.CountAsync(v => v.SubjectId == c.Id, TestContext.Current.CancellationToken));
    }

    [PostgresFact]
    public async Task TwoInspectorsDecidingAtOnce_ExactlyOneWins_TheOtherSeesWhoDecidedFirst()
    {
        var cast = await SetUpAsync();
        await SubmitAsync(Answers(cast.Team.Id, 0));
        var c = await CandidacyAsync();

        var answers = await Task.WhenAll(
            DecideAsync(HugoAad, c.Id, 1, "approve"),
            DecideAsync(NoraAad, c.Id, 1, "reject", "Le projet ne concerne pas assez le numérique."));

        await using var db = App.CreateDbContext();
        var decision = await db.CandidacyDecisions.SingleAsync(TestContext.Current.CancellationToken);
        var loser = decision.ByPersonId == cast.Hugo.Id ? answers[1] : answers[0];
        Assert.Contains("Une décision a déjà été prise", loser.Text(), StringComparison.Ordinal);
        Assert.Contains(decision.ByName, loser.Text(), StringComparison.Ordinal);
        Assert.Equal(decision.Kind == CandidacyDecisionKind.Approved ? CandidacyState.Approved : CandidacyState.Rejected, (await CandidacyAsync()).State);
    }

    [PostgresFact]
    public async Task TeamsRetryingTheSameInvoke_HasOneEffect_AndGetsTheSameAnswer()
    {
        var cast = await SetUpAsync();
        await SubmitAsync(Answers(cast.Team.Id, 0));
        var c = await CandidacyAsync();

        var first = await DecideAsync(HugoAad, c.Id, 1, "changes", "Précisez les niveaux.", activityId: "retried-1");
        var again = await DecideAsync(HugoAad, c.Id, 1, "changes", "Précisez les niveaux.", activityId: "retried-1");

        Assert.Equal(first.Text(), again.Text());
        await using var db = App.CreateDbContext();
        Assert.Single(db.CandidacyDecisions);
        Assert.Equal(CandidacyState.ChangesRequested, (await CandidacyAsync()).State);
    }

    [PostgresFact]
    public async Task RejectingOrRequestingChanges_NeedsAComment_NextToTheField()
    {
        var cast = await SetUpAsync();
        await SubmitAsync(Answers(cast.Team.Id, 0));
        var c = await CandidacyAsync();

        var answer = await DecideAsync(HugoAad, c.Id, 1, "reject");

        Assert.Contains("Expliquez votre refus", answer.Text(), StringComparison.Ordinal);
        Assert.Equal(CandidacyState.Pending, (await CandidacyAsync()).State);
    }

    [PostgresFact]
    public async Task ForgedCards_AndEveryRoleThatMayNot_AreRefused_AndChangeNothing()
    {
        var cast = await SetUpAsync();
        await SubmitAsync(Answers(cast.Team.Id, 0));
        var c = await CandidacyAsync();
        var teacher = await App.PersonAsync("Inès", "Moreau", Aad.Ines, Teacher(cast.Team));
        var dan = await App.PersonAsync("Karim", "Haddad", Aad.Karim, new RoleAssignment { Role = Role.Dan, AcademyCode = "lyon" }.In(NextCampaign));
        var lastYear = await App.PersonAsync("Léon", "Vidal", Aad.Leon, Inspector("lyon", "svt")); // 2026-2027's inspector only

        foreach (var aad in new[] { CamilleAad, Aad.Ines, Aad.Karim, Aad.Yves, Aad.Leon })
            Assert.Contains("Seuls les inspecteurs et inspectrices", (await DecideAsync(aad, c.Id, 1, "approve")).Text(), StringComparison.Ordinal);
        foreach (var aad in new[] { Aad.Ines, Aad.Karim, Aad.Yves, "3c9e6b1a-0999-4d2f-8a7e-5b6c7d8e9f99" })
        {
            var forged = await SubmitAsync(Answers(cast.Team.Id, c.Revision, summary: "Remplacé."), aad);
            Assert.Contains("Seule la personne référente", forged.Text(), StringComparison.Ordinal);
        }

        var after = await CandidacyAsync();
        Assert.Equal((CandidacyState.Pending, 1, c.Revision), (after.State, after.Version, after.Revision));
        await using var db = App.CreateDbContext();
        Assert.Empty(db.CandidacyDecisions);
        _ = (teacher, dan, lastYear);
    }

    [PostgresFact]
    public async Task AnInspector_MayFillItInForTheTeam()
    {
        var cast = await SetUpAsync();

        var answer = await SubmitAsync(Answers(cast.Team.Id, 0), HugoAad);

        Assert.Contains("Candidature déposée (version 1)", answer.Text(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        Assert.Equal("Hugo Bernard", (await db.FormVersions.SingleAsync(TestContext.Current.CancellationToken)).ByName);
    }

    [PostgresFact]
    public async Task AfterTheDeadline_InTheTeamsTimeZone_SubmittingIsRefused_SayingTheDate_AndKeepingTheAnswers()
    {
        var cast = await SetUpAsync();
        await using (var db = App.CreateDbContext())
        {
            var yesterday = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime).AddDays(-1);
            await db.Campaigns.Where(x => x.Id == NextCampaign).ExecuteUpdateAsync(s => s.SetProperty(x => x.SubmissionDeadline, yesterday).SetProperty(x => x.ResultsDate, yesterday.AddDays(60)), TestContext.Current.CancellationToken);
        }

        var answer = await SubmitAsync(Answers(cast.Team.Id, 0));

        Assert.Contains("Le dépôt des candidatures de l'appel 2027-2028 est clos depuis le", answer.Text(), StringComparison.Ordinal);
        Assert.Contains("Une seule santé au collège", answer.Text(), StringComparison.Ordinal);
        await using var check = App.CreateDbContext();
        Assert.Empty(check.Candidacies);
    }

    [PostgresFact]
    public async Task ATeamWithFewerThanThreeTeachers_CannotSubmit()
    {
        var cast = await SetUpAsync(teachers: 1);

        var answer = await SubmitAsync(Answers(cast.Team.Id, 0));

        Assert.Contains("au moins 3 personnes enseignantes dans l'annuaire (elle en a 2)", answer.Text(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        Assert.Empty(db.Candidacies);
    }

    [PostgresFact]
    public async Task AYearTwoTheme_IsOpenOnlyToAnAcademyWhoseTeamTookPartInYearOne()
    {
        var lyonLastYear = await App.TeamAsync("Équipe SVT Lyon 2026", "lyon", SvtYear1); // 2026-2027's year-1 theme
        var grenoble = await SetUpAsync(NextSvtYearTwo, "grenoble");
        var refused = await SubmitAsync(Answers(grenoble.Team.Id, 0, year: "2"));
        Assert.Contains("réservé aux académies dont une équipe a été retenue en première année", refused.Text(), StringComparison.Ordinal);

        await using (var db = App.CreateDbContext())
        {
            await db.RoleAssignments.Where(r => r.TeamId == grenoble.Team.Id).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
            await db.AcademicTeams.Where(t => t.Id == grenoble.Team.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.AcademyCode, "lyon"), TestContext.Current.CancellationToken);
        }

        var lyon = await App.TeamAsync("Équipe SVT Lyon 2027", "lyon", NextSvtYearTwo, NextCampaign);
        await App.PersonAsync("Camille2", "Martin", Aad.Camille2, Referent(lyon));
        for (var i = 0; i < 2; i++) await App.PersonAsync("Prof" + i, "Lyon", "aad-lyon-" + i, Teacher(lyon));
        var accepted = await SubmitAsync(Answers(lyon.Id, 0, year: "2"), Aad.Camille2);
        Assert.True(accepted.Text().Contains("Candidature déposée (version 1)", StringComparison.Ordinal), accepted.Text());
        _ = lyonLastYear;
    }

    [PostgresFact]
    public async Task TheList_ShowsEachCallerWhatThePolicyLetsThemSee()
    {
        var cast = await SetUpAsync();
        await SubmitAsync(Answers(cast.Team.Id, 0));
        await App.PersonAsync("Karim", "Haddad", Aad.Karim, new RoleAssignment { Role = Role.Dan, AcademyCode = "lyon" }.In(NextCampaign));

        App.Connector.Clear();
        await App.PostActivityAsync(Activities.PersonalMessage("candidatures", change: As(Aad.Karim)));
        await App.PostActivityAsync(Activities.PersonalMessage("candidatures", change: As(Aad.Yves)));

        var lists = App.Connector.Activities;
        Assert.True(lists[0].CardTexts.Contains("Une seule santé au collège (Équipe SVT lyon)"), string.Join(" | ", lists[0].CardTexts));
        Assert.Contains("Aucune candidature que vous puissiez voir pour l'instant.", lists[1].CardTexts);
    }

    [PostgresFact]
    public async Task ThreeYearsAfterItsCampaignEnded_ACandidacyIsDeleted_WithItsVersionsAndDecisions()
    {
        var cast = await SetUpAsync();
        await SubmitAsync(Answers(cast.Team.Id, 0));
        var c = await CandidacyAsync();
        await DecideAsync(HugoAad, c.Id, 1, "approve");
        await using var db = App.CreateDbContext();
        var today = App.ParisToday();

        await db.Campaigns.Where(x => x.Id == NextCampaign).ExecuteUpdateAsync(s => s.SetProperty(x => x.BilanDeadline, today.AddYears(-3)), TestContext.Current.CancellationToken);
        Assert.Equal(0, await RunPurgeAsync()); // three years to the day: still kept
        await db.Campaigns.Where(x => x.Id == NextCampaign).ExecuteUpdateAsync(s => s.SetProperty(x => x.BilanDeadline, today.AddYears(-3).AddDays(-1)), TestContext.Current.CancellationToken);
        Assert.Equal(1, await RunPurgeAsync());

        Assert.Empty(db.Candidacies);
        Assert.Empty(db.CandidacyDecisions);
        Assert.Empty(db.FormVersions);
        Assert.Single(db.AcademicTeams.Where(t => t.Id == cast.Team.Id)); // the team stays: later history names it
    }

    private async Task<int> RunPurgeAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PurgeCandidaciesJob>().RunAsync(TestContext.Current.CancellationToken);
    }
}
