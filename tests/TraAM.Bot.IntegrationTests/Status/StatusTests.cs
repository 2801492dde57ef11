using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.CheckIns;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.People;
using static TraAM.Bot.IntegrationTests.Infrastructure.CandidacySeed;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Status;

/// <summary>
/// "statut" through /api/messages on PostgreSQL: what each role sees (its team, its académie × discipline, its académie,
/// its région, its theme, every theme), the risky teams first, and the answers that must not say more than they may.
/// </summary>
public sealed class StatusTests(TraamApp app) : AppTest(app)
{
    private static class Aad
    {
        public const string Camille = "5a7a0000-0000-4000-8000-000000000001";
        public const string Ines = "5a7a0000-0000-4000-8000-000000000002";
        public const string Hugo = "5a7a0000-0000-4000-8000-000000000003";
        public const string Karim = "5a7a0000-0000-4000-8000-000000000004";
        public const string Remi = "5a7a0000-0000-4000-8000-000000000005";
        public const string Lea = "5a7a0000-0000-4000-8000-000000000006";
        public const string Igor = "5a7a0000-0000-4000-8000-000000000007";
        public const string Ada = "5a7a0000-0000-4000-8000-000000000008";
        public const string Claire = "5a7a0000-0000-4000-8000-000000000009";
        public const string Nobody = "5a7a0000-0000-4000-8000-000000000010";
    }

    private AcademicTeam _hgLyon = null!, _hgGrenoble = null!, _hgParis = null!, _svtLyon = null!, _svtDijon = null!;
    private Person _camille = null!, _ines = null!, _hugo = null!, _karim = null!, _remi = null!, _lea = null!, _igor = null!, _ada = null!, _claire = null!;
    private CheckInRound _round = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await StatusScenario.WorkingCalendarAsync(App);
        _hgLyon = await App.TeamAsync("Équipe HG Lyon", "lyon", HistoireGeo);
        _hgGrenoble = await App.TeamAsync("Équipe HG Grenoble", "grenoble", HistoireGeo);
        _hgParis = await App.TeamAsync("Équipe HG Paris", "paris", HistoireGeo);
        _svtLyon = await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1);
        _svtDijon = await App.TeamAsync("Équipe SVT Dijon", "dijon", SvtYear1);
        _camille = await App.PersonAsync("Camille", "Martin", Aad.Camille, Referent(_hgLyon));
        _ines = await App.PersonAsync("Inès", "Moreau", Aad.Ines, Teacher(_hgLyon));
        _hugo = await App.PersonAsync("Hugo", "Bernard", Aad.Hugo, Inspector("lyon", "histoire-geographie"));
        _karim = await App.PersonAsync("Karim", "Haddad", Aad.Karim, Dan("lyon"));
        _remi = await App.PersonAsync("Rémi", "Garnier", Aad.Remi, Dran("auvergne-rhone-alpes"));
        _lea = await App.PersonAsync("Léa", "Petit", Aad.Lea, Expert("histoire-geographie"));
        _igor = await App.PersonAsync("Igor", "Lenoir", Aad.Igor, Igesr("svt"));
        _ada = await App.PersonAsync("Ada", "Admin", Aad.Ada, Admin());
        _claire = await App.PersonAsync("Claire", "Dupuis", Aad.Claire, new RoleAssignment { Role = Role.Cardie, AcademyCode = "lyon" });

        var today = App.ParisToday();
        _round = await App.RoundAsync(HistoireGeo, today.AddDays(-3), today.AddDays(4));
        var svtRound = await App.RoundAsync(SvtYear1, today.AddDays(-3), today.AddDays(4));
        var now = App.Clock.GetUtcNow();
        await App.CheckInAsync(_hgLyon, _round, OverallProgress.InProgress, now.AddDays(-1), confidence: 4);
        await App.ProductionAsync(_hgLyon, ProductionKind.Scenarios, ProductionState.Published, "https://hg.ac-lyon.fr/scenarios");
        await App.ProductionAsync(_hgLyon, ProductionKind.Magistere, ProductionState.Written);
        await App.CheckInAsync(_hgGrenoble, _round, OverallProgress.Late, now.AddDays(-2), confidence: 2, helpWanted: true);
        await App.RiskAsync(_hgGrenoble, _round, RiskReasons.Late | RiskReasons.HelpWanted, "Besoin d'un appui sur les droits des images");
        await App.CheckInAsync(_hgParis, _round, OverallProgress.OnTrack, now.AddDays(-2));
        await App.CheckInAsync(_svtDijon, svtRound, OverallProgress.Late, now.AddDays(-1));
    }

    private async Task<string> AskAsync(Person person, string text, string locale = "fr-FR")
    {
        App.Connector.Clear();
        using var response = await App.PostActivityAsync(Activities.PersonalMessage(text, locale).As(person));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(App.Connector.Activities);
        return sent.Card is { } card ? card.Text() : sent.Body!["text"]!.GetValue<string>();
    }

    private async Task<JsonNode> CardAsync(Person person, string text)
    {
        App.Connector.Clear();
        await App.PostActivityAsync(Activities.PersonalMessage(text).As(person));
        return Assert.Single(App.Connector.Activities).Card ?? throw new Xunit.Sdk.XunitException("a card was expected");
    }

    [PostgresFact]
    public async Task A_referent_sees_their_team_last_check_in_productions_deadlines_and_risks()
    {
        await App.RiskAsync(_hgLyon, _round, RiskReasons.Blocker, "Le site académique est en maintenance");

        var card = await AskAsync(_camille, "statut");

        Assert.Contains("Statut : Équipe HG Lyon", card, StringComparison.Ordinal);
        Assert.Contains("en cours", card, StringComparison.Ordinal);
        Assert.Contains("4/5", card, StringComparison.Ordinal);
        Assert.Contains("Publiées : 1 sur 4", card, StringComparison.Ordinal);
        Assert.Contains("https://hg.ac-lyon.fr/scenarios", card, StringComparison.Ordinal);
        Assert.Contains("rédigé", card, StringComparison.Ordinal);
        Assert.Contains("Point d'étape répondu (modifiable jusqu'au)", card, StringComparison.Ordinal); // answered yesterday, round still open
        Assert.DoesNotContain("Point d'étape à rendre", card, StringComparison.Ordinal);
        Assert.Contains("Fin des productions", card, StringComparison.Ordinal);
        Assert.Contains("Le site académique est en maintenance", card, StringComparison.Ordinal);
        Assert.Contains("Au ", card, StringComparison.Ordinal);
        Assert.Contains("(heure de Paris)", card, StringComparison.Ordinal);
        Assert.Contains("Actualiser", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Grenoble", card, StringComparison.Ordinal);
        Assert.DoesNotContain("droits des images", card, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_teacher_of_a_team_without_check_in_reads_aucun_point_d_etape()
    {
        var team = await App.TeamAsync("Équipe HG Nantes", "nantes", HistoireGeo);
        var teacher = await App.PersonAsync("Paul", "Roux", "5a7a0000-0000-4000-8000-000000000011", Teacher(team));

        var card = await AskAsync(teacher, "statut");

        Assert.Contains("Statut : Équipe HG Nantes", card, StringComparison.Ordinal);
        Assert.Contains("aucun point d'étape", card, StringComparison.Ordinal);
        Assert.Contains("Point d'étape à rendre", card, StringComparison.Ordinal); // the theme's round is open, not answered
        Assert.Contains("Aucun risque ouvert.", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Équipe HG Lyon", card, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task An_inspector_sees_the_teams_of_their_academie_and_discipline_as_a_table()
    {
        var card = await AskAsync(_hugo, "statut");

        Assert.Contains("Statut des équipes (2026-2027)", card, StringComparison.Ordinal);
        Assert.Contains("Équipe HG Lyon", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Équipe SVT Lyon", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Équipe HG Grenoble", card, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_DAN_and_the_CARDIE_see_their_academie_and_a_DRAN_their_region()
    {
        foreach (var person in new[] { _karim, _claire })
        {
            var lyon = await AskAsync(person, "statut");
            Assert.Equal(["Équipe HG Lyon", "Équipe SVT Lyon"], Teams(lyon).Order(StringComparer.Ordinal));
        }

        var region = await AskAsync(_remi, "statut");
        Assert.Equal(["Équipe HG Grenoble", "Équipe HG Lyon", "Équipe SVT Lyon"], Teams(region).Order(StringComparer.Ordinal));
    }

    [PostgresFact]
    public async Task A_TN3_expert_sees_every_team_of_their_theme_risky_first_and_an_IGESR_theirs()
    {
        var card = await CardAsync(_lea, "statut");

        // Grenoble has an open risk, then the teams by académie: Lyon, Paris.
        Assert.Equal(["Équipe HG Grenoble", "Équipe HG Lyon", "Équipe HG Paris"], Rows(card).Select(r => r[1]));
        var grenoble = Rows(card)[0];
        Assert.Equal(["Grenoble", "Équipe HG Grenoble"], grenoble[..2]);
        Assert.Equal("en retard", grenoble[3]);
        Assert.Equal("0/4", grenoble[4]);
        Assert.Contains("aide demandée", grenoble[5], StringComparison.Ordinal);
        Assert.Equal("1/4", Rows(card)[1][4]);
        Assert.Equal("1.5", card["version"]!.GetValue<string>());

        var svt = await AskAsync(_igor, "statut");
        Assert.Equal(["Équipe SVT Dijon", "Équipe SVT Lyon"], Teams(svt));  // Dijon reported late: first
    }

    [PostgresFact]
    public async Task An_admin_sees_the_summary_per_theme_and_can_narrow_it()
    {
        var card = await CardAsync(_ada, "statut");

        var text = card.Text();
        Assert.Contains("Statut par thème (2026-2027)", text, StringComparison.Ordinal);
        var hg = Assert.Single(Rows(card), r => r[0] == "Histoire-géographie");
        Assert.Equal(["3", "3", "1/12", "1"], hg[1..]);
        Assert.Contains(Rows(card), r => r[0].StartsWith("Sciences de la vie et de la Terre", StringComparison.Ordinal) && r[1] == "2");

        var svt = await AskAsync(_ada, "statut SVT");
        Assert.Equal(["Équipe SVT Dijon", "Équipe SVT Lyon"], Teams(svt));
    }

    [PostgresFact]
    public async Task Someone_not_in_the_directory_is_told_who_may_see_status()
    {
        App.Connector.Clear();
        await App.PostActivityAsync(Activities.PersonalMessage("statut", change: a => { a["from"]!["aadObjectId"] = Aad.Nobody; a["from"]!["id"] = "29:nobody"; }));

        var answer = Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>();
        Assert.Contains("inscrits dans l'annuaire TraAM", answer, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Filters_narrow_by_academie_discipline_or_team_ignoring_accents_case_and_hyphens()
    {
        Assert.Equal(["Équipe HG Lyon"], Teams(await AskAsync(_lea, "statut LYON")));
        Assert.Equal(["Équipe HG Lyon"], Teams(await AskAsync(_remi, "statut histoire geographie lyon")));
        Assert.Equal(["Équipe SVT Lyon"], Teams(await AskAsync(_karim, "statut SVT")));
        Assert.Equal(["Équipe HG Grenoble", "Équipe HG Lyon", "Équipe HG Paris"], Teams(await AskAsync(_ada, "statut Histoire-Géographie")));

        var team = await AskAsync(_lea, "statut equipe-hg-grenoble");
        Assert.Contains("Statut : Équipe HG Grenoble", team, StringComparison.Ordinal);
        Assert.Contains("Besoin d'un appui sur les droits des images", team, StringComparison.Ordinal);
        Assert.Contains("filtre", await AskAsync(_lea, "statut Lyon"), StringComparison.Ordinal); // the card says it is narrowed
    }

    [PostgresFact]
    public async Task An_unknown_filter_answers_with_close_names_in_scope()
    {
        var answer = await AskAsync(_lea, "statut Grenobl");

        Assert.Contains("Je ne reconnais pas « grenobl »", answer, StringComparison.Ordinal);
        Assert.Contains("**statut Grenoble**", answer, StringComparison.Ordinal);

        var nothing = await AskAsync(_hugo, "statut xyzzy");
        Assert.Contains("Essayez une académie (**statut Lyon**)", nothing, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_filter_outside_the_callers_scope_is_refused_plainly_without_a_word_of_its_data()
    {
        foreach (var (person, filter) in new[] { (_hugo, "Paris"), (_hugo, "SVT"), (_karim, "Équipe HG Paris"), (_camille, "Grenoble"), (_igor, "Histoire-géographie") })
        {
            var answer = await AskAsync(person, "statut " + filter);

            Assert.Contains("est en dehors de ce que vous pouvez voir", answer, StringComparison.Ordinal);
            Assert.DoesNotContain("Équipe HG Paris", answer.Replace("« Équipe HG Paris »", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("en retard", answer, StringComparison.Ordinal);
            Assert.DoesNotContain("droits des images", answer, StringComparison.Ordinal);
        }

        Assert.Contains("Aucune équipe au travail ne correspond à « Nantes »", await AskAsync(_lea, "statut Nantes"), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Refresh_re_runs_the_same_query_and_a_card_cannot_widen_the_scope()
    {
        var card = await CardAsync(_lea, "statut Lyon");
        var refresh = card["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == "Actualiser")!;
        Assert.Equal("status.show", refresh["verb"]!.GetValue<string>());
        await App.CheckInAsync(_hgLyon, await App.RoundAsync(HistoireGeo, App.ParisToday(), App.ParisToday().AddDays(7)), OverallProgress.Late, App.Clock.GetUtcNow());

        var refreshed = await App.InvokeAsync(Activities.Invoke("status.show", refresh["data"]!.AsObject().DeepClone().AsObject()).As(_lea));

        Assert.Equal(["Équipe HG Lyon"], Teams(refreshed.Text()));
        Assert.Contains("en retard", refreshed.Text(), StringComparison.Ordinal);

        // An inspector's click carrying another académie's filter is read again against the policy.
        var forged = await App.InvokeAsync(Activities.Invoke("status.show", new JsonObject { ["filter"] = "Paris", ["page"] = "1" }).As(_hugo));
        Assert.Contains("est en dehors de ce que vous pouvez voir", forged.Text(), StringComparison.Ordinal);
        var widened = await App.InvokeAsync(Activities.Invoke("status.show", new JsonObject { ["filter"] = "", ["page"] = "1" }).As(_hugo));
        Assert.Equal(["Équipe HG Lyon"], Teams(widened.Text()));
    }

    [PostgresFact]
    public async Task The_card_is_dated_where_the_caller_works()
    {
        await App.TeamAsync("Équipe HG La Réunion", "la-reunion", HistoireGeo);
        var dan = await App.PersonAsync("Noémie", "Payet", "5a7a0000-0000-4000-8000-000000000012", Dan("la-reunion"));
        var local = TimeZoneInfo.ConvertTime(App.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Indian/Reunion"));

        var card = await AskAsync(dan, "statut");

        Assert.Contains("Équipe HG La Réunion", card, StringComparison.Ordinal);
        Assert.Contains($"à {local.Hour} h", card, StringComparison.Ordinal);
        Assert.Contains("(heure de La Réunion)", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Équipe HG Lyon", card, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task In_English_the_card_speaks_English()
    {
        var card = await AskAsync(_lea, "status", "en-GB");

        Assert.Contains("Team status (2026-2027)", card, StringComparison.Ordinal);
        Assert.Contains("Last check-in", card, StringComparison.Ordinal);
        Assert.Contains("As of ", card, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task In_a_channel_linked_to_a_group_status_answers_for_that_group()
    {
        await App.LinkAsync(HistoireGeo, _hgLyon);
        App.Connector.Clear();
        await App.PostActivityAsync(Activities.ChannelMessage("statut").As(_lea));
        var team = Assert.Single(App.Connector.Activities).Card!.Text();
        Assert.Contains("Statut : Équipe HG Lyon", team, StringComparison.Ordinal);
        Assert.DoesNotContain("Équipe HG Grenoble", team, StringComparison.Ordinal);

        App.Connector.Clear();
        await App.PostActivityAsync(Activities.ChannelMessage("statut").As(_igor)); // SVT: not this group's reader
        Assert.Contains("n'est pas dans ce que vous pouvez voir", Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task In_a_national_group_channel_the_theme_s_teams_and_in_an_unlinked_channel_no_status()
    {
        App.Connector.Clear();
        await App.PostActivityAsync(Activities.ChannelMessage("statut").As(_lea));
        Assert.Contains("n'est lié à aucun groupe", Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        await App.LinkAsync(HistoireGeo);
        App.Connector.Clear();
        await App.PostActivityAsync(Activities.ChannelMessage("statut").As(_ada));
        var card = Assert.Single(App.Connector.Activities).Card!.Text();
        Assert.Equal(["Équipe HG Grenoble", "Équipe HG Lyon", "Équipe HG Paris"], Teams(card));
        Assert.Contains("Groupe national", card, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task In_a_channel_linked_to_a_group_of_the_next_call_status_says_its_teams_do_not_work_yet()
    {
        await App.NextCallAsync();
        var next = await App.TeamAsync("Équipe HG Lyon", "lyon", HistoireGeo + NextThemeOffset, NextCampaign);
        await App.LinkAsync(HistoireGeo + NextThemeOffset, next, campaignId: NextCampaign);

        App.Connector.Clear();
        await App.PostActivityAsync(Activities.ChannelMessage("statut").As(_lea));

        Assert.Contains("groupe de l'appel 2027-2028", Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task In_a_group_chat_status_points_to_the_personal_chat()
    {
        App.Connector.Clear();
        await App.PostActivityAsync(Activities.PersonalMessage("statut", change: a =>
        {
            a["conversation"]!["conversationType"] = "groupChat";
            a["conversation"]!["id"] = "19:groupchat@thread.v2";
        }).As(_lea));

        var answer = Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>();
        Assert.Contains("se demande en conversation privée", answer, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Teams_not_selected_once_results_exist_are_not_shown()
    {
        await using (var db = App.CreateDbContext())
        {
            await db.AcademicTeams.Where(t => t.Id != _hgParis.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Selection, TeamSelection.Selected), TestContext.Current.CancellationToken);
            await db.AcademicTeams.Where(t => t.Id == _hgParis.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Selection, TeamSelection.NotSelected), TestContext.Current.CancellationToken);
        }

        Assert.Equal(["Équipe HG Grenoble", "Équipe HG Lyon"], Teams(await AskAsync(_lea, "statut")));
    }

    /// <summary>The table's rows (header excluded), each as its cells' texts.</summary>
    internal static List<string[]> Rows(JsonNode card) =>
    [
        .. card["body"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "Table")!["rows"]!.AsArray().Skip(1)
            .Select(r => r!["cells"]!.AsArray().Select(c => c!["items"]![0]!["text"]!.GetValue<string>()).ToArray()),
    ];

    /// <summary>The team names of a table card (its second column), in order.</summary>
    internal static List<string> Teams(string cardText)
    {
        var node = JsonNode.Parse(cardText)!;
        var card = node["body"] is null ? node["value"]! : node;
        return [.. Rows(card).Select(r => r[1])];
    }
}
