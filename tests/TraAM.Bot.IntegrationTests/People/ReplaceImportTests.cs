using System.Text;
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
}
