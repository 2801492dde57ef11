using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.People;
using TraAM.Bot.People.Identity;
using TraAM.Bot.People.Import;

namespace TraAM.Bot.IntegrationTests.People;

/// <summary>An import with "replace": the file is the whole truth within the importer's rights, after a dry run.</summary>
public sealed class ReplaceImportTests(TraamApp app) : AppTest(app)
{
    private const string Header = "Nom;Prénom;Courriel;Rôle;Académie;Discipline;Équipe;Identifiant Entra";

    private const string Everyone = Header + """

        Martin;Camille;camille.martin@ac-lyon.fr;référente;Lyon;SVT – Année 1;Équipe SVT Lyon;
        Bernard;Hugo;hugo.bernard@ac-lyon.fr;inspecteur;Lyon;SVT;;
        Haddad;Karim;karim.haddad@ac-grenoble.fr;DRAN;Grenoble;;;
        Petit;Léa;lea.petit@education.gouv.fr;expert-tn3;;SVT;;
        """;

    private const string OnlyLea = Header + """

        Petit;Léa;lea.petit@education.gouv.fr;expert-tn3;;SVT;;
        """;

    private async Task<ImportReport> ImportAsync(string csv, DirectoryImportOptions options)
    {
        await using var scope = App.Services.CreateAsyncScope();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await scope.ServiceProvider.GetRequiredService<DirectoryImporter>().ImportAsync(stream, "annuaire.csv", options, TestContext.Current.CancellationToken);
    }

    [PostgresFact]
    public async Task AnOperatorsReplace_ListsWhoLosesWhatOnADryRun_ThenTakesItAway_Audited()
    {
        await ImportAsync(Everyone, new DirectoryImportOptions(DryRun: false));

        var dry = await ImportAsync(OnlyLea, new DirectoryImportOptions(DryRun: true, Replace: true));
        await using (var unchanged = App.CreateDbContext()) Assert.Equal(4, await unchanged.RoleAssignments.CountAsync(TestContext.Current.CancellationToken));
        var applied = await ImportAsync(OnlyLea, new DirectoryImportOptions(DryRun: false, Replace: true));

        Assert.Equal(3, dry.Lost.Count);
        Assert.Contains("Camille Martin <camille.martin@ac-lyon.fr> : référent (team:1)", dry.Lost);
        Assert.Contains("rôle(s) seraient retirés (le fichier fait foi)", dry.ToText(), StringComparison.Ordinal);
        Assert.Equal(dry.Lost, applied.Lost);
        await using var db = App.CreateDbContext();
        Assert.Equal(Role.ExpertTn3, (await db.RoleAssignments.SingleAsync(TestContext.Current.CancellationToken)).Role);
        Assert.Equal(3, await db.RevokedRoles.CountAsync(r => r.Source == "import", TestContext.Current.CancellationToken));
        Assert.Equal(4, await db.People.CountAsync(TestContext.Current.CancellationToken)); // people are kept, their roles go
    }

    [PostgresFact]
    public async Task AnExpertsReplace_TakesAwayOnlyWhatTheExpertCouldHaveGiven()
    {
        await ImportAsync(Everyone, new DirectoryImportOptions(DryRun: false));
        await using var db = App.CreateDbContext();
        var lea = await db.People.Include(p => p.Roles).SingleAsync(p => p.FirstName == "Léa", TestContext.Current.CancellationToken);

        var onlyCamille = Header + "\nMartin;Camille;camille.martin@ac-lyon.fr;référente;Lyon;SVT – Année 1;Équipe SVT Lyon;\n";

        var report = await ImportAsync(onlyCamille, new DirectoryImportOptions(DryRun: false, By: new Caller(lea, [.. lea.Roles], 1), Replace: true));

        Assert.False(report.HasProblems, string.Join("\n", report.Problems.Select(ImportReport.Describe)));
        Assert.Equal(["Hugo Bernard <hugo.bernard@ac-lyon.fr> : inspecteur (academy:lyon|discipline:svt)"], report.Lost); // not Karim's DRAN, not Léa's own role
        Assert.Equal([Role.Dran, Role.ExpertTn3, Role.Referent], await db.RoleAssignments.Select(r => r.Role).OrderBy(r => r).ToListAsync(TestContext.Current.CancellationToken));
    }

    [PostgresFact]
    public async Task InChat_Remplacer_ShowsTheDryRunFirst_AndOnlyItsSenderConfirmsIt_Once()
    {
        var anne = await App.PersonAsync("Anne", "Admin", DirectorySeed.CamilleAad, DirectorySeed.Admin());
        await App.PersonAsync("Bruno", "Admin", "0b0b0b0b-0000-0000-0000-000000000077", DirectorySeed.Admin());
        await ImportAsync(Everyone, new DirectoryImportOptions(DryRun: false));
        const string url = "https://contoso.sharepoint.com/personal/anne/download.aspx?tempauth=replace";
        App.Files.Files[url] = Encoding.UTF8.GetBytes(OnlyLea);

        await App.PostActivityAsync(Activities.PersonalFile("annuaire.csv", url, "remplacer"));
        await App.RunEnqueuedAsync<ImportDirectoryFileJob>();

        var dryRun = Assert.Single(App.Connector.Activities, a => a.Method == HttpMethod.Put);
        Assert.Contains("Rôles qui seraient retirés (le fichier fait foi, les personnes sont conservées) (4)", dryRun.CardTexts); // Bruno's admin role too, not Anne's own
        Assert.Contains("Camille Martin <camille.martin@ac-lyon.fr> : référent (team:1)", dryRun.CardTexts);
        await using (var before = App.CreateDbContext()) Assert.Equal(6, await before.RoleAssignments.CountAsync(TestContext.Current.CancellationToken));
        var button = dryRun.Card!["actions"]![0]!;
        Assert.Equal("Confirmer le remplacement", button["title"]!.GetValue<string>());
        var data = (JsonObject)button["data"]!.DeepClone();

        var byBruno = await App.InvokeAsync(Activities.Invoke("import.confirmReplace", (JsonObject)data.DeepClone(), change: a => a["from"]!["aadObjectId"] = "0b0b0b0b-0000-0000-0000-000000000077"));
        Assert.Contains("Seule la personne qui a envoyé le fichier", byBruno.Text(), StringComparison.Ordinal);
        var byAnne = await App.InvokeAsync(Activities.Invoke("import.confirmReplace", (JsonObject)data.DeepClone()));
        Assert.Contains("Remplacement confirmé", byAnne.Text(), StringComparison.Ordinal);
        var again = await App.InvokeAsync(Activities.Invoke("import.confirmReplace", (JsonObject)data.DeepClone()));
        Assert.Contains("déjà été confirmé", again.Text(), StringComparison.Ordinal);
        Assert.Equal(1, await App.RunEnqueuedAsync<ImportDirectoryFileJob>()); // one import for the three clicks

        var applied = App.Connector.Activities.Where(a => a.Method == HttpMethod.Put).Last();
        Assert.EndsWith("/activities/1732267000000", applied.Path, StringComparison.Ordinal); // the report card, updated in place
        Assert.Contains("Rôles retirés (le fichier fait foi, les personnes sont conservées) (4)", applied.CardTexts);
        await using var db = App.CreateDbContext();
        var left = await db.RoleAssignments.Select(r => new { r.PersonId, r.Role }).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, left.Count); // Léa's, listed; Anne's own admin role, never taken by her own file
        Assert.Contains(left, r => r.PersonId == anne.Id && r.Role == Role.Admin);
    }
}
