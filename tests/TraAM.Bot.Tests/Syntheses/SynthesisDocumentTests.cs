using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using TraAM.Bot.Syntheses;

namespace TraAM.Bot.Tests.Syntheses;

/// <summary>
/// The synthesis as Word opens it (issue 13 §4): valid for the OpenXML SDK's validator, the expected sections in
/// order, the missing bilan said, the teams' text in French typography, and every paragraph and row citing a source
/// that exists in the input.
/// </summary>
public sealed partial class SynthesisDocumentTests
{
    private static readonly string[] Sections =
    [
        "Le thème et ses équipes", "Productions", "Ce que les équipes ont fait", "Constats transversaux",
        "Réunions, décisions et actions", "Les points d’étape sur l’année", "Bilans manquants", DocxWriter.SourcesHeading,
    ];

    private static byte[] Compile(SynthesisInput input) => DocxWriter.Write(SynthesisComposer.Compose(input));

    [Fact]
    public void The_validator_finds_no_error()
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(Compile(SampleSynthesis.Input())), false);
        var errors = new OpenXmlValidator().Validate(doc, TestContext.Current.CancellationToken).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(5)));
    }

    [Fact]
    public void It_has_the_sections_in_order_with_Word_styles_a_toc_and_page_numbers()
    {
        var bytes = Compile(SampleSynthesis.Input());
        var text = DocxText.Read(bytes);
        Assert.Equal("Synthèse TraAM 2026-2027 — Cartographie numérique", text.Paragraphs[0].Text);
        Assert.Equal("Title", text.Paragraphs[0].Style);
        Assert.Equal(Sections, text.Headings(1));
        Assert.Equal(["Difficultés rencontrées", "Conseils aux équipes de l’an prochain", "Accessibilité et RGPD", "Travail avec les autres académies",
            "5 octobre 2026 — Lancement\u00A0: Lancement national", "3 février 2027 — Point d’étape\u00A0: Point de mi-parcours"], text.Headings(2));
        // Teams are listed by académie.
        Assert.Equal(["Aix-Marseille — Calanques", "Lyon — Les Canuts", "Nice — Baie des Anges"], text.Headings(3).Take(3));

        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var main = doc.MainDocumentPart!;
        Assert.Contains(main.Document.Descendants<FieldCode>(), f => f.Text.Contains("TOC \\o \"1-2\"", StringComparison.Ordinal));
        Assert.Contains(main.FooterParts.Single().Footer.Descendants<SimpleField>(), f => f.Instruction!.Value!.Trim() == "PAGE");
        var styles = main.StyleDefinitionsPart!.Styles!.Elements<Style>().ToDictionary(s => s.StyleId!.Value!, s => s.StyleName!.Val!.Value);
        Assert.Equal("heading 1", styles["Heading1"]);
        Assert.Equal("Title", styles["Title"]);
        Assert.True(main.DocumentSettingsPart!.Settings.Elements<UpdateFieldsOnOpen>().Single().Val!.Value);
    }

    [Fact]
    public void A_missing_bilan_is_said_where_the_recap_would_be_and_in_its_own_section()
    {
        var text = DocxText.Read(Compile(SampleSynthesis.Input()));
        var order = text.Paragraphs.Select(p => p.Text).ToList();
        var nice = order.LastIndexOf("Nice — Baie des Anges");
        Assert.StartsWith(SynthesisComposer.MissingBilan, order[nice + 1], StringComparison.Ordinal);
        var missing = order.IndexOf("Bilans manquants");
        Assert.StartsWith("Nice — Baie des Anges (référent·e\u00A0: Léa Rossi)\u00A0: bilan non reçu.", order[missing + 1], StringComparison.Ordinal);
        Assert.Equal("Sources", order[missing + 2]);
        Assert.Equal(["Nice", "Baie des Anges", "Léa Rossi", "Manquant"], text.Tables[0].Single(r => r[0] == "Nice").Take(4));

        var complete = DocxText.Read(Compile(SampleSynthesis.Input(allBilans: true))).Paragraphs.Select(p => p.Text).ToList();
        Assert.DoesNotContain(complete, p => p.StartsWith(SynthesisComposer.MissingBilan, StringComparison.Ordinal));
        Assert.StartsWith("Toutes les équipes ont envoyé leur bilan.", complete[complete.IndexOf("Bilans manquants") + 1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_teams_text_gets_French_typography()
    {
        var paragraphs = DocxText.Read(Compile(SampleSynthesis.Input())).Paragraphs.Select(p => p.Text).ToList();
        Assert.Contains(paragraphs, p => p.StartsWith("L’équipe Les Canuts a conçu 4 scénarios\u00A0: cartes «\u00A0sensibles\u00A0» et SIG.", StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.StartsWith("Deux classes de 4e les ont testés\u202F!", StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.StartsWith("Lyon — Les Canuts\u00A0: Les Canuts\u00A0: le temps de concertation a manqué\u202F; les tablettes", StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.StartsWith("Décision\u00A0: Les scénarios suivront le gabarit «\u00A0Édubase\u00A0»\u00A0: une fiche par séance", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_paragraph_and_row_cites_a_source_of_the_input()
    {
        var input = SampleSynthesis.Input();
        var bytes = Compile(input);
        var text = DocxText.Read(bytes);
        var sourcesTable = text.Tables[^1];
        Assert.Equal(["N°", "Nature", "Équipe", "Carte ou registre", "Version", "Date"], sourcesTable[0]);
        var cited = new HashSet<int>();

        var content = text.Paragraphs.Where(p => p.Style is not ("Title" or "Subtitle" or "TOCHeading" or "Heading1" or "Heading2" or "Heading3") && p.Text.Length > 0).ToList();
        var afterSources = text.Paragraphs.ToList().FindIndex(p => p.Text == DocxWriter.SourcesHeading);
        foreach (var (style, paragraph) in content)
        {
            if (paragraph.StartsWith("La table des matières", StringComparison.Ordinal) || paragraph.StartsWith("Chaque paragraphe", StringComparison.Ordinal)) continue;
            var marker = Marker().Match(paragraph);
            Assert.True(marker.Success, $"No source for: {paragraph}");
            cited.Add(int.Parse(marker.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var table in text.Tables.Take(text.Tables.Count - 1))
        {
            foreach (var row in table.Skip(1))
            {
                var marker = Marker().Match(row[^1]);
                Assert.True(marker.Success, $"No source for row: {string.Join(" | ", row)}");
                cited.Add(int.Parse(marker.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        Assert.Equal(Enumerable.Range(1, sourcesTable.Count - 1), cited.Order());
        var known = KnownSources(input).Select((s, _) => s).ToList();
        foreach (var row in sourcesTable.Skip(1))
        {
            var n = int.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(known, s => DocxWriter.SourceCells(n, s).Select(c => c.Text).SequenceEqual(row));
        }
    }

    [Fact]
    public void Links_and_the_chart_are_in_the_document()
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(Compile(SampleSynthesis.Input())), false);
        var main = doc.MainDocumentPart!;
        var links = main.HyperlinkRelationships.Select(h => h.Uri.ToString()).ToList();
        Assert.Contains("https://www.ac-1.fr/traam/scenarios", links);
        Assert.Contains("https://www.ac-1.fr/traam/article", links); // from the bilan: the tracker had no address
        var png = main.ImageParts.Single();
        using var stream = png.GetStream();
        var head = new byte[8];
        stream.ReadExactly(head);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, head);
        Assert.True(stream.Length > 5_000);
        Assert.Equal("Graphique : état déclaré par les équipes à chaque point d'étape (barres empilées).",
            main.Document.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties>().Single().Description!.Value);
    }

    [Fact]
    public void The_chart_counts_each_state_and_who_did_not_answer()
    {
        var rounds = CheckInChart.Rounds(SampleSynthesis.Input().Teams);
        Assert.Equal([1, 2, 3], rounds.Select(r => r.Number));
        Assert.Equal(1, rounds[1].Missing); // Nice skipped round 2
        Assert.All(rounds, r => Assert.Equal(3, r.Answered + r.Missing));
    }

    // What the input holds, plus what the composer states about the registers themselves (a statement of absence, the
    // chart's tally): those cite the whole theme (no team) and are built from the input alone.
    private static IEnumerable<SynthesisSource> KnownSources(SynthesisInput input)
    {
        foreach (var t in input.Teams)
        {
            yield return t.Source;
            foreach (var p in t.Productions) yield return p.Source;
            foreach (var c in t.CheckIns) yield return c.Source;
            if (t.Bilan is { } b) yield return b.Source;
        }

        foreach (var m in input.Meetings)
        {
            yield return m.Source;
            if (m.Minutes is not { } minutes) continue;
            yield return minutes.Source;
            foreach (var d in minutes.Decisions) yield return d.Source;
            foreach (var a in minutes.Actions) yield return a.Source;
        }

        var model = SynthesisComposer.Compose(input);
        foreach (var s in model.Sources.Where(s => s.Team is null && s.Kind is SourceKind.Directory or SourceKind.CheckIn))
        {
            Assert.True(s.Card.StartsWith("Registres du bot", StringComparison.Ordinal) || s.Card.StartsWith("Équipes retenues", StringComparison.Ordinal)
                || s.Card.StartsWith("Points d'étape, ", StringComparison.Ordinal), s.Card);
            yield return s;
        }
    }

    [GeneratedRegex(@"\u00A0\[(\d+)\]$")]
    private static partial Regex Marker();
}
