using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.Candidacies;
using TraAM.Bot.Candidacies.Selection;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.People;
using static TraAM.Bot.IntegrationTests.Infrastructure.CandidacySeed;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Candidacies;

/// <summary>The national selection: per-discipline quota, choices saved as they go, publication once, and the June results.</summary>
public sealed class SelectionTests(TraamApp app) : AppTest(app)
{
    private const string NoraAad = "0e0e0e0e-0000-4000-8000-000000000001";
    private const string IgorAad = "0e0e0e0e-0000-4000-8000-000000000002";
    private const int NsiOne = 13;
    private const int NsiTwo = 14;

    private Person _nora = null!;
    private Person _igor = null!;
    private AcademicTeam _lyon = null!;
    private AcademicTeam _paris = null!;
    private Candidacy _nsiLyon = null!;
    private Candidacy _nsiParis = null!;
    private Candidacy _nsiNantes = null!;
    private Candidacy _svtLyon = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await App.SetCallAsync(submissionInDays: -5, resultsInDays: 30);
        _lyon = await App.TeamAsync("Équipe NSI Lyon", "lyon", NsiOne);
        _paris = await App.TeamAsync("Équipe NSI Paris", "paris", NsiTwo);
        var nantes = await App.TeamAsync("Équipe NSI Nantes", "nantes", NsiOne);
        _nsiLyon = await App.CandidacyAsync(_lyon, CandidacyState.Transmitted, "Cybersécurité au lycée");
        _nsiParis = await App.CandidacyAsync(_paris, CandidacyState.Transmitted, "Filles et code");
        _nsiNantes = await App.CandidacyAsync(nantes, CandidacyState.Transmitted, "Réseaux sociaux et données");
        _svtLyon = await App.CandidacyAsync(await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1), CandidacyState.Transmitted, "Une seule santé");
        _nora = await App.PersonAsync("Nora", "Petit", NoraAad, Expert("nsi"));
        _igor = await App.PersonAsync("Igor", "Faure", IgorAad, Igesr("nsi"));
    }

    [PostgresFact]
    public async Task The_quota_is_per_discipline_so_NSIs_two_themes_share_it_and_over_quota_loses_nothing()
    {
        await using (var db = App.CreateDbContext())
            await db.Campaigns.Where(c => c.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(c => c.SelectionQuota, 2));

        await App.PostActivityAsync(Activities.PersonalMessage("selection").As(_nora));
        var first = await App.InvokeAsync(Toggle(_nsiLyon, keep: true).As(_nora));
        var second = await App.InvokeAsync(Toggle(_nsiParis, keep: true).As(_igor)); // the other NSI theme, the IGÉSR
        var third = await App.InvokeAsync(Toggle(_nsiNantes, keep: true).As(_nora));

        var card = string.Join("\n", Assert.Single(App.Connector.Activities).CardTexts);
        Assert.Contains("Sélection nationale : Numérique et sciences informatiques (NSI)", card, StringComparison.Ordinal);
        Assert.Contains("Filles et code", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Une seule santé", card, StringComparison.Ordinal); // SVT is not theirs
        Assert.Contains("Projets retenus : 1 / 2", first.Text(), StringComparison.Ordinal);
        Assert.Contains("Projets retenus : 2 / 2", second.Text(), StringComparison.Ordinal);
        Assert.Contains("Projets retenus : 2 / 2", third.Text(), StringComparison.Ordinal);
        Assert.Contains("Quota atteint : 2 projets au plus", third.Text(), StringComparison.Ordinal);
        Assert.True((await App.ReloadAsync(_nsiLyon)).PreSelected);
        Assert.True((await App.ReloadAsync(_nsiParis)).PreSelected);
        Assert.False((await App.ReloadAsync(_nsiNantes)).PreSelected);

        var dropped = await App.InvokeAsync(Toggle(_nsiLyon, keep: false).As(_nora));
        var kept = await App.InvokeAsync(Toggle(_nsiNantes, keep: true).As(_nora));
        Assert.Contains("Projets retenus : 1 / 2", dropped.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("Quota atteint", kept.Text(), StringComparison.Ordinal);
        Assert.True((await App.ReloadAsync(_nsiNantes)).PreSelected);
    }

    [PostgresFact]
    public async Task Only_the_disciplines_TN3_experts_and_IGESR_select_whatever_the_card_says()
    {
        var svtCandidacyFromNsiExpert = await App.InvokeAsync(Toggle(_svtLyon, keep: true).As(_nora));
        var inspector = await App.PersonAsync("Hugo", "Lambert", "0e0e0e0e-0000-4000-8000-000000000003", Inspector("lyon", "nsi"));
        var byInspector = await App.InvokeAsync(Toggle(_nsiLyon, keep: true).As(inspector));
        var publishByInspector = await App.InvokeAsync(Publish("nsi").As(inspector));

        Assert.Contains("réservée aux personnes expertes TN3", svtCandidacyFromNsiExpert.Text(), StringComparison.Ordinal);
        Assert.Contains("réservée aux personnes expertes TN3", byInspector.Text(), StringComparison.Ordinal);
        Assert.Contains("réservée aux personnes expertes TN3", publishByInspector.Text(), StringComparison.Ordinal);
        Assert.False((await App.ReloadAsync(_svtLyon)).PreSelected);
        Assert.False((await App.ReloadAsync(_nsiLyon)).PreSelected);
        await using var db = App.CreateDbContext();
        Assert.False(await db.Themes.AnyAsync(t => t.ResultsPublishedAt != null));
    }

    [PostgresFact]
    public async Task Results_are_published_once_then_teams_are_decided_activated_and_told()
    {
        var dan = await App.PersonAsync("Dana", "Nguyen", "aad-dana", Dan("lyon"));
        var dran = await App.PersonAsync("Rémi", "Garnier", "aad-remi", Dran("ile-de-france"));
        await App.PersonAsync("Zoé", "Martin", "aad-zoe", Dan("bordeaux")); // no candidacy of hers was decided
        var lyonReferent = await App.PersonAsync("Inès", "Moreau", "aad-ines",
            new RoleAssignment { Role = Role.Referent, TeamId = _lyon.Id, AcademyCode = "lyon", DisciplineCode = "nsi" }); // imported without the theme
        var parisReferent = await App.PersonAsync("Paul", "Roux", "aad-paul", Referent(_paris));
        await App.InvokeAsync(Toggle(_nsiLyon, keep: true).As(_nora));

        var published = await App.InvokeAsync(Publish("nsi").As(_nora));
        var again = await App.InvokeAsync(Publish("nsi").As(_igor));
        var lateToggle = await App.InvokeAsync(Toggle(_nsiParis, keep: true).As(_igor));

        Assert.Contains("Résultats publiés par Nora Petit", published.Text(), StringComparison.Ordinal);
        Assert.Contains("déjà été publiés par Nora Petit", again.Text(), StringComparison.Ordinal);
        Assert.Contains("déjà été publiés par Nora Petit", lateToggle.Text(), StringComparison.Ordinal);
        Assert.False((await App.ReloadAsync(_nsiParis)).PreSelected);
        Assert.Equal(1, await App.RunEnqueuedAsync<PublishResultsJob>()); // one job: the second click queued nothing
        await RunPublicationAsync(); // a retried job changes nothing

        Assert.Equal(CandidacyState.Selected, (await App.ReloadAsync(_nsiLyon)).State);
        Assert.Equal(CandidacyState.NotSelected, (await App.ReloadAsync(_nsiParis)).State);
        Assert.Equal(CandidacyState.NotSelected, (await App.ReloadAsync(_nsiNantes)).State);
        Assert.Equal(CandidacyState.Transmitted, (await App.ReloadAsync(_svtLyon)).State); // another discipline
        await using var db = App.CreateDbContext();
        Assert.Equal(3, await db.CandidacyDecisions.CountAsync(d => d.Kind == CandidacyDecisionKind.Selected || d.Kind == CandidacyDecisionKind.NotSelected));
        Assert.Equal(TeamSelection.Selected, (await db.AcademicTeams.SingleAsync(t => t.Id == _lyon.Id)).Selection);
        Assert.Equal(TeamSelection.NotSelected, (await db.AcademicTeams.SingleAsync(t => t.Id == _paris.Id)).Selection);
        Assert.True(await db.WorkGroups.AnyAsync(g => g.Kind == GroupKind.Academic && g.TeamId == _lyon.Id));
        Assert.True(await db.WorkGroups.AnyAsync(g => g.Kind == GroupKind.National && g.ThemeId == NsiOne));
        Assert.False(await db.WorkGroups.AnyAsync(g => g.TeamId == _paris.Id));
        Assert.Equal(NsiOne, (await db.RoleAssignments.SingleAsync(r => r.PersonId == lyonReferent.Id)).ThemeId);

        var notes = (await db.Notifications.AsNoTracking().Where(n => n.Subject == "selection:1:nsi").ToListAsync())
            .Select(n => (n.PersonId, DataJson: JsonNode.Parse(n.DataJson)!.Text())).ToList(); // as read, accents unescaped
        Assert.Equal(4, notes.Count); // two referents, Lyon's DAN, Île-de-France's DRAN; no one twice
        Assert.Contains("est retenu par la sélection nationale", Assert.Single(notes, n => n.PersonId == lyonReferent.Id).DataJson, StringComparison.Ordinal);
        var paris = Assert.Single(notes, n => n.PersonId == parisReferent.Id).DataJson;
        Assert.Contains("n'est pas retenu", paris, StringComparison.Ordinal);
        Assert.Contains("is not selected", paris, StringComparison.Ordinal); // both languages, the outbox picks the person's
        var lyonDan = Assert.Single(notes, n => n.PersonId == dan.Id).DataJson;
        Assert.Contains("Cybersécurité au lycée", lyonDan, StringComparison.Ordinal);
        Assert.DoesNotContain("Filles et code", lyonDan, StringComparison.Ordinal);
        Assert.Contains("Filles et code", Assert.Single(notes, n => n.PersonId == dran.Id).DataJson, StringComparison.Ordinal);
        var done = await db.DeadlineCompletions.Where(c => c.Subject == "deadline:1:results").Select(c => c.PersonId).ToListAsync();
        Assert.Equal([_nora.Id, _igor.Id], done.Order());
    }

    [PostgresFact]
    public async Task Once_results_exist_only_selected_teams_work_and_are_reminded()
    {
        var lyonReferent = await App.PersonAsync("Inès", "Moreau", "aad-ines", Referent(_lyon));
        var parisReferent = await App.PersonAsync("Paul", "Roux", "aad-paul", Referent(_paris));
        await using (var db = App.CreateDbContext())
            Assert.Equal(4, await SelectedTeams.Of(db, 1).CountAsync()); // nothing published: every team works (2026-2027)

        await App.InvokeAsync(Toggle(_nsiLyon, keep: true).As(_nora));
        await App.InvokeAsync(Publish("nsi").As(_nora));
        await RunPublicationAsync();
        await WorkStartedAsync(); // completion reminders belong to the work phase (CampaignPhases)
        await App.PlanAsync();

        await using var after = App.CreateDbContext();
        Assert.Equal([_lyon.Id], await SelectedTeams.Of(after, 1).Select(t => t.Id).ToListAsync());
        Assert.NotEmpty(await App.RemindersAsync(lyonReferent.Id, "completion"));
        Assert.Empty(await App.RemindersAsync(parisReferent.Id, "completion"));
    }

    [PostgresFact]
    public async Task Ouvrir_on_the_selection_card_shows_the_full_candidacy_to_the_discipline_only()
    {
        var svtExpert = await App.PersonAsync("Sami", "Roy", "0e0e0e0e-0000-4000-8000-000000000004", Expert("svt"));
        JsonNode Open() => Activities.Invoke(ViewCandidacy.OpenVerb, new JsonObject { ["candidacyId"] = _nsiLyon.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var byNora = await App.InvokeAsync(Open().As(_nora));
        var bySvt = await App.InvokeAsync(Open().As(svtExpert));

        Assert.Contains("Cybersécurité au lycée", byNora.Text(), StringComparison.Ordinal);
        Assert.Contains("Les élèves de l'équipe Équipe NSI Lyon", byNora.Text(), StringComparison.Ordinal); // the summary, whole
        Assert.DoesNotContain("Cybersécurité au lycée", bySvt.Text(), StringComparison.Ordinal);
        Assert.Contains("Vous n'avez pas accès à cette candidature.", bySvt.Text(), StringComparison.Ordinal);
    }

    /// <summary>Moves campaign 1 past its results into its work phase, the completion deadline 90 days away.</summary>
    private async Task WorkStartedAsync()
    {
        var today = App.ParisToday();
        await using var db = App.CreateDbContext();
        await db.Campaigns.Where(c => c.Id == 1).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.ResultsDate, today.AddDays(-2))
            .SetProperty(c => c.WorkStart, today.AddDays(-1))
            .SetProperty(c => c.KickoffDeadline, today.AddDays(30))
            .SetProperty(c => c.CompletionDeadline, today.AddDays(90))
            .SetProperty(c => c.BilanDeadline, today.AddDays(120)));
    }

    private async Task RunPublicationAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PublishResultsJob>().RunAsync(1, "nsi", TestContext.Current.CancellationToken);
    }

    private static JsonNode Toggle(Candidacy c, bool keep) =>
        Activities.Invoke(ToggleSelection.Verb, new JsonObject { ["candidacyId"] = c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["keep"] = keep });

    private static JsonNode Publish(string discipline) => Activities.Invoke(PublishResults.Verb, new JsonObject { ["discipline"] = discipline });
}
