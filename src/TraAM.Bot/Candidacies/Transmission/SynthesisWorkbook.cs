using ClosedXML.Excel;
using TraAM.Bot.People;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Candidacies.Transmission;

/// <summary>
/// The "document de synthèse" a DAN or DRAN sends to the DNE, in French (the DNE's working language): sheet 1, one row
/// per transmitted candidacy; sheet 2, the place's other candidacies and their state. Cells are text but for the
/// approval time; fixed widths (measuring text needs GDI, which Linux servers lack).
/// </summary>
internal static class SynthesisWorkbook
{
    public const string SentSheet = "Transmises";
    public const string OthersSheet = "Non transmises";

    public static readonly string[] SentHeaders =
    [
        "Académie", "Discipline", "Thématique", "Équipe", "Personne référente", "Courriel de la personne référente", "Membres de l'équipe",
        "Titre du projet", "Résumé", "Année", "Approuvée par", "Approuvée le",
    ];

    public static readonly string[] OthersHeaders = ["Académie", "Discipline", "Thématique", "Équipe", "Titre du projet", "État"];

    private static readonly double[] SentWidths = [18, 22, 40, 24, 24, 32, 10, 40, 80, 8, 24, 18];
    private static readonly double[] OthersWidths = [18, 22, 40, 24, 40, 26];

    public static byte[] Write(IReadOnlyList<CandidacyDetail> sent, IReadOnlyList<CandidacyDetail> others, Func<CandidacyState, string> stateLabel)
    {
        using var workbook = new XLWorkbook();
        var first = Sheet(workbook, SentSheet, SentHeaders, SentWidths);
        for (var i = 0; i < sent.Count; i++)
        {
            var c = sent[i];
            var row = first.Row(i + 2);
            Text(row, [.. Where(c), c.Referent?.DisplayName ?? "", c.Referent?.Email ?? ""]);
            row.Cell(7).SetValue(c.Members);
            row.Cell(8).SetValue(c.Candidacy.Title);
            row.Cell(9).SetValue(c.Answer("summary"));
            row.Cell(10).SetValue(c.Answer("year"));
            row.Cell(11).SetValue(c.Approval?.ByName ?? "");
            if (c.Approval is { } a)
            {
                row.Cell(12).SetValue(TimeZoneInfo.ConvertTime(a.At, LocalTime.ZoneOf(null)).DateTime);
                row.Cell(12).Style.DateFormat.Format = "dd/mm/yyyy hh:mm";
            }
        }

        var second = Sheet(workbook, OthersSheet, OthersHeaders, OthersWidths);
        for (var i = 0; i < others.Count; i++)
        {
            var c = others[i];
            Text(second.Row(i + 2), [.. Where(c), c.Candidacy.Title, stateLabel(c.Candidacy.State)]);
        }

        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    private static string[] Where(CandidacyDetail c) =>
        [Labels.Academy(c.Candidacy.AcademyCode), Labels.Discipline(c.Theme.DisciplineCode), c.Theme.Title, c.Team.Name];

    private static IXLWorksheet Sheet(XLWorkbook workbook, string name, string[] headers, double[] widths)
    {
        var sheet = workbook.Worksheets.Add(name);
        for (var i = 0; i < headers.Length; i++)
        {
            sheet.Cell(1, i + 1).SetValue(headers[i]);
            sheet.Column(i + 1).Width = widths[i];
        }

        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
        return sheet;
    }

    private static void Text(IXLRow row, string[] values)
    {
        for (var i = 0; i < values.Length; i++) row.Cell(i + 1).SetValue(values[i]);
    }
}
