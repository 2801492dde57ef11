using System.Text.Json.Nodes;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Candidacies;
using TraAM.Bot.Candidacies.Transmission;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.People;
using static TraAM.Bot.IntegrationTests.Infrastructure.CandidacySeed;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Candidacies;

/// <summary>DAN and DRAN send their approved candidacies to the DNE: the card, the transmission, the file by consent.</summary>
public sealed class TransmissionTests(TraamApp app) : AppTest(app)
{
    private const string DanaAad = "0d0d0d0d-0000-4000-8000-000000000001";
    private const string PaulAad = "0d0d0d0d-0000-4000-8000-000000000002";
    private const string HugoAad = "0d0d0d0d-0000-4000-8000-000000000003";
    private const int Maths = 12;

    private Candidacy _svtLyon = null!;
    private Candidacy _mathsLyon = null!;
    private Candidacy _svtParis = null!;
    private Person _dana = null!;
    private Person _paul = null!;
    private Person _hugo = null!;
    private Person _ines = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await App.SetCallAsync(submissionInDays: 20);
        var svtLyon = await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1);
        var mathsLyon = await App.TeamAsync("Équipe Maths Lyon", "lyon", Maths);
        var svtParis = await App.TeamAsync("Équipe SVT Paris", "paris", SvtYear1);
        _ines = await App.PersonAsync("Inès", "Moreau", "aad-ines", Referent(svtLyon));
        await App.PersonAsync("Léo", "Blanc", "aad-leo", Teacher(svtLyon));
        _svtLyon = await App.CandidacyAsync(svtLyon, CandidacyState.Approved, "Cartographier la biodiversité du quartier");
        _mathsLyon = await App.CandidacyAsync(mathsLyon, CandidacyState.Pending, "Des données pour la classe");
        _svtParis = await App.CandidacyAsync(svtParis, CandidacyState.Approved, "Des capteurs au jardin");
        _dana = await App.PersonAsync("Dana", "Nguyen", DanaAad, Dan("lyon"));
        _paul = await App.PersonAsync("Paul", "Roux", PaulAad, Dan("paris"));
        _hugo = await App.PersonAsync("Hugo", "Lambert", HugoAad, Inspector("lyon", "svt"));
    }

    [PostgresFact]
    public async Task A_DAN_sees_what_will_be_sent_for_their_academie_only()
    {
        await App.PostActivityAsync(Activities.PersonalMessage("transmettre").As(_dana));

        var texts = string.Join("\n", Assert.Single(App.Connector.Activities).CardTexts);
        Assert.Contains("Transmettre à la DNE : Lyon", texts, StringComparison.Ordinal);
        Assert.Contains("Seront transmises (1)", texts, StringComparison.Ordinal);
        Assert.Contains("Cartographier la biodiversité du quartier", texts, StringComparison.Ordinal);
        Assert.Contains("approuvée par Hugo Lambert", texts, StringComparison.Ordinal);
        Assert.Contains("Ne seront pas transmises (1)", texts, StringComparison.Ordinal);
        Assert.Contains("En attente de décision", texts, StringComparison.Ordinal);
        Assert.DoesNotContain("Des capteurs au jardin", texts, StringComparison.Ordinal); // Paris
        Assert.DoesNotContain("date limite est passée", texts, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_DRAN_transmits_the_academies_of_their_region()
    {
        await App.CandidacyAsync(await App.TeamAsync("Équipe SVT Grenoble", "grenoble", SvtYear1), CandidacyState.Approved, "Les Alpes en données");
        var dran = await App.PersonAsync("Rémi", "Garnier", "0d0d0d0d-0000-4000-8000-000000000004", Dran("auvergne-rhone-alpes"));

        var answer = await App.InvokeAsync(Send("region:auvergne-rhone-alpes").As(dran));

        Assert.Contains("Transmettre à la DNE : Auvergne-Rhône-Alpes", answer.Text(), StringComparison.Ordinal);
        Assert.Contains("Transmission enregistrée : 2 candidatures", answer.Text(), StringComparison.Ordinal);
        Assert.Equal(CandidacyState.Transmitted, (await App.ReloadAsync(_svtLyon)).State);
        Assert.Equal(CandidacyState.Approved, (await App.ReloadAsync(_svtParis)).State);
        await using var db = App.CreateDbContext();
        Assert.Equal("region:auvergne-rhone-alpes", (await db.CandidacyExports.SingleAsync()).ScopeKey);
    }

    [PostgresFact]
    public async Task After_the_deadline_transmission_is_still_offered_and_said_late()
    {
        await App.SetCallAsync(submissionInDays: -3);

        await App.PostActivityAsync(Activities.PersonalMessage("transmettre").As(_dana));

        var card = Assert.Single(App.Connector.Activities).Card!.Text();
        Assert.Contains("La date limite est passée", card, StringComparison.Ordinal);
        Assert.Contains(TransmitCandidacies.Verb, card, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Transmitting_marks_the_approved_ones_once_and_offers_one_synthesis_file()
    {
        var first = await App.InvokeAsync(Send("academy:lyon").As(_dana));
        var second = await App.InvokeAsync(Send("academy:lyon").As(_dana)); // the double click

        Assert.Contains("Transmission enregistrée : 1 candidatures", first.Text(), StringComparison.Ordinal);
        Assert.Contains("Aucune candidature approuvée n'attend", second.Text(), StringComparison.Ordinal);
        Assert.Equal(CandidacyState.Transmitted, (await App.ReloadAsync(_svtLyon)).State);
        Assert.Equal(CandidacyState.Pending, (await App.ReloadAsync(_mathsLyon)).State);
        Assert.Equal(CandidacyState.Approved, (await App.ReloadAsync(_svtParis)).State);
        await using (var db = App.CreateDbContext())
        {
            Assert.Single(await db.CandidacyDecisions.Where(d => d.Kind == CandidacyDecisionKind.Transmitted).ToListAsync(), d => d.CandidacyId == _svtLyon.Id && d.ByPersonId == _dana.Id);
            Assert.Single(await db.CandidacyExports.ToListAsync());
            Assert.True(await db.DeadlineCompletions.AnyAsync(c => c.Subject == "deadline:1:submission" && c.PersonId == _dana.Id));
        }

        Assert.Equal(1, await App.RunEnqueuedAsync<BuildExportJob>());
        var consent = Assert.Single(App.Connector.Activities, a => a.Body?["attachments"]?[0]?["contentType"]?.GetValue<string>() == "application/vnd.microsoft.teams.card.file.consent");
        Assert.EndsWith(".xlsx", consent.Body!["attachments"]![0]!["name"]!.GetValue<string>(), StringComparison.Ordinal);
        await using var after = App.CreateDbContext();
        var export = await after.CandidacyExports.SingleAsync();
        Assert.Equal(export.Id, consent.Body["attachments"]![0]!["content"]!["acceptContext"]!["exportId"]!.GetValue<long>());
        Assert.Equal(export.Content!.Length, consent.Body["attachments"]![0]!["content"]!["sizeInBytes"]!.GetValue<long>());
    }

    [PostgresFact]
    public async Task The_synthesis_lists_the_transmitted_candidacies_and_the_others_with_french_headers()
    {
        await App.InvokeAsync(Send("academy:lyon").As(_dana));
        await App.RunEnqueuedAsync<BuildExportJob>();

        await using var db = App.CreateDbContext();
        using var workbook = new XLWorkbook(new MemoryStream((await db.CandidacyExports.SingleAsync()).Content!));
        var sent = workbook.Worksheet(SynthesisWorkbook.SentSheet);
        Assert.Equal(SynthesisWorkbook.SentHeaders, sent.Row(1).Cells(1, SynthesisWorkbook.SentHeaders.Length).Select(c => c.GetString()));
        Assert.Equal("Personne référente", sent.Cell(1, 5).GetString());
        var row = sent.Row(2);
        Assert.Equal(["Lyon", "Sciences de la vie et de la Terre (SVT)", "Numérique et approche « Une seule santé »", "Équipe SVT Lyon", "Inès Moreau", _ines.Email],
            row.Cells(1, 6).Select(c => c.GetString()));
        Assert.Equal(2, row.Cell(7).GetValue<int>()); // the referent and one teacher
        Assert.Equal("Cartographier la biodiversité du quartier", row.Cell(8).GetString());
        Assert.StartsWith("Les élèves de l'équipe Équipe SVT Lyon", row.Cell(9).GetString(), StringComparison.Ordinal);
        Assert.Equal("1", row.Cell(10).GetString());
        Assert.Equal("Hugo Lambert", row.Cell(11).GetString());
        Assert.True(sent.Row(3).IsEmpty());
        var others = workbook.Worksheet(SynthesisWorkbook.OthersSheet);
        Assert.Equal(["Lyon", "Mathématiques", "Équipe Maths Lyon", "Des données pour la classe", "En attente de décision"],
            new[] { 1, 2, 4, 5, 6 }.Select(i => others.Cell(2, i).GetString()));
        Assert.True(others.Row(3).IsEmpty());
    }

    [PostgresFact]
    public async Task Another_academies_DAN_an_inspector_and_forged_card_data_are_refused()
    {
        var forged = await App.InvokeAsync(Send("academy:lyon").As(_paul)); // Paris's DAN with Lyon's card
        await App.PostActivityAsync(Activities.PersonalMessage("transmettre").As(_hugo));
        await App.PostActivityAsync(Activities.PersonalMessage("transmettre Lyon").As(_paul));

        Assert.Contains("réservée aux DAN", forged.Text(), StringComparison.Ordinal);
        Assert.All(App.Connector.Activities, a => Assert.Contains("réservée aux DAN", a.Body!["text"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(2, App.Connector.Activities.Count);
        Assert.Equal(CandidacyState.Approved, (await App.ReloadAsync(_svtLyon)).State);
        await using var db = App.CreateDbContext();
        Assert.False(await db.CandidacyExports.AnyAsync());
    }

    internal static JsonNode Send(string scope) => Activities.Invoke(TransmitCandidacies.Verb, new JsonObject { ["scope"] = scope });
}

