using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.People;
using TraAM.Bot.People.Import;
using TraAM.Bot.Tests.Import;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.People;

/// <summary>The directory import against PostgreSQL: all or nothing, idempotent, nobody silently deleted.</summary>
public sealed class DirectoryImportTests(TraamApp app) : AppTest(app)
{
    private const string Header = "Nom;Prénom;Courriel;Rôle;Académie;Discipline;Équipe;Identifiant Entra";

    private const string Good = Header + """

        Martin;Camille;camille.martin@ac-lyon.fr;référente;Lyon;SVT – Année 1;Équipe SVT Lyon;6a2b0a6e-1111-4c6e-9a5a-000000000020
        Moreau;Inès;ines.moreau@ac-lyon.fr;enseignante;Lyon;SVT année 1;Équipe SVT Lyon;
        Bernard;Hugo;hugo.bernard@ac-lyon.fr;inspecteur;Lyon;SVT;;
        Haddad;Karim;karim.haddad@region-academique-auvergne-rhone-alpes.fr;DRAN;Grenoble;;;
        Petit;Léa;lea.petit@education.gouv.fr;expert-tn3;;SVT;;
        Petit;Léa;lea.petit@education.gouv.fr;admin;;;;
        """;

    private async Task<ImportReport> ImportAsync(string csv, bool dryRun = false, Encoding? encoding = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        using var stream = new MemoryStream((encoding ?? Encoding.UTF8).GetBytes(csv));
        return await scope.ServiceProvider.GetRequiredService<DirectoryImporter>().ImportAsync(stream, "annuaire.csv", dryRun, TestContext.Current.CancellationToken);
    }

    [PostgresFact]
    public async Task AGoodFile_CreatesPeopleRolesTeamsAndGroups_AndReimportingItChangesNothing()
    {
        var first = await ImportAsync(Good);

        Assert.False(first.HasProblems, string.Join("\n", first.Problems.Select(ImportReport.Describe)));
        Assert.Equal((5, 0, 6, 1), (first.PeopleCreated, first.PeopleUpdated, first.RolesAdded, first.TeamsCreated));
        await using (var db = App.CreateDbContext())
        {
            var camille = await db.People.Include(p => p.Roles).SingleAsync(p => p.Email == "camille.martin@ac-lyon.fr", TestContext.Current.CancellationToken);
            var role = Assert.Single(camille.Roles);
            Assert.Equal((Role.Referent, "lyon", SvtYear1), (role.Role, role.AcademyCode!, role.ThemeId!.Value));
            var team = await db.AcademicTeams.SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal(team.Id, role.TeamId);
            var karim = await db.People.Include(p => p.Roles).SingleAsync(p => p.LastName == "Haddad", TestContext.Current.CancellationToken);
            Assert.Equal("auvergne-rhone-alpes", Assert.Single(karim.Roles).RegionCode);
            Assert.Equal(2, (await db.People.Include(p => p.Roles).SingleAsync(p => p.FirstName == "Léa", TestContext.Current.CancellationToken)).Roles.Count);
            Assert.Equal(2, await db.WorkGroups.CountAsync(TestContext.Current.CancellationToken)); // academic + national
        }

        var again = await ImportAsync(Good);

        Assert.True(again.ChangedNothing);
        Assert.Equal(5, again.PeopleUnchanged);
    }

    [PostgresFact]
    public async Task AFileWithOneBadRow_ChangesNothing_AndSaysWhereInFrench()
    {
        var bad = Good + "\nDurand;Jean;jean.durand@ac-orleans-tours.fr;référent;Orlean;Lettres;Équipe Lettres;\n";

        var report = await ImportAsync(bad);

        var problem = Assert.Single(report.Problems);
        Assert.Equal((8, "Académie"), (problem.Line, problem.Column));
        Assert.Contains("Orlean", problem.Message, StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        Assert.Empty(db.People);
        Assert.Empty(db.AcademicTeams);
    }

    [PostgresFact]
    public async Task AChangedRow_UpdatesThePerson_AndSomeoneLeftOut_IsReportedNotDeleted()
    {
        await ImportAsync(Good);
        var changed = Good
            .Replace("Hugo;hugo.bernard@ac-lyon.fr;inspecteur;Lyon;SVT", "Hugo;hugo.bernard@ac-lyon.fr;dan;Lyon;", StringComparison.Ordinal)
            .Replace("Moreau;Inès;ines.moreau@ac-lyon.fr;enseignante;Lyon;SVT année 1;Équipe SVT Lyon;\n", "", StringComparison.Ordinal);

        var report = await ImportAsync(changed);

        Assert.Equal((1, 1, 1), (report.PeopleUpdated, report.RolesAdded, report.RolesRemoved));
        Assert.Equal(["Inès Moreau <ines.moreau@ac-lyon.fr>"], report.AbsentPeople);
        await using var db = App.CreateDbContext();
        Assert.Equal(5, await db.People.CountAsync(TestContext.Current.CancellationToken));
        var hugo = await db.People.Include(p => p.Roles).SingleAsync(p => p.FirstName == "Hugo", TestContext.Current.CancellationToken);
        Assert.Equal(Role.Dan, Assert.Single(hugo.Roles).Role);
    }

    [PostgresFact]
    public async Task ADryRun_ReportsWithoutSaving()
    {
        var report = await ImportAsync(Good, dryRun: true);

        Assert.True(report.DryRun);
        Assert.Equal(5, report.PeopleCreated);
        await using var db = App.CreateDbContext();
        Assert.Empty(db.People);
    }

    [PostgresFact]
    public async Task AnEntraIdAlreadyOwnedBySomeoneElse_IsRefused()
    {
        await App.PersonAsync("Autre", "Personne", CamilleAad, Admin());

        var report = await ImportAsync(Good);

        var problem = Assert.Single(report.Problems);
        Assert.Equal((2, "Identifiant Entra"), (problem.Line, problem.Column));
        await using var db = App.CreateDbContext();
        Assert.Equal(1, await db.People.CountAsync(TestContext.Current.CancellationToken));
    }

    [PostgresFact]
    public async Task ExportThenImport_IsANoOp()
    {
        await ImportAsync(Good);
        await using var scope = App.Services.CreateAsyncScope();
        using var xlsx = new MemoryStream();
        var rows = await scope.ServiceProvider.GetRequiredService<DirectoryExporter>().ExportAsync(xlsx, TestContext.Current.CancellationToken);
        Assert.Equal(6, rows);
        xlsx.Position = 0;

        var report = await scope.ServiceProvider.GetRequiredService<DirectoryImporter>().ImportAsync(xlsx, "annuaire.xlsx", false, TestContext.Current.CancellationToken);

        Assert.False(report.HasProblems, string.Join("\n", report.Problems.Select(ImportReport.Describe)));
        Assert.True(report.ChangedNothing);
    }

    [PostgresFact]
    public async Task AnExpert_SendsTheFileInChat_IsAnsweredAtOnce_ThenTheReportReplacesTheAnswer()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // French Excel saves CSV in Windows-1252
        await App.PersonAsync("Léa", "Petit", CamilleAad, Expert("svt"));
        const string url = "https://contoso.sharepoint.com/personal/lea/_layouts/15/download.aspx?UniqueId=1150d938&Translate=false&tempauth=abc";
        App.Files.Files[url] = Encoding.GetEncoding(1252).GetBytes(Good.Replace("6a2b0a6e-1111-4c6e-9a5a-000000000020", "", StringComparison.Ordinal));

        await App.PostActivityAsync(Activities.PersonalFile("annuaire.csv", url));

        var progress = Assert.Single(App.Connector.Activities);
        Assert.Contains("import en cours", progress.Body!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(App.Files.Requests); // the request is answered before the download
        var progressId = ProgressId(url);

        Assert.Equal(1, await App.RunEnqueuedAsync<ImportDirectoryFileJob>());

        var report = Assert.Single(App.Connector.Activities, a => a.Method == HttpMethod.Put);
        Assert.EndsWith($"/activities/{progressId}", report.Path, StringComparison.Ordinal); // updated in place
        Assert.Contains("Import réussi.", report.CardTexts);
        Assert.Null(Assert.Single(App.Files.Requests).Authorization); // no bot token to SharePoint
        await using var db = App.CreateDbContext();
        Assert.Equal(1 + 5, await db.People.CountAsync(TestContext.Current.CancellationToken)); // the sender + the file's
    }

    [PostgresFact]
    public async Task TheImportJobRunTwice_ImportsOnce_AndShowsTheSameReportInTheSameMessage()
    {
        await App.PersonAsync("Léa", "Petit", CamilleAad, Admin());
        const string url = "https://contoso.sharepoint.com/personal/lea/download.aspx?tempauth=twice";
        App.Files.Files[url] = Encoding.UTF8.GetBytes(Good.Replace("6a2b0a6e-1111-4c6e-9a5a-000000000020", "", StringComparison.Ordinal));
        await App.PostActivityAsync(Activities.PersonalFile("annuaire.csv", url));

        await App.RunEnqueuedAsync<ImportDirectoryFileJob>(keep: true); // as after a crash: Hangfire runs it again
        await App.RunEnqueuedAsync<ImportDirectoryFileJob>();

        var updates = App.Connector.Activities.Where(a => a.Method == HttpMethod.Put).ToList();
        Assert.Equal(2, updates.Count);
        Assert.Equal(updates[0].Path, updates[1].Path);
        Assert.Equal(updates[0].Card!.ToJsonString(), updates[1].Card!.ToJsonString()); // "5 added", not "5 unchanged"
        Assert.Single(App.Connector.Activities, a => a.Method == HttpMethod.Post); // only "import en cours" was posted
        Assert.Single(App.Files.Requests);
    }

    [PostgresFact]
    public async Task AHostileFileInChat_GetsABoundedReportCard_AndNothingIsSaved()
    {
        await App.PersonAsync("Léa", "Petit", CamilleAad, Admin());
        const string url = "https://contoso.sharepoint.com/personal/lea/download.aspx?tempauth=hostile";
        App.Files.Files[url] = HostileFiles.ManyBadRows(7_000);
        await App.PostActivityAsync(Activities.PersonalFile("annuaire.csv", url));

        await App.RunEnqueuedAsync<ImportDirectoryFileJob>();

        var report = Assert.Single(App.Connector.Activities, a => a.Method == HttpMethod.Put);
        var size = report.Body!.ToJsonString().Length * 2; // Teams counts the message in UTF-16 (protocol.md §3.3)
        Assert.True(size < 80 * 1024, $"{size} bytes");
        Assert.Contains(report.CardTexts, t => t.StartsWith("Import refusé", StringComparison.Ordinal));
        Assert.Contains(report.CardTexts, t => t.Contains("autres problèmes", StringComparison.Ordinal));
        await using var db = App.CreateDbContext();
        Assert.Equal(1, await db.People.CountAsync(TestContext.Current.CancellationToken)); // the sender only
    }

    /// <summary>The id of the "import en cours" message, as the handler gave it to the job it enqueued for this file.</summary>
    private string ProgressId(string url)
    {
        var storage = App.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi();
        return storage.EnqueuedJobs("default", 0, 1000).Select(j => j.Value.Job?.Args[0]).OfType<ReceivedFile>()
            .Single(f => f.DownloadUrl == url).ProgressActivityId!;
    }
}
