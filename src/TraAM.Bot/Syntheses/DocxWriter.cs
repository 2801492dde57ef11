using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using Dw = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using Pic = DocumentFormat.OpenXml.Drawing.Pictures;

namespace TraAM.Bot.Syntheses;

/// <summary>
/// Writes a <see cref="SynthesisModel"/> as a Word document: A4, Word's styles, a table of contents field that Word
/// fills when it opens the file, tables with a repeated header row, links, the chart as an inline PNG, "Page n sur m"
/// in the footer, and the final sources table each paragraph's "[n]" points to.
/// </summary>
public static class DocxWriter
{
    public const string SourcesHeading = "Sources";
    private const long EmuPerPixel = 9525;
    private const long MaxWidthEmu = 5_760_000; // 16 cm: A4 less 2.5 cm margins

    public static byte[] Write(SynthesisModel model)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            doc.PackageProperties.Title = model.Title;
            doc.PackageProperties.Language = "fr-FR";
            var main = doc.AddMainDocumentPart();
            DocxStyles.Add(main);
            var settings = main.AddNewPart<DocumentSettingsPart>();
            // Word fills the table of contents (and the page count) when it opens the file.
            settings.Settings = new Settings(new DefaultTabStop { Val = 708 },
                new CharacterSpacingControl { Val = CharacterSpacingValues.DoNotCompress }, new UpdateFieldsOnOpen { Val = true });
            var footer = AddFooter(main);

            var body = new Body();
            body.Append(Styled(DocxStyles.Title, model.Title));
            body.Append(Styled(DocxStyles.Subtitle, model.Subtitle));
            uint images = 0;
            foreach (var block in model.Blocks)
            {
                switch (block)
                {
                    case TocBlock: AppendToc(body); break;
                    case HeadingBlock h: body.Append(Styled(DocxStyles.Heading(h.Level), h.Text)); break;
                    case ParagraphBlock p: body.Append(Content(p)); break;
                    case TableBlock t: body.Append(Table(main, t.Headers, t.Rows.Select(r => (r.Cells, (int?)r.SourceNumber)))); body.Append(new Paragraph()); break;
                    case ImageBlock i: body.Append(Image(main, i, ++images)); break;
                    case SummaryBlock g: body.Append(Generated(g)); break;
                }
            }

            body.Append(Styled(DocxStyles.Heading(1), SourcesHeading));
            body.Append(Styled(null, "Chaque paragraphe et chaque ligne de tableau renvoient, par leur numéro entre crochets, à l'enregistrement d'où ils viennent."));
            body.Append(Table(main, ["N°", "Nature", "Équipe", "Carte ou registre", "Version", "Date"], model.Sources.Select((s, i) => (SourceCells(i + 1, s), (int?)null))));
            body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1417, Right = 1417, Bottom = 1417, Left = 1417, Header = 708, Footer = 708, Gutter = 0 }));
            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    /// <summary>The row of the sources table for source number <paramref name="n"/>.</summary>
    public static IReadOnlyList<Cell> SourceCells(int n, SynthesisSource s) =>
    [
        new($"{n}"), new(SynthesisLabels.Source(s.Kind)), new(s.Team ?? "—"),
        new(s.Author is null ? s.Card : $"{s.Card} ({s.Author})"), new(s.Version is { } v ? $"{v}" : "—"),
        new(s.Date is { } d ? SynthesisLabels.ShortDay(d) : "—"),
    ];

    public static string Marker(int sourceNumber) => $"[{sourceNumber}]";

    private static Paragraph Styled(string? style, string text)
    {
        var p = new Paragraph();
        if (style is not null) p.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        p.Append(TextRun(text));
        return p;
    }

    private static Paragraph Content(ParagraphBlock block)
    {
        var p = new Paragraph();
        if (block.Bullet) p.Append(new ParagraphProperties(new ParagraphStyleId { Val = DocxStyles.ListBullet }));
        if (block.Lead is not null) p.Append(TextRun(block.Lead, bold: true));
        p.Append(TextRun(block.Text));
        p.Append(SourceRun(block.SourceNumber));
        return p;
    }

    public const string GeneratedLead = "Texte généré automatiquement par un modèle de langue, à relire : ";

    // Marked as generated before its text; every source line it was given or cited follows it.
    private static Paragraph Generated(SummaryBlock block)
    {
        var p = new Paragraph(new Run(new RunProperties(new Bold(), new Italic()), new Text(GeneratedLead) { Space = SpaceProcessingModeValues.Preserve }));
        p.Append(TextRun(block.Text));
        foreach (var n in block.SourceNumbers) p.Append(SourceRun(n));
        return p;
    }

    private static Run TextRun(string text, bool bold = false)
    {
        var run = new Run();
        if (bold) run.Append(new RunProperties(new Bold()));
        run.Append(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    private static Run SourceRun(int n) =>
        new(new RunProperties(new RunStyle { Val = DocxStyles.SourceRef }), new Text(FrenchTypography.Nbsp + Marker(n)) { Space = SpaceProcessingModeValues.Preserve });

    private static void AppendToc(Body body)
    {
        body.Append(Styled(DocxStyles.TocHeading, "Sommaire"));
        body.Append(new Paragraph(
            new Run(new FieldChar { FieldCharType = FieldCharValues.Begin, Dirty = true }),
            new Run(new FieldCode(@" TOC \o ""1-2"" \h \z \u ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            new Run(new Text("La table des matières se remplit à l'ouverture dans Word (sinon : clic droit, « Mettre à jour les champs »).")),
            new Run(new FieldChar { FieldCharType = FieldCharValues.End })));
    }

    private static Table Table(MainDocumentPart main, IReadOnlyList<string> headers, IEnumerable<(IReadOnlyList<Cell> Cells, int? Source)> rows)
    {
        var table = new Table(new TableProperties(
            new TableStyle { Val = DocxStyles.TableGrid },
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableLook { Val = "04A0" }));
        var grid = new TableGrid();
        foreach (var _ in headers) grid.Append(new GridColumn());
        table.Append(grid);
        var head = new TableRow(new TableRowProperties(new TableHeader()));
        foreach (var h in headers) head.Append(CellOf(new Paragraph(TextRun(h, bold: true)), shaded: true));
        table.Append(head);
        foreach (var (cells, source) in rows)
        {
            var row = new TableRow(new TableRowProperties(new CantSplit()));
            foreach (var cell in cells) row.Append(CellOf(CellParagraph(main, cell)));
            if (source is { } n) row.Append(CellOf(new Paragraph(SourceRun(n))));
            table.Append(row);
        }

        return table;
    }

    private static TableCell CellOf(Paragraph paragraph, bool shaded = false)
    {
        var props = new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Auto });
        if (shaded) props.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "E3E3FD" });
        return new TableCell(props, paragraph);
    }

    private static Paragraph CellParagraph(MainDocumentPart main, Cell cell)
    {
        if (cell.Url is null || !Uri.TryCreate(cell.Url, UriKind.Absolute, out var uri)) return new Paragraph(TextRun(cell.Text));
        var id = main.AddHyperlinkRelationship(uri, true).Id;
        return new Paragraph(new Hyperlink(new Run(new RunProperties(new RunStyle { Val = DocxStyles.Hyperlink }),
            new Text(cell.Text) { Space = SpaceProcessingModeValues.Preserve })) { Id = id, History = true });
    }

    private static FooterPart AddFooter(MainDocumentPart main)
    {
        var footer = main.AddNewPart<FooterPart>();
        footer.Footer = new Footer(new Paragraph(
            new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
            new Run(new Text("Page ") { Space = SpaceProcessingModeValues.Preserve }),
            new SimpleField(new Run(new Text("1"))) { Instruction = " PAGE " },
            new Run(new Text(" sur ") { Space = SpaceProcessingModeValues.Preserve }),
            new SimpleField(new Run(new Text("1"))) { Instruction = " NUMPAGES " }));
        return footer;
    }

    private static Paragraph Image(MainDocumentPart main, ImageBlock image, uint id)
    {
        var part = main.AddImagePart(ImagePartType.Png);
        using (var png = new MemoryStream(image.Png)) part.FeedData(png);
        var relId = main.GetIdOfPart(part);
        var cx = Math.Min(MaxWidthEmu, image.WidthPx * EmuPerPixel);
        var cy = cx * image.HeightPx / image.WidthPx;
        var name = $"Graphique {id}";
        var inline = new Dw.Inline(
            new Dw.Extent { Cx = cx, Cy = cy },
            new Dw.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new Dw.DocProperties { Id = id, Name = name, Description = image.AltText },
            new Dw.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new Pic.Picture(
                    new Pic.NonVisualPictureProperties(new Pic.NonVisualDrawingProperties { Id = id, Name = name, Description = image.AltText }, new Pic.NonVisualPictureDrawingProperties()),
                    new Pic.BlipFill(new A.Blip { Embed = relId }, new A.Stretch(new A.FillRectangle())),
                    new Pic.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0, DistanceFromBottom = 0, DistanceFromLeft = 0, DistanceFromRight = 0 };
        return new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }), new Run(new Drawing(inline)));
    }
}
