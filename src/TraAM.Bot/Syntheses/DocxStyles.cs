using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace TraAM.Bot.Syntheses;

/// <summary>
/// The Word styles of a synthesis, with Word's own ids and names (Title, heading 1–3, TOC 1–2, Hyperlink, Table Grid,
/// List Bullet), so that the navigation pane, the table of contents and a ministry template's restyling work on it.
/// </summary>
internal static class DocxStyles
{
    public const string Title = "Title";
    public const string Subtitle = "Subtitle";
    public const string TocHeading = "TOCHeading";
    public const string Hyperlink = "Hyperlink";
    public const string SourceRef = "SourceRef";
    public const string TableGrid = "TableGrid";
    public const string ListBullet = "ListBullet";
    public const string Caption = "Caption";
    public const int BulletNumbering = 1;

    public static string Heading(int level) => $"Heading{level}";

    public static void Add(MainDocumentPart main)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>();
        part.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Calibri", EastAsia = "Calibri" },
                    new FontSize { Val = "22" }, new FontSizeComplexScript { Val = "22" },
                    new Languages { Val = "fr-FR", EastAsia = "fr-FR", Bidi = "ar-SA" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120", Line = "264", LineRule = LineSpacingRuleValues.Auto }))),
            ParagraphStyle("Normal", "Normal", null, isDefault: true),
            ParagraphStyle(Title, "Title", new StyleRunProperties(new Bold(), new Color { Val = "000091" }, new FontSize { Val = "48" }), spacingAfter: "240"),
            ParagraphStyle(Subtitle, "Subtitle", new StyleRunProperties(new Italic(), new Color { Val = "444444" }, new FontSize { Val = "24" })),
            HeadingStyle(1, "32", "000091"),
            HeadingStyle(2, "28", "000091"),
            HeadingStyle(3, "24", "333333"),
            ParagraphStyle(TocHeading, "TOC Heading", new StyleRunProperties(new Bold(), new Color { Val = "000091" }, new FontSize { Val = "32" }), basedOn: Heading(1)),
            ParagraphStyle("TOC1", "toc 1", new StyleRunProperties(new Bold())),
            ParagraphStyle("TOC2", "toc 2", null, indentLeft: "220"),
            ParagraphStyle(Caption, "caption", new StyleRunProperties(new Italic(), new FontSize { Val = "18" })),
            ParagraphStyle(ListBullet, "List Bullet", null, numbering: BulletNumbering),
            new Style(new StyleName { Val = "Hyperlink" }, new UIPriority { Val = 99 },
                new StyleRunProperties(new Color { Val = "0563C1" }, new Underline { Val = UnderlineValues.Single }))
            { Type = StyleValues.Character, StyleId = Hyperlink },
            new Style(new StyleName { Val = "Source Reference" },
                new StyleRunProperties(new Color { Val = "666666" }, new FontSize { Val = "16" }))
            { Type = StyleValues.Character, StyleId = SourceRef, CustomStyle = true },
            new Style(new StyleName { Val = "Table Grid" }, new BasedOn { Val = "TableNormal" },
                new StyleParagraphProperties(new SpacingBetweenLines { After = "0" }),
                new StyleTableProperties(new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
                    new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })))
            { Type = StyleValues.Table, StyleId = TableGrid },
            new Style(new StyleName { Val = "Normal Table" }, new UIPriority { Val = 99 },
                new StyleTableProperties(new TableCellMarginDefault(
                    new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa }, new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa }, new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa })))
            { Type = StyleValues.Table, StyleId = "TableNormal", Default = true });
        AddNumbering(main);
    }

    private static Style HeadingStyle(int level, string size, string color) =>
        ParagraphStyle(Heading(level), $"heading {level}", new StyleRunProperties(new Bold(), new Color { Val = color }, new FontSize { Val = size }),
            outline: level - 1, spacingAfter: "120", spacingBefore: level == 1 ? "360" : "240");

    private static Style ParagraphStyle(string id, string name, StyleRunProperties? run, bool isDefault = false, int? outline = null,
        string? spacingAfter = null, string? spacingBefore = null, string? basedOn = "Normal", string? indentLeft = null, int? numbering = null)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id, Default = isDefault ? true : null };
        style.Append(new StyleName { Val = name });
        if (!isDefault && basedOn is not null) style.Append(new BasedOn { Val = basedOn });
        if (!isDefault) style.Append(new NextParagraphStyle { Val = "Normal" });
        style.Append(new PrimaryStyle());
        var paragraph = new StyleParagraphProperties();
        if (outline is not null) paragraph.Append(new KeepNext());
        if (numbering is not null) paragraph.Append(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = numbering }));
        if (spacingAfter is not null || spacingBefore is not null) {
            var spacing = new SpacingBetweenLines();
            if (spacingBefore is not null) spacing.Before = spacingBefore;
            if (spacingAfter is not null) spacing.After = spacingAfter;
            paragraph.Append(spacing);
        }
        if (indentLeft is not null) paragraph.Append(new Indentation { Left = indentLeft });
        if (outline is not null) paragraph.Append(new OutlineLevel { Val = outline });
        if (paragraph.HasChildren) style.Append(paragraph);
        if (run is not null) style.Append(run);
        return style;
    }

    private static void AddNumbering(MainDocumentPart main)
    {
        var part = main.AddNewPart<NumberingDefinitionsPart>();
        part.Numbering = new Numbering(
            new AbstractNum(
                new MultiLevelType { Val = MultiLevelValues.SingleLevel },
                new Level(
                    new NumberingFormat { Val = NumberFormatValues.Bullet },
                    new LevelText { Val = "•" },
                    new LevelJustification { Val = LevelJustificationValues.Left },
                    new PreviousParagraphProperties(new Indentation { Left = "360", Hanging = "360" }))
                { LevelIndex = 0 })
            { AbstractNumberId = 1 },
            new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = BulletNumbering });
    }
}
