using System.Text;
using System.Text.Json.Nodes;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.People;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Status;

/// <summary>A theme of 120 teams with 8 rounds of answers: the table is paged under Teams' 28 KB, every team on exactly one page.</summary>
public sealed class StatusPagingTests(TraamApp app) : AppTest(app)
{
    private const string LeaAad = "5a7a0000-0000-4000-8000-000000000101";
    private const string HugoAad = "5a7a0000-0000-4000-8000-000000000102";
    private const string AdaAad = "5a7a0000-0000-4000-8000-000000000103";

    /// <summary>Teams refuses a message (activity and card) over 28 KB.</summary>
    private const int TeamsLimit = 28 * 1024;

    private IReadOnlyList<AcademicTeam> _teams = [];
    private Person _lea = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await StatusScenario.WorkingCalendarAsync(App);
        _teams = await App.ThemeAsync(HistoireGeo, teams: 120, rounds: 8);
        _lea = await App.PersonAsync("Léa", "Petit", LeaAad, Expert("histoire-geographie"));
    }

    [PostgresFact]
    public async Task The_expert_pages_through_120_teams_each_page_under_28_KB_and_no_team_left_out()
    {
        App.Connector.Clear();
        await App.PostActivityAsync(Activities.PersonalMessage("statut").As(_lea));
        var sent = Assert.Single(App.Connector.Activities);
        Assert.True(Encoding.UTF8.GetByteCount(sent.Body!.ToJsonString()) < TeamsLimit, $"first page: {Encoding.UTF8.GetByteCount(sent.Body.ToJsonString())} bytes");
        var card = sent.Card!;
        Assert.Contains("Équipes 1 à 25 sur 120 (page 1/5)", card.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(Actions(card), a => a == "Précédent");

        var seen = new List<string>(StatusTests.Rows(card).Select(r => r[1]));
        // Risky ones first: the 18 teams with an open risk (one in seven) open the first page.
        Assert.All(StatusTests.Rows(card).Take(18), r => Assert.StartsWith("⚠", r[5], StringComparison.Ordinal));
        for (var page = 2; page <= 5; page++)
        {
            var next = card["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == "Suivant")!;
            var answer = await App.InvokeAsync(Activities.Invoke("status.show", next["data"]!.AsObject().DeepClone().AsObject()).As(_lea));
            Assert.True(Encoding.UTF8.GetByteCount(answer.ToJsonString()) < TeamsLimit, $"page {page}: {Encoding.UTF8.GetByteCount(answer.ToJsonString())} bytes");
            card = answer["value"]!;
            Assert.Contains($"(page {page}/5)", card.Text(), StringComparison.Ordinal);
            Assert.Contains("Précédent", Actions(card));
            seen.AddRange(StatusTests.Rows(card).Select(r => r[1]));
        }

        Assert.DoesNotContain("Suivant", Actions(card));
        Assert.Contains("Équipes 101 à 120 sur 120 (page 5/5)", card.Text(), StringComparison.Ordinal);
        Assert.Equal(_teams.Select(t => t.Name).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));

        var previous = card["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == "Précédent")!;
        var back = await App.InvokeAsync(Activities.Invoke("status.show", previous["data"]!.AsObject().DeepClone().AsObject()).As(_lea));
        Assert.Contains("(page 4/5)", back.Text(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_page_click_keeps_the_filter_and_a_page_beyond_the_end_shows_the_last()
    {
        var answer = await App.InvokeAsync(Activities.Invoke("status.show", new JsonObject { ["filter"] = "Lyon", ["page"] = "9" }).As(_lea));

        var rows = StatusTests.Rows(answer["value"]!);
        Assert.Equal(4, rows.Count); // 120 teams over 30 académies
        Assert.All(rows, r => Assert.Equal("Lyon", r[0]));
    }

    [PostgresFact]
    public async Task An_inspector_pages_nothing_of_other_academies_and_the_admin_summary_stays_small()
    {
        var hugo = await App.PersonAsync("Hugo", "Bernard", HugoAad, Inspector("lyon", "histoire-geographie"));
        var page = await App.InvokeAsync(Activities.Invoke("status.show", new JsonObject { ["filter"] = "", ["page"] = "3" }).As(hugo));
        Assert.All(StatusTests.Rows(page["value"]!), r => Assert.Equal("Lyon", r[0]));

        var ada = await App.PersonAsync("Ada", "Admin", AdaAad, Admin());
        App.Connector.Clear();
        await App.PostActivityAsync(Activities.PersonalMessage("statut").As(ada));
        var summary = Assert.Single(App.Connector.Activities);
        Assert.True(Encoding.UTF8.GetByteCount(summary.Body!.ToJsonString()) < TeamsLimit);
        Assert.Contains(StatusTests.Rows(summary.Card!), r => r[0] == "Histoire-géographie" && r[1] == "120");
    }

    private static List<string> Actions(JsonNode card) => [.. card["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>())];
}
