using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.Conversations;
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
    public async Task AnAdmin_SendsTheFileInChat_IsAnsweredAtOnce_ThenTheReportReplacesTheAnswer()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // French Excel saves CSV in Windows-1252
        await App.PersonAsync("Léa", "Petit", CamilleAad, Admin()); // the file gives DRAN and admin roles: admins only
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

    private async Task<RecordingConnector.Sent> SendFileAsync(string csv)
    {
        const string url = "https://contoso.sharepoint.com/personal/lea/download.aspx?tempauth=scoped";
        App.Files.Files[url] = Encoding.UTF8.GetBytes(csv);
        await App.PostActivityAsync(Activities.PersonalFile("annuaire.csv", url));
        await App.RunEnqueuedAsync<ImportDirectoryFileJob>();
        return Assert.Single(App.Connector.Activities, a => a.Method == HttpMethod.Put); // the report, in place of "en cours"
    }

    [PostgresFact]
    public async Task ATn3Expert_ImportingRowsBeyondTheirRights_IsRefusedWhole_EachRowNamedWithItsLine()
    {
        await App.PersonAsync("Léa", "Petit", CamilleAad, Expert("svt"));
        var csv = Header + """

            Martin;Camille;camille.martin@ac-lyon.fr;référente;Lyon;SVT – Année 1;Équipe SVT Lyon;
            Petit;Léa;lea.petit@ac-test.fr;admin;;;;
            Durand;Jean;jean.durand@ac-nantes.fr;référent;Nantes;Histoire-géographie;Équipe HG;
            Haddad;Karim;karim.haddad@ac-lyon.fr;DAN;Lyon;;;
            Roux;Anne;anne.roux@education.gouv.fr;expert-tn3;;SVT;;
            """;

        var card = await SendFileAsync(csv);

        var refused = card.Card!["body"]!.AsArray().SelectMany(e => e!["facts"]?.AsArray() ?? [])
            .Select(f => (Title: f!["title"]!.GetValue<string>(), Value: f["value"]!.GetValue<string>())).ToList();
        Assert.Equal(["Ligne 3 · Rôle", "Ligne 4 · Rôle", "Ligne 5 · Rôle", "Ligne 6 · Rôle"], refused.Select(r => r.Title)); // not line 2: within the expert's rights
        Assert.StartsWith("Vous ne pouvez pas donner le rôle « admin » ici", refused[0].Value, StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        var lea = await db.People.Include(p => p.Roles).SingleAsync(TestContext.Current.CancellationToken); // nobody added
        Assert.Equal(Role.ExpertTn3, Assert.Single(lea.Roles).Role);
    }

    [PostgresFact]
    public async Task ATn3Expert_ListingAnAdminInTheirDiscipline_DoesNotTakeTheAdminRoleAway()
    {
        await App.PersonAsync("Léa", "Petit", CamilleAad, Expert("svt"));
        var admin = await App.PersonAsync("Paul", "Admin", "0b0b0b0b-0000-0000-0000-000000000099", Admin());
        var csv = Header + $"""

            Admin;Paul;{admin.Email};enseignant;Lyon;SVT – Année 1;Équipe SVT Lyon;
            """;

        Assert.Contains("Import réussi.", (await SendFileAsync(csv)).CardTexts);

        await using var db = App.CreateDbContext();
        var roles = await db.RoleAssignments.Where(r => r.PersonId == admin.Id).Select(r => r.Role).OrderBy(r => r).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([Role.Admin, Role.Teacher], roles); // ordered by name, as stored
    }

    [PostgresFact]
    public async Task ATn3Expert_CannotGiveAnEntraIdToSomeoneHoldingRolesBeyondTheirRights()
    {
        await App.PersonAsync("Léa", "Petit", CamilleAad, Expert("svt"));
        var admin = await App.PersonAsync("Paul", "Admin", aad: null, Admin());
        var csv = Header + $"""

            Admin;Paul;{admin.Email};enseignant;Lyon;SVT – Année 1;Équipe SVT Lyon;6a2b0a6e-1111-4c6e-9a5a-0000000000aa
            """;

        var card = await SendFileAsync(csv);

        Assert.Contains("seule l'équipe d'administration de TraAM peut changer son identifiant Entra", card.Card!.Text(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        Assert.Null((await db.People.SingleAsync(p => p.Id == admin.Id, TestContext.Current.CancellationToken)).EntraObjectId);
    }

    [PostgresFact]
    public async Task ATn3Expert_ExportsTheirDisciplineOnly()
    {
        await ImportAsync(Good);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TraAM.Bot.Data.TraamDbContext>();
        var lea = await db.People.Include(p => p.Roles).SingleAsync(p => p.FirstName == "Léa", TestContext.Current.CancellationToken);
        var expert = new TraAM.Bot.People.Identity.Caller(lea, [.. lea.Roles.Where(r => r.Role == Role.ExpertTn3)], 1);
        using var xlsx = new MemoryStream();

        var rows = await scope.ServiceProvider.GetRequiredService<DirectoryExporter>().ExportAsync(xlsx, expert, TestContext.Current.CancellationToken);

        Assert.Equal(4, rows); // SVT's referent, teacher, inspector and expert; not the DRAN nor the admin
    }
}
