using TraAM.Bot.IntegrationTests.Infrastructure;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.People;

/// <summary>Roles are given for a campaign: last year's TN3 expert has no power over this year's.</summary>
public sealed class CampaignRolesTests(TraamApp app) : AppTest(app)
{
    [PostgresFact]
    public async Task AnExpertOfAnotherCampaign_CannotEditThisCampaignsCalendar_NorImport()
    {
        var lastYear = Expert("svt");
        lastYear.CampaignId = 2; // not the current campaign (1)
        await App.PersonAsync("Léa", "Petit", CamilleAad, lastYear);

        var answer = await App.InvokeAsync(Activities.Invoke("calendar.save", new System.Text.Json.Nodes.JsonObject { ["kickoffDeadline"] = "2026-10-01" }));
        App.Connector.Clear();
        await App.PostActivityAsync(Activities.PersonalFile("annuaire.csv", "https://contoso.sharepoint.com/personal/lea/download.aspx?tempauth=x"));

        Assert.Contains("Seules les personnes expertes TN3", answer["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Seules les personnes de l'équipe d'administration et les personnes expertes TN3", Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        Assert.Empty(db.CalendarChanges);
    }
}
