using ClosedXML.Excel;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Reference;

namespace TraAM.Bot.People.Import;

/// <summary>
/// One role of one person, as exported. <paramref name="PersonAcademyCode"/> (optional) is where the person works:
/// a DRAN row has no académie of its own, and exporting the person's académie keeps a re-import from moving them.
/// </summary>
public sealed record DirectoryExportRow(
    string LastName,
    string FirstName,
    string Email,
    Role Role,
    string? AcademyCode,
    string? RegionCode,
    string? DisciplineCode,
    Theme? Theme,
    string? TeamName,
    string? EntraObjectId,
    string? PersonAcademyCode = null);

/// <summary>
/// Writes the directory as an XLSX workbook in the import's own format (sheet "Annuaire", the French headers, the
/// words of <see cref="DirectoryFormat"/>), so that exporting, editing in Excel and importing again is the way to make
/// bulk changes. Cells are text (an Entra id or a team called "2" stays as written). Column widths are fixed: measuring
/// text needs GDI, which Linux servers lack.
/// </summary>
public static class DirectoryXlsxWriter
{
    public const string SheetName = "Annuaire";

    private static readonly (DirectoryColumn Column, double Width)[] Columns =
    [
        (DirectoryColumn.LastName, 22), (DirectoryColumn.FirstName, 18), (DirectoryColumn.Email, 38), (DirectoryColumn.Role, 14),
        (DirectoryColumn.Academy, 22), (DirectoryColumn.Discipline, 36), (DirectoryColumn.Team, 30), (DirectoryColumn.EntraId, 40),
    ];

    /// <param name="output">Receives the workbook; left open.</param>
    /// <param name="rows">The rows, in the order they should appear.</param>
    /// <param name="campaignThemes">
    /// The campaign's themes, to write "SVT – Année 1" rather than "SVT – Thématique 1"; without them the themes of
    /// the rows are used. Either way the cell reads back as the same theme.
    /// </param>
    public static void Write(Stream output, IEnumerable<DirectoryExportRow> rows, IReadOnlyList<Theme>? campaignThemes = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var list = rows.ToList();
        var themes = campaignThemes ?? [.. list.Where(r => r.Theme is not null).Select(r => r.Theme!).DistinctBy(t => t.Id)];
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(SheetName);
        for (var c = 0; c < Columns.Length; c++)
        {
            sheet.Cell(1, c + 1).SetValue(DirectoryFormat.Header(Columns[c].Column));
            sheet.Column(c + 1).Width = Columns[c].Width;
        }

        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);

        var line = 1;
        foreach (var row in list)
        {
            line++;
            for (var c = 0; c < Columns.Length; c++)
            {
                var text = Cell(row, Columns[c].Column, list, themes);
                if (text.Length > 0) sheet.Cell(line, c + 1).SetValue(text).SetDataType(XLDataType.Text);
            }
        }

        sheet.Range(1, 1, line, Columns.Length).SetAutoFilter();
        workbook.SaveAs(output);
    }

    private static string Cell(DirectoryExportRow row, DirectoryColumn column, List<DirectoryExportRow> all, IReadOnlyList<Theme> themes) => column switch
    {
        DirectoryColumn.LastName => row.LastName,
        DirectoryColumn.FirstName => row.FirstName,
        DirectoryColumn.Email => row.Email,
        DirectoryColumn.Role => DirectoryFormat.RoleWord(row.Role),
        DirectoryColumn.Academy => DirectoryFormat.AcademyName(row.Role == Role.Dran ? DranAcademy(row, all) : row.AcademyCode),
        DirectoryColumn.Discipline => row.Theme is { } theme ? DirectoryFormat.DisciplineCell(theme, themes) : DirectoryFormat.DisciplineCell(row.DisciplineCode),
        DirectoryColumn.Team => row.TeamName ?? "",
        DirectoryColumn.EntraId => row.EntraObjectId ?? "",
        _ => "",
    };

    /// <summary>
    /// The import reads a DRAN's région from an académie: the person's own when it is in the région, else one of
    /// their other rows', else the région's first académie (which the import would then take as where they work).
    /// </summary>
    private static string? DranAcademy(DirectoryExportRow row, List<DirectoryExportRow> all)
    {
        if (row.RegionCode is null) return row.AcademyCode;
        bool InRegion(string? code) => Academies.ByCode(code)?.RegionCode == row.RegionCode;
        if (InRegion(row.PersonAcademyCode)) return row.PersonAcademyCode;
        var other = all.FirstOrDefault(r => r.Email == row.Email && InRegion(r.AcademyCode))?.AcademyCode;
        return other ?? Academies.InRegion(row.RegionCode).FirstOrDefault()?.Code ?? row.RegionCode;
    }
}
