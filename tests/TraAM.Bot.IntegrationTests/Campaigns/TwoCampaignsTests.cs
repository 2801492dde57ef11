using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.People.Import;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Campaigns;

/// <summary>
/// December 2026: 2026-2027 works while the 2027-2028 call is open. The calendar shows and saves both, the directory
/// imports into the one it names, roles act in their own campaign, reminders are planned for both.
/// </summary>
public sealed class TwoCampaignsTests(TraamApp app) : AppTest(app)
{
    private const string NextCallFile = """
        Nom;Prénom;Courriel;Rôle;Académie;Discipline;Équipe;Campagne
        Martin;Camille;camille.martin@ac-lyon.fr;référente;Lyon;SVT – Année 1;Équipe SVT Lyon 2027;2027-2028
        Moreau;Inès;ines.moreau@ac-lyon.fr;enseignante;Lyon;SVT – Année 1;Équipe SVT Lyon 2027;2027-2028
        """;

    private async Task OpenNextCallAsync()
    {
        var admin = await App.PersonAsync("Admin", "TraAM", "6a2b0a6e-1111-4c6e-9a5a-0000000000ad", Admin());
        await App.InvokeAsync(Activities.Invoke("campaign.open", OpenCampaignTests.Open(), change: a => a["from"]!["aadObjectId"] = admin.EntraObjectId));
        App.Connector.Clear();
    }

    private static JsonObject CalendarForm(string campaign, string version, string submission) => new()
    {
        ["verb"] = "calendar.save", ["campaign"] = campaign, ["version"] = version,
        ["submissionDeadline"] = submission, ["resultsDate"] = "2027-06-15", ["workStart"] = "2027-09-01", ["kickoffDeadline"] = "2027-10-31",
        ["completionDeadline"] = "2028-04-30", ["bilanDeadline"] = "2028-06-30", ["checkpointsMin"] = "2", ["checkpointsMax"] = "3",
    };

    [PostgresFact]
    public async Task TheCalendar_ShowsBothCampaigns_AndSavesTheOneItNames_WithItsOwnVersion()
    {
        await App.PersonAsync("Léa", "Petit", CamilleAad, Expert("svt"));
        await OpenNextCallAsync(); // Léa's expert role is carried over to 2027-2028

        await App.PostActivityAsync(Activities.PersonalMessage("calendrier"));

        Assert.Equal(2, App.Connector.Activities.Count);
        Assert.Contains("Calendrier de la campagne 2026-2027", App.Connector.Activities[0].CardTexts);
        Assert.Contains("Calendrier de la campagne 2027-2028", App.Connector.Activities[1].CardTexts);

        var saved = await App.InvokeAsync(Activities.Invoke("calendar.save", CalendarForm("2027-2028", "0", "2027-03-26")));
        var closed = await App.InvokeAsync(Activities.Invoke("calendar.save", CalendarForm("2025-2026", "0", "2027-03-26")));

        Assert.Contains("Calendrier enregistré (1 modification(s)).", saved.Text(), StringComparison.Ordinal);
        Assert.Contains("n'est plus en cours", closed["value"]!.GetValue<string>(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        Assert.Equal(new DateOnly(2027, 3, 26), (await db.Campaigns.SingleAsync(c => c.Id == 2, TestContext.Current.CancellationToken)).SubmissionDeadline);
        Assert.Equal(new DateOnly(2026, 3, 31), (await db.Campaigns.SingleAsync(c => c.Id == 1, TestContext.Current.CancellationToken)).SubmissionDeadline);
        Assert.Equal(2, CampaignOf(await db.CalendarChanges.SingleAsync(TestContext.Current.CancellationToken)));
    }

    private static int CampaignOf(Bot.Campaigns.CalendarChange change) => change.CampaignId;

    [PostgresFact]
    public async Task AnExpertOfTheWorkingCampaignOnly_CannotEditTheNextCallsCalendar()
    {
        await OpenNextCallAsync();
        await App.PersonAsync("Léa", "Petit", CamilleAad, Expert("svt")); // given after the opening: 2026-2027 only

        var answer = await App.InvokeAsync(Activities.Invoke("calendar.save", CalendarForm("2027-2028", "0", "2027-03-26")));

        Assert.Contains("Seules les personnes expertes TN3", answer["value"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task AnImportIntoTheNextCall_WhileTheWorkingOneRuns_GivesRolesThatActThereOnly()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var lastYear = await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1);
        await OpenNextCallAsync();
        await App.PersonAsync("Léa", "Petit", CamilleAad, Admin()); // the file's sender
        const string url = "https://contoso.sharepoint.com/personal/lea/_layouts/15/download.aspx?UniqueId=2&tempauth=abc";
        App.Files.Files[url] = Encoding.UTF8.GetBytes(NextCallFile);

        await App.PostActivityAsync(Activities.PersonalFile("candidats.csv", url, "campagne 2027-2028"), "valid");
        await App.RunEnqueuedAsync<ImportDirectoryFileJob>();

        var report = Assert.Single(App.Connector.Activities, a => a.Method == HttpMethod.Put);
        Assert.Contains("Import réussi.", report.CardTexts);
        Assert.Contains("2027-2028", report.CardTexts);
        await using var db = App.CreateDbContext();
        var team = await db.AcademicTeams.SingleAsync(t => t.CampaignId == 2, TestContext.Current.CancellationToken);
        var theme = await db.Themes.SingleAsync(t => t.Id == team.ThemeId, TestContext.Current.CancellationToken);
        Assert.Equal((2, "svt-1"), (theme.CampaignId, theme.Code)); // the theme looked up in 2027-2028
        var camille = await db.People.Include(p => p.Roles).SingleAsync(p => p.Email == "camille.martin@ac-lyon.fr", TestContext.Current.CancellationToken);
        Assert.Equal(2, Assert.Single(camille.Roles).CampaignId);

        await using var scope = App.Services.CreateAsyncScope();
        var caller = await scope.ServiceProvider.GetRequiredService<CallerResolver>().ForPersonAsync(camille.Id, TestContext.Current.CancellationToken);
        var oldTheme = await db.Themes.SingleAsync(t => t.Id == SvtYear1, TestContext.Current.CancellationToken);
        Assert.True(caller.Can(Permission.SubmitCandidacy, AccessScope.ForTeam(team, theme)));
        Assert.True(caller.Can(Permission.SubmitCheckIn, AccessScope.ForTeam(team, theme)));
        Assert.False(caller.Can(Permission.SubmitCandidacy, AccessScope.ForTeam(lastYear, oldTheme)));
        Assert.False(caller.Can(Permission.SubmitCheckIn, AccessScope.Programme)); // the working campaign is not theirs
    }

    [PostgresFact]
    public async Task AFileNamingTwoCampaigns_OrAnUnopenedOne_IsRefusedWhole()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<DirectoryImporter>();
        // Inès's row (the last) says 2026-2027, Camille's 2027-2028.
        using var mixed = new MemoryStream(Encoding.UTF8.GetBytes(NextCallFile[..NextCallFile.LastIndexOf("2027-2028", StringComparison.Ordinal)] + "2026-2027"));
        using var unopened = new MemoryStream(Encoding.UTF8.GetBytes(NextCallFile));

        var two = await importer.ImportAsync(mixed, "a.csv", new DirectoryImportOptions(false), TestContext.Current.CancellationToken);
        var missing = await importer.ImportAsync(unopened, "a.csv", new DirectoryImportOptions(false), TestContext.Current.CancellationToken);

        Assert.Contains(two.Problems, p => p.Message.Contains("un fichier importe une seule campagne", StringComparison.Ordinal));
        Assert.Contains("La campagne 2027-2028 n'existe pas", Assert.Single(missing.Problems).Message, StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        Assert.Empty(db.People);
    }

    [PostgresFact]
    public async Task Reminders_ArePlannedForBothCampaigns_AndPlanningAgainAddsNothing()
    {
        var team = await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1);
        var referent = await App.PersonAsync("Inès", "Moreau", null, Referent(team));
        var dan = await App.PersonAsync("Hugo", "Bernard", null, new TraAM.Bot.People.RoleAssignment { Role = TraAM.Bot.People.Role.Dan, AcademyCode = "lyon" });
        await OpenNextCallAsync(); // carries the DAN over: the call's submission concerns them until Lyon's place is transmitted

        var first = await App.PlanAsync();
        var second = await App.PlanAsync();

        await using var db = App.CreateDbContext();
        var subjects = await db.Notifications.Where(n => n.Kind == "reminder").Select(n => new { n.PersonId, n.Subject }).Distinct().ToListAsync(TestContext.Current.CancellationToken);
        Assert.Contains(new { PersonId = (long?)referent.Id, Subject = "deadline:1:completion" }, subjects); // the working campaign's
        Assert.Contains(new { PersonId = (long?)dan.Id, Subject = "deadline:2:submission" }, subjects); // the call's, by the carried role
        Assert.DoesNotContain(subjects, s => s.Subject == "deadline:2:completion"); // the call's teams do not work yet
        Assert.True(first.Created > 0);
        Assert.Equal(0, second.Created);
    }

    [PostgresFact]
    public async Task Deadlines_ListBothCampaigns_EachNamed()
    {
        var team = await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1);
        await App.PersonAsync("Hugo", "Bernard", CamilleAad, Inspector("lyon", "svt"), Referent(team)); // a referent who also inspects
        await OpenNextCallAsync(); // carries the inspector role over

        await App.PostActivityAsync(Activities.PersonalMessage("échéances"));

        var texts = Assert.Single(App.Connector.Activities).CardTexts;
        Assert.Contains(texts, t => t.StartsWith("Fin des productions", StringComparison.Ordinal) && t.EndsWith("(2026-2027)", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.EndsWith("(2027-2028)", StringComparison.Ordinal)); // the call's submission, as its inspector
    }

    [PostgresFact]
    public async Task Whoami_ListsLiveRolesWithTheirCampaign_AndPastOnesAsHistory()
    {
        await OpenNextCallAsync();
        var past = Inspector("lyon", "svt");
        past.CampaignId = 99; // a campaign that no longer exists as live
        var next = Inspector("lyon", "svt");
        next.CampaignId = 2;
        await App.PersonAsync("Hugo", "Bernard", CamilleAad, Inspector("lyon", "svt"), next, past);

        await App.PostActivityAsync(Activities.PersonalMessage("moi"));

        var texts = Assert.Single(App.Connector.Activities).CardTexts;
        Assert.Contains(texts, t => t.EndsWith("(2027-2028)", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("Rôles des campagnes passées", StringComparison.Ordinal));
    }
}
