using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.IntegrationTests.CheckIns;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.People;
using TraAM.Bot.Syntheses;
using static TraAM.Bot.IntegrationTests.Infrastructure.CandidacySeed;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Syntheses;

/// <summary>
/// "synthèse" end to end on PostgreSQL (issue 13 §2, §4): compiled by a job, never in the request; stored as versions;
/// offered by Teams' file consent card to its author only; diffused once; refused out of scope; purged after three years.
/// </summary>
public sealed class SynthesisTests(TraamApp app) : AppTest(app)
{
    private const string ConsentType = "application/vnd.microsoft.teams.card.file.consent";
    private CheckInSeed.Cast _cast = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _cast = await App.YearAsync();
    }

    private Task<HttpResponseMessage> SayAsync(string text, Person person) => App.PostActivityAsync(Activities.PersonalMessage(text).As(person));

    private string LastText() => App.Connector.Activities[^1].Body?["text"]?.GetValue<string>() ?? "";

    [PostgresFact]
    public async Task The_expert_compiles_through_a_job_and_gets_a_valid_document_that_says_what_is_missing()
    {
        await SayAsync("synthèse", _cast.Lea);

        Assert.Contains("Compilation de la version 1", LastText(), StringComparison.Ordinal);
        var pending = await App.LatestAsync();
        Assert.Null(pending.Content); // the request only recorded the version
        App.Connector.Clear();
        Assert.Equal(1, await App.RunEnqueuedAsync<CompileSynthesisJob>());

        var offer = Assert.Single(App.Connector.Activities);
        Assert.Equal(ConsentType, offer.Body!["attachments"]![1]!["contentType"]!.GetValue<string>());
        Assert.Contains("Diffuser", offer.Body.ToJsonString(), StringComparison.Ordinal);
        var doc = await App.LatestAsync();
        Assert.Equal((2, 0), (doc.TeamCount, doc.BilanCount));
        var texts = SynthesisSeed.ValidTexts(doc.Content!);
        Assert.Contains("Martinique — Équipe HG Martinique", texts);
        Assert.Equal(2, texts.Count(t => t.StartsWith(SynthesisComposer.MissingBilan, StringComparison.Ordinal))); // no bilan yet: said for each team
        Assert.Contains(texts, t => t.StartsWith("Compte rendu non disponible", StringComparison.Ordinal));
        Assert.Contains(SynthesisSeed.ScenariosUrl, texts);
        Assert.Contains(texts, t => t.Contains("Camille Martin", StringComparison.Ordinal));
        // Every row of the sources table names a team of the theme, or none (the theme's own registers).
        await using var db = App.CreateDbContext();
        var deliveryId = (await db.SynthesisDeliveries.SingleAsync()).Id;

        App.Connector.Clear();
        await App.PostActivityAsync(SynthesisSeed.Consent(deliveryId).As(_cast.Hugo));
        Assert.Contains("proposé à une autre personne", LastText(), StringComparison.Ordinal);
        await App.PostActivityAsync(SynthesisSeed.Consent(deliveryId).As(_cast.Lea));
        await App.PostActivityAsync(SynthesisSeed.Consent(deliveryId).As(_cast.Lea)); // accepted twice
        Assert.Equal(2, await App.RunEnqueuedAsync<DeliverSynthesisJob>());
        Assert.Equal(doc.Content, Assert.Single(App.Files.Uploads).Body);
        Assert.NotNull((await App.LatestAsync()).Content); // the version stays stored
    }

    [PostgresFact]
    public async Task A_sent_bilan_is_in_the_synthesis_with_its_version_as_source_and_a_draft_is_not()
    {
        await using (var db = App.CreateDbContext())
        {
            var theme = await db.AcademicTeams.Where(t => t.Id == _cast.Lyon.Id).Select(t => new { t.CampaignId, t.ThemeId }).SingleAsync(TestContext.Current.CancellationToken);
            var collection = new TraAM.Bot.Bilans.BilanCollection
            {
                CampaignId = theme.CampaignId, ThemeId = theme.ThemeId, Opens = new DateOnly(2027, 5, 3), Closes = new DateOnly(2027, 6, 30),
                LaunchedByName = "Léa Expert", LaunchedAt = App.Clock.GetUtcNow(),
            };
            db.BilanCollections.Add(collection);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            var lyon = new TraAM.Bot.Bilans.Bilan { CollectionId = collection.Id, TeamId = _cast.Lyon.Id, AnswersJson = "{}", Version = 2, UpdatedAt = App.Clock.GetUtcNow() };
            var martinique = new TraAM.Bot.Bilans.Bilan { CollectionId = collection.Id, TeamId = _cast.Martinique.Id, AnswersJson = """{"recap":"Brouillon jamais envoyé"}""", UpdatedAt = App.Clock.GetUtcNow() };
            db.Bilans.AddRange(lyon, martinique);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            db.FormVersions.AddRange(
                new TraAM.Bot.Forms.FormVersion { Kind = "bilan", SubjectId = lyon.Id, Number = 1, AnswersJson = """{"recap":"Première version du récapitulatif"}""", ByName = "Camille Martin", At = App.Clock.GetUtcNow().AddDays(-2) },
                new TraAM.Bot.Forms.FormVersion { Kind = "bilan", SubjectId = lyon.Id, Number = 2, AnswersJson = """{"recap":"Nous avons conduit trois séances de cartographie","advice":"Commencer tôt"}""", ByName = "Camille Martin", At = App.Clock.GetUtcNow() });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await SayAsync("synthèse", _cast.Lea);
        Assert.Equal(1, await App.RunEnqueuedAsync<CompileSynthesisJob>());

        var doc = await App.LatestAsync();
        Assert.Equal((2, 1), (doc.TeamCount, doc.BilanCount));
        var texts = SynthesisSeed.ValidTexts(doc.Content!);
        Assert.Contains(texts, t => t.Contains("Nous avons conduit trois séances de cartographie", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("Première version", StringComparison.Ordinal)); // the last sent version only
        Assert.DoesNotContain(texts, t => t.Contains("Brouillon jamais envoyé", StringComparison.Ordinal)); // a draft is not a bilan
        Assert.Single(texts, t => t.StartsWith(SynthesisComposer.MissingBilan, StringComparison.Ordinal)); // Martinique's is still missing
        Assert.Contains(texts, t => t.StartsWith("Bilan de fin d", StringComparison.Ordinal)); // its line in the sources table
    }

    [PostgresFact]
    public async Task Published_minutes_give_the_meetings_decisions_present_and_actions_and_a_draft_gives_nothing()
    {
        await using (var db = App.CreateDbContext())
        {
            var meeting = await db.Meetings.SingleAsync(TestContext.Current.CancellationToken);
            var camille = new TraAM.Bot.Meetings.MeetingAttendance { MeetingId = meeting.Id, PersonId = _cast.Camille.Id, Name = "Camille Martin", Email = "camille@ac-lyon.fr" };
            var marc = new TraAM.Bot.Meetings.MeetingAttendance { MeetingId = meeting.Id, PersonId = _cast.Marc.Id, Name = "Marc Absent", Email = "marc@ac-martinique.fr" };
            db.MeetingAttendances.AddRange(camille, marc);
            var minutes = new TraAM.Bot.Meetings.Minutes.MeetingMinutes
            {
                MeetingId = meeting.Id, State = TraAM.Bot.Meetings.Minutes.MinutesState.Published, Version = 1, ArtefactsSource = "none",
                AnswersJson = """{"decisions":"Brouillon postérieur non publié"}""", CreatedAt = App.Clock.GetUtcNow(), UpdatedAt = App.Clock.GetUtcNow(),
            };
            db.MeetingMinutes.Add(minutes);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            db.FormVersions.Add(new TraAM.Bot.Forms.FormVersion
            {
                Kind = "minutes", SubjectId = minutes.Id, Number = 1, ByName = "Léa Expert", At = App.Clock.GetUtcNow().AddDays(-69),
                AnswersJson = $$"""{"present":"{{camille.Id}}","decisions":"- Publier les scénarios en mai\nOuvrir un espace partagé"}""",
            });
            db.MeetingActions.Add(new TraAM.Bot.Meetings.Minutes.MeetingAction { MeetingId = meeting.Id, Row = 1, What = "Créer l'espace partagé", OwnerPersonId = _cast.Camille.Id, Due = new DateOnly(2026, 11, 30), DoneAt = App.Clock.GetUtcNow() });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await SayAsync("synthèse", _cast.Lea);
        Assert.Equal(1, await App.RunEnqueuedAsync<CompileSynthesisJob>());

        var texts = SynthesisSeed.ValidTexts((await App.LatestAsync()).Content!);
        Assert.DoesNotContain(texts, t => t.StartsWith("Compte rendu non disponible", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Publier les scénarios en mai", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Ouvrir un espace partagé", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("Brouillon postérieur", StringComparison.Ordinal)); // the published version, not the draft since
        Assert.Contains(texts, t => t.Contains("Camille Martin", StringComparison.Ordinal) && t.StartsWith("Présents", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("Marc Absent", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Créer l", StringComparison.Ordinal)); // the action row
        Assert.Contains(texts, t => t.StartsWith("Compte rendu de réunion", StringComparison.Ordinal)); // its line in the sources table
    }

    [PostgresFact]
    public async Task Compiling_again_after_a_change_makes_a_new_version_and_keeps_the_old()
    {
        await SayAsync("synthèse", _cast.Lea);
        await App.RunEnqueuedAsync<CompileSynthesisJob>();
        await using (var db = App.CreateDbContext())
        {
            var scenarios = await db.TeamProductions.SingleAsync();
            scenarios.Url = "https://www.ac-lyon.fr/traam/hg/scenarios-v2";
            await db.SaveChangesAsync();
        }

        await SayAsync("synthèse", _cast.Lea);
        await App.RunEnqueuedAsync<CompileSynthesisJob>();

        await using var after = App.CreateDbContext();
        var versions = await after.SynthesisDocuments.OrderBy(d => d.Version).ToListAsync();
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.All(versions, v => Assert.NotNull(v.Content));
        Assert.Contains("https://www.ac-lyon.fr/traam/hg/scenarios-v2", SynthesisSeed.ValidTexts(versions[1].Content!));
        Assert.DoesNotContain("https://www.ac-lyon.fr/traam/hg/scenarios-v2", SynthesisSeed.ValidTexts(versions[0].Content!));
        Assert.EndsWith("-v2.docx", versions[1].FileName, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Out_of_scope_is_refused_and_an_inspector_or_DAN_gets_their_academys_synthesis_only()
    {
        var svt = await App.PersonAsync("Sam", "Vert", "5a5a5a5a-0000-4000-8000-000000000001", Expert("svt"));
        var dana = await App.PersonAsync("Dana", "Nguyen", "5a5a5a5a-0000-4000-8000-000000000002", Dan("lyon"));

        await SayAsync("synthèse histoire", svt);
        Assert.Contains("Je ne trouve pas de thème", LastText(), StringComparison.Ordinal);
        await SayAsync("synthèse", _cast.Camille); // a referent reads, once diffused
        Assert.Contains("n'a encore été diffusée", LastText(), StringComparison.Ordinal);
        await App.PostActivityAsync(Activities.ChannelMessage("synthèse").As(_cast.Lea));
        Assert.Contains("conversation privée", LastText(), StringComparison.Ordinal);

        await SayAsync("synthèse", _cast.Hugo);
        await SayAsync("synthèse", dana);
        Assert.Equal(2, await App.RunEnqueuedAsync<CompileSynthesisJob>());
        var academic = await App.LatestAsync("theme:9:academy:lyon");
        Assert.Equal((2, 1), (academic.Version, academic.TeamCount)); // Lyon's team only; one version each
        Assert.DoesNotContain(SynthesisSeed.ValidTexts(academic.Content!), t => t.Contains("Martinique", StringComparison.Ordinal));
        Assert.False(await App.CreateDbContext().SynthesisDocuments.AnyAsync(d => d.ScopeKey == "theme:9"));

        var diffuse = await App.InvokeAsync(Activities.Invoke(DiffuseSynthesis.Verb, new JsonObject { ["documentId"] = academic.Id }).As(_cast.Hugo));
        Assert.Contains("Seule la synthèse nationale", diffuse.Text(), StringComparison.Ordinal);
        var stranger = await App.InvokeAsync(Activities.Invoke(GetSynthesisFile.Verb, new JsonObject { ["documentId"] = academic.Id }).As(svt));
        Assert.Contains("compilée par les experts TN3", stranger.Text(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Diffuser_announces_once_to_the_national_channel_and_IGESR_who_then_get_the_file()
    {
        var group = await App.LinkAsync(HistoireGeo);
        var irene = await App.PersonAsync("Irène", "Garnier", "5a5a5a5a-0000-4000-8000-000000000003", Igesr("histoire-geographie"));
        var admin = await App.PersonAsync("Ada", "Min", "5a5a5a5a-0000-4000-8000-000000000004", Admin());
        await SayAsync("synthèse destinataires dgesco@education.gouv.fr", _cast.Lea);
        Assert.Contains("équipe d'administration", LastText(), StringComparison.Ordinal);
        await SayAsync("synthèse destinataires dgesco@education.gouv.fr, ih2ef@ih2ef.gouv.fr", admin);
        Assert.Contains("dgesco@education.gouv.fr, ih2ef@ih2ef.gouv.fr", LastText(), StringComparison.Ordinal);
        await SayAsync("synthèse", _cast.Lea);
        await App.RunEnqueuedAsync<CompileSynthesisJob>();
        var doc = await App.LatestAsync();

        var first = await App.InvokeAsync(Activities.Invoke(DiffuseSynthesis.Verb, new JsonObject { ["documentId"] = doc.Id }).As(_cast.Lea));
        var second = await App.InvokeAsync(Activities.Invoke(DiffuseSynthesis.Verb, new JsonObject { ["documentId"] = doc.Id }).As(_cast.Lea));

        Assert.Contains("Canaux du groupe national : 1 ; membres de l'IGÉSR : 1", first.Text(), StringComparison.Ordinal);
        Assert.Contains("transférez le document à dgesco@education.gouv.fr, ih2ef@ih2ef.gouv.fr", first.Text(), StringComparison.Ordinal); // no Graph here
        Assert.Contains("déjà été diffusée", second.Text(), StringComparison.Ordinal);
        await using (var db = App.CreateDbContext())
        {
            var sent = await db.Notifications.AsNoTracking().Where(n => n.Kind == DiffuseSynthesis.Kind).ToListAsync();
            Assert.Equal(2, sent.Count);
            Assert.Contains(sent, n => n.WorkGroupId == group.Id);
            Assert.Contains(sent, n => n.PersonId == irene.Id);
        }

        App.Connector.Clear();
        await SayAsync("synthèse", _cast.Camille); // the theme's group reads the latest diffused version
        Assert.Equal(ConsentType, App.Connector.Activities[^1].Body!["attachments"]![0]!["contentType"]!.GetValue<string>());
        var get = await App.InvokeAsync(Activities.Invoke(GetSynthesisFile.Verb, new JsonObject { ["documentId"] = doc.Id }).As(irene));
        Assert.Contains("proposé", get.Text(), StringComparison.Ordinal);
        await using var after = App.CreateDbContext();
        Assert.Equal(3, await after.SynthesisDeliveries.CountAsync(d => d.DocumentId == doc.Id)); // Léa, Camille, Irène
    }

    [PostgresFact]
    public async Task Syntheses_are_deleted_three_years_after_their_campaign()
    {
        await SayAsync("synthèse", _cast.Lea);
        await App.RunEnqueuedAsync<CompileSynthesisJob>();
        DateOnly bilanDeadline;
        await using (var db = App.CreateDbContext()) bilanDeadline = (await db.Campaigns.SingleAsync(c => c.Id == 1)).BilanDeadline;
        // The job's own fake clock: the app's is shared by the collection and never goes back.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(bilanDeadline.AddYears(3).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        await using var scope = App.Services.CreateAsyncScope();
        var purge = new PurgeSynthesesJob(scope.ServiceProvider.GetRequiredService<TraAM.Bot.Data.TraamDbContext>(), clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<PurgeSynthesesJob>.Instance);

        Assert.Equal(0, await purge.RunAsync(TestContext.Current.CancellationToken)); // three years to the day: still kept
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await purge.RunAsync(TestContext.Current.CancellationToken));
        await using var after = App.CreateDbContext();
        Assert.False(await after.SynthesisDocuments.AnyAsync());
        Assert.False(await after.SynthesisDeliveries.AnyAsync());
    }

    [PostgresFact]
    public async Task With_Graph_the_diffused_synthesis_is_mailed_once_from_the_organisers_mailbox()
    {
        var mailer = new RecordingMailer();
        await using var app = new TraamApp().WithServices(s => s.AddSingleton<ISynthesisMailer>(mailer));
        await app.InitializeAsync();
        var cast = await app.YearAsync();
        var admin = await app.PersonAsync("Ada", "Min", "5a5a5a5a-0000-4000-8000-000000000004", Admin());
        await app.PostActivityAsync(Activities.PersonalMessage("synthèse destinataires dgesco@education.gouv.fr").As(admin));
        await app.PostActivityAsync(Activities.PersonalMessage("synthèse").As(cast.Lea));
        // This second host's job ids may be the shared host's again (JobRunner remembers those): its jobs are run by hand.
        var doc = await app.LatestAsync();
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<CompileSynthesisJob>().RunAsync(doc.Id, "https://smba.trafficmanager.net/emea/", "a:chat-lea", TestContext.Current.CancellationToken);
        doc = await app.LatestAsync();

        var answer = await app.InvokeAsync(Activities.Invoke(DiffuseSynthesis.Verb, new JsonObject { ["documentId"] = doc.Id }).As(cast.Lea));
        Assert.Contains("part par courriel", answer.Text(), StringComparison.Ordinal); // Graph is configured (here: its edge)
        for (var run = 0; run < 2; run++) // the job, then a replay
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<MailSynthesisJob>().RunAsync(doc.Id, TestContext.Current.CancellationToken);
        }

        var mail = Assert.Single(mailer.Sent);
        Assert.Equal(["dgesco@education.gouv.fr"], mail.Recipients);
        Assert.Contains("version 1", mail.Subject, StringComparison.Ordinal);
        Assert.Equal(doc.FileName, mail.FileName);
        Assert.Equal(doc.Content, mail.Content);
    }

    /// <summary>The Graph edge (the shared fake has no sendMail): records what would be sent.</summary>
    private sealed class RecordingMailer : ISynthesisMailer
    {
        public System.Collections.Concurrent.ConcurrentQueue<(IReadOnlyList<string> Recipients, string Subject, string FileName, byte[] Content)> Sent { get; } = new();

        public bool Enabled => true;

        public Task SendAsync(IReadOnlyList<string> recipients, string subject, string body, string fileName, byte[] content, CancellationToken ct)
        {
            Sent.Enqueue((recipients, subject, fileName, content));
            return Task.CompletedTask;
        }
    }
}
