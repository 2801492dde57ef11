using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.Candidacies;
using TraAM.Bot.Candidacies.Transmission;
using TraAM.Bot.Delivery.Files;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.People;
using static TraAM.Bot.IntegrationTests.Infrastructure.CandidacySeed;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;
using static TraAM.Bot.IntegrationTests.Candidacies.TransmissionTests;

namespace TraAM.Bot.IntegrationTests.Candidacies;

/// <summary>The document de synthèse by Teams' file consent: to its own person only, uploaded once, kept 7 days at most.</summary>
public sealed class ExportFileTests(TraamApp app) : AppTest(app)
{
    private Person _dana = null!;
    private Person _paul = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await App.SetCallAsync(submissionInDays: 20);
        await App.CandidacyAsync(await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1), CandidacyState.Approved, "Cartographier la biodiversité du quartier");
        _dana = await App.PersonAsync("Dana", "Nguyen", "0f0f0f0f-0000-4000-8000-000000000001", Dan("lyon"));
        _paul = await App.PersonAsync("Paul", "Roux", "0f0f0f0f-0000-4000-8000-000000000002", Dan("paris"));
    }

    [PostgresFact]
    public async Task Accepting_the_file_uploads_it_once_and_only_for_the_exports_person()
    {
        await App.InvokeAsync(Send("academy:lyon").As(_dana));
        await App.RunEnqueuedAsync<BuildExportJob>();
        long exportId;
        byte[] content;
        await using (var db = App.CreateDbContext())
        {
            var export = await db.CandidacyExports.SingleAsync();
            (exportId, content) = (export.Id, export.Content!);
        }

        App.Connector.Clear();
        await App.PostActivityAsync(Consent(exportId, "accept").As(_paul));
        Assert.Equal(0, await App.RunEnqueuedAsync<DeliverFileJob>());
        Assert.Contains("préparé pour une autre personne", Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        using (var response = await App.PostActivityAsync(Consent(exportId, "accept").As(_dana)))
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        await App.PostActivityAsync(Consent(exportId, "accept").As(_dana)); // accepted twice
        Assert.Equal(2, await App.RunEnqueuedAsync<DeliverFileJob>());

        var upload = Assert.Single(App.Files.Uploads);
        Assert.Equal("https://upload.test.invalid/session/1", upload.Url);
        Assert.Equal(content, upload.Body);
        Assert.Equal($"bytes 0-{content.Length - 1}/{content.Length}", upload.ContentRange);
        Assert.Null(upload.Authorization); // the bot's token never goes to OneDrive
        Assert.Single(App.Connector.Activities, a => a.Body?["attachments"]?[0]?["contentType"]?.GetValue<string>() == "application/vnd.microsoft.teams.card.file.info");
        await using var after = App.CreateDbContext();
        var delivered = await after.CandidacyExports.SingleAsync();
        Assert.Null(delivered.Content);
        Assert.NotNull(delivered.DeliveredAt);
    }

    [PostgresFact]
    public async Task A_declined_file_can_be_sent_again_and_an_upload_url_that_is_not_https_is_refused()
    {
        await App.InvokeAsync(Send("academy:lyon").As(_dana));
        await App.RunEnqueuedAsync<BuildExportJob>();
        await using var db = App.CreateDbContext();
        var exportId = (await db.CandidacyExports.SingleAsync()).Id;
        App.Connector.Clear();

        await App.PostActivityAsync(Consent(exportId, "decline").As(_dana));
        await App.PostActivityAsync(Consent(exportId, "accept", "http://upload.test.invalid/session/1").As(_dana));
        var card = await App.InvokeAsync(Activities.Invoke(ResendExportFile.Verb, new JsonObject { ["exportId"] = exportId }).As(_dana));

        var texts = App.Connector.Activities.Select(a => a.Body?["text"]?.GetValue<string>() ?? "").ToList();
        Assert.Contains(texts, t => t.Contains("Renvoyer le fichier", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("adresse sécurisée", StringComparison.Ordinal));
        Assert.Equal(0, await App.RunEnqueuedAsync<DeliverFileJob>());
        Assert.Contains("Fichier renvoyé", card.Text(), StringComparison.Ordinal);
        Assert.Single(App.Connector.Activities, a => a.Body?["attachments"]?[0]?["contentType"]?.GetValue<string>() == "application/vnd.microsoft.teams.card.file.consent");
    }

    [PostgresFact]
    public async Task Files_not_accepted_are_erased_after_seven_days()
    {
        await App.InvokeAsync(Send("academy:lyon").As(_dana));
        await App.RunEnqueuedAsync<BuildExportJob>();
        await using var scope = App.Services.CreateAsyncScope();
        var purge = scope.ServiceProvider.GetRequiredService<PurgeExportsJob>();

        Assert.Equal(0, await purge.RunAsync(TestContext.Current.CancellationToken));
        App.Clock.Advance(TimeSpan.FromDays(7.1));
        Assert.Equal(1, await purge.RunAsync(TestContext.Current.CancellationToken));

        await using var db = App.CreateDbContext();
        var export = await db.CandidacyExports.SingleAsync();
        Assert.Null(export.Content);
        Assert.Equal(1, export.Count); // the audit stays
    }

    private static JsonNode Consent(long exportId, string action, string uploadUrl = "https://upload.test.invalid/session/1") =>
        Activities.From("invoke-adaptive-card-action", a =>
        {
            a["name"] = "fileConsent/invoke";
            a["locale"] = "fr-FR";
            a["value"] = new JsonObject
            {
                ["type"] = "fileUpload",
                ["action"] = action,
                ["context"] = new JsonObject { ["exportId"] = exportId },
                ["uploadInfo"] = new JsonObject
                {
                    ["contentUrl"] = "https://contoso-my.sharepoint.com/personal/dana/Documents/Applications/TraAM/synthese.xlsx",
                    ["name"] = "synthese.xlsx",
                    ["uploadUrl"] = uploadUrl,
                    ["uniqueId"] = "1150D938-8870-4044-9F2C-5BBDEBA70C8C",
                    ["fileType"] = "xlsx",
                },
            };
        });
}
