using System.Text.Json.Nodes;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.Candidacies;
using TraAM.Bot.Delivery.Files;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.Privacy;
using static TraAM.Bot.IntegrationTests.Infrastructure.CandidacySeed;
using static TraAM.Bot.IntegrationTests.Infrastructure.DeliverySeed;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Privacy;

/// <summary>
/// The right of access (issue 14 §2): "mes données" gives the sender, and only them, everything stored about them, as
/// JSON and XLSX through Teams' file consent card; built by a job, never inside the request.
/// </summary>
public sealed class PersonalDataTests(TraamApp app) : AppTest(app)
{
    [PostgresFact]
    public async Task MyData_GivesTheCallerTheirOwnData_AsJsonAndXlsx_AndNobodyElses()
    {
        var team = await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1);
        var candidacy = await App.CandidacyAsync(team, CandidacyState.Pending, "Cartographier la biodiversité du quartier");
        var camille = await App.PersonAsync("Camille", "Martin", CamilleAad, Referent(team));
        var paul = await App.PersonAsync("Paul", "Roux", "0f0f0f0f-0000-4000-8000-000000000002", Inspector("lyon", "svt"));
        await App.TracesOfAsync(camille, candidacy, paul.Id);
        await App.TracesOfAsync(paul, candidacy, camille.Id);
        await App.ChatAsync(camille);
        await App.LinkedGroupAsync(team);

        await App.PostActivityAsync(Activities.PersonalMessage("mes données").As(camille));

        Assert.Contains("Je rassemble tout ce que je garde sur vous", Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        App.Connector.Clear();
        Assert.Equal(1, await App.RunEnqueuedAsync<BuildPersonalDataExportJob>());
        Assert.Equal(2, App.Connector.Activities.Count(a => a.Body?["attachments"]?[0]?["contentType"]?.GetValue<string>() == "application/vnd.microsoft.teams.card.file.consent"));

        List<PersonalDataExport> files;
        await using (var db = App.CreateDbContext()) files = await db.PersonalDataExports.OrderBy(e => e.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.All(files, f => Assert.Equal(camille.Id, f.PersonId));
        var json = System.Text.Encoding.UTF8.GetString(files.Single(f => f.FileName.EndsWith(".json", StringComparison.Ordinal)).Content!);
        var sections = JsonNode.Parse(json)!["sections"]!;
        Assert.Equal(camille.Email, sections["annuaire"]![0]!["Courriel"]!.GetValue<string>());
        Assert.Equal("Équipe SVT Lyon", Assert.Single(sections["roles"]!.AsArray())!["Equipe"]!.GetValue<string>());
        Assert.Single(sections["formulaires_ecrits"]!.AsArray());
        Assert.Equal("Préciser le calendrier", Assert.Single(sections["candidatures_decidees"]!.AsArray())!["Commentaire"]!.GetValue<string>());
        Assert.Single(sections["echeances_faites"]!.AsArray());
        Assert.Single(sections["roles_retires"]!.AsArray());
        var meetings = sections["reunions"]!.AsArray();
        Assert.Equal(2, meetings.Count); // invited to Paul's, organiser of the other
        Assert.Single(meetings, m => m!["Invite"]!.GetValue<bool>());
        Assert.Single(meetings, m => m!["Organisateur"]!.GetValue<bool>());
        Assert.Equal(2, sections["notifications"]!.AsArray().Count); // hers, and Paul's escalation about Paul sent to her
        Assert.Single(sections["notifications_vous_citant"]!.AsArray()); // Paul's escalation quoting Camille: what and when, not to whom
        Assert.Single(sections["conversations"]!.AsArray());
        Assert.Contains(sections["groupes"]!.AsArray(), g => g!["Equipe"]!.GetValue<string>() == "Équipe SVT Lyon");
        Assert.DoesNotContain(paul.Email, json, StringComparison.Ordinal);
        Assert.DoesNotContain("Roux", json, StringComparison.Ordinal);

        using var workbook = new XLWorkbook(new MemoryStream(files.Single(f => f.FileName.EndsWith(".xlsx", StringComparison.Ordinal)).Content!));
        Assert.Equal(sections.AsObject().Count, workbook.Worksheets.Count);
        Assert.Equal(camille.Email, workbook.Worksheet("annuaire").Cell(2, 1).GetString());
        Assert.Equal("Courriel", workbook.Worksheet("annuaire").Cell(1, 1).GetString());
        Assert.DoesNotContain(workbook.Worksheets.SelectMany(s => s.CellsUsed()), c => c.GetString().Contains("Roux", StringComparison.Ordinal));

        // Only Camille may take the files; once taken they are uploaded once and erased here.
        var jsonFile = files.Single(f => f.FileName.EndsWith(".json", StringComparison.Ordinal));
        App.Connector.Clear();
        await App.PostActivityAsync(Consent(jsonFile.Id, "accept").As(paul));
        Assert.Equal(0, await App.RunEnqueuedAsync<DeliverFileJob>());
        Assert.Contains("préparé pour une autre personne", Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        await App.PostActivityAsync(Consent(jsonFile.Id, "accept").As(camille));
        Assert.Equal(1, await App.RunEnqueuedAsync<DeliverFileJob>());
        Assert.Equal(jsonFile.Content, Assert.Single(App.Files.Uploads).Body);
        await using var after = App.CreateDbContext();
        Assert.Null((await after.PersonalDataExports.SingleAsync(e => e.Id == jsonFile.Id, TestContext.Current.CancellationToken)).Content);
    }

    [PostgresFact]
    public async Task MyData_ForSomeoneNotInTheDirectory_IsAFrenchAnswer_AndNoFile()
    {
        await App.PostActivityAsync(Activities.PersonalMessage("mes données"));

        Assert.StartsWith("Je ne vous trouve pas dans l'annuaire", Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await App.RunEnqueuedAsync<BuildPersonalDataExportJob>());
        await using var db = App.CreateDbContext();
        Assert.Empty(db.PersonalDataExports);
    }

    [PostgresFact]
    public async Task FilesOfMyData_AreDeletedAfterSevenDays()
    {
        var camille = await App.PersonAsync("Camille", "Martin", CamilleAad, Expert("svt"));
        await App.PostActivityAsync(Activities.PersonalMessage("my data", locale: "en-GB").As(camille));
        Assert.Contains("I am gathering", Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        await App.RunEnqueuedAsync<BuildPersonalDataExportJob>();
        await using var scope = App.Services.CreateAsyncScope();
        var purge = scope.ServiceProvider.GetRequiredService<PurgePersonalDataExportsJob>();

        Assert.Equal(0, await purge.RunAsync(TestContext.Current.CancellationToken));
        App.Clock.Advance(TimeSpan.FromDays(7.1));
        Assert.Equal(2, await purge.RunAsync(TestContext.Current.CancellationToken));
    }

    internal static JsonNode Consent(long fileId, string action) =>
        Activities.From("invoke-adaptive-card-action", a =>
        {
            a["name"] = "fileConsent/invoke";
            a["locale"] = "fr-FR";
            a["value"] = new JsonObject
            {
                ["type"] = "fileUpload",
                ["action"] = action,
                ["context"] = new JsonObject { [PersonalDataExportFiles.Key] = fileId },
                ["uploadInfo"] = new JsonObject
                {
                    ["contentUrl"] = "https://contoso-my.sharepoint.com/personal/camille/Documents/Applications/TraAM/mes-donnees.json",
                    ["name"] = "mes-donnees.json",
                    ["uploadUrl"] = "https://upload.test.invalid/session/1",
                    ["uniqueId"] = "1150D938-8870-4044-9F2C-5BBDEBA70C8C",
                    ["fileType"] = "json",
                },
            };
        });
}
