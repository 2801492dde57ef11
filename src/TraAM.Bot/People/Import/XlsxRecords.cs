using System.Globalization;
using ClosedXML.Excel;

namespace TraAM.Bot.People.Import;

/// <summary>
/// The rows of the first worksheet of an XLSX workbook as text, numbered as Excel numbers them. A formula cell gives
/// the value Excel saved with it: evaluating it again could fail or differ, and the person saw the saved value.
/// </summary>
internal static class XlsxRecords
{
    public static List<(int Line, List<string> Fields)> Read(Stream content)
    {
        using var workbook = new XLWorkbook(content);
        var sheet = workbook.Worksheets.OrderBy(w => w.Position).FirstOrDefault();
        var records = new List<(int, List<string>)>();
        if (sheet is null) return records;
        foreach (var row in sheet.RowsUsed())
        {
            var last = row.LastCellUsed()?.Address.ColumnNumber ?? 0;
            var fields = new List<string>(last);
            for (var column = 1; column <= last; column++)
            {
                fields.Add(Text(row.Cell(column)));
            }

            records.Add((row.RowNumber(), fields));
        }

        return records;
    }

    private static string Text(IXLCell cell)
    {
        if (!cell.HasFormula) return cell.GetString();
        var saved = Convert.ToString(cell.CachedValue, CultureInfo.InvariantCulture) ?? "";
        if (saved.Length > 0) return saved;
        try
        {
            return cell.GetString(); // a workbook saved without values (written by a program, not by Excel)
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ""; // a formula ClosedXML cannot evaluate: the row will be reported as missing this cell
        }
    }
}
