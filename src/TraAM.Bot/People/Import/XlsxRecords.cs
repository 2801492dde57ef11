using System.Globalization;
using System.IO.Compression;
using ClosedXML.Excel;

namespace TraAM.Bot.People.Import;

/// <summary>
/// The rows of the first worksheet of an XLSX workbook as text, numbered as Excel numbers them. A formula cell gives
/// the value Excel saved with it: evaluating it again could fail or differ, and the person saw the saved value.
/// </summary>
internal static class XlsxRecords
{
    /// <summary>
    /// Above this, a workbook is refused unread: a zip of a few megabytes can expand to gigabytes (a "zip bomb"), and
    /// the workbook's XML is loaded whole. The largest directory accepted (100,000 rows) stays well below it.
    /// </summary>
    public const long MaxUncompressedBytes = 100L * 1024 * 1024;

    /// <summary>
    /// True when every entry of the zip, actually decompressed (sizes written in the zip can lie), totals at most
    /// <see cref="MaxUncompressedBytes"/>. Stops reading as soon as it is over; the stream is put back where it was.
    /// </summary>
    public static bool FitsUncompressed(Stream content)
    {
        var start = content.Position;
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var buffer = new byte[81920];
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                if (total + entry.Length > MaxUncompressedBytes) return false;
                using var data = entry.Open();
                int read;
                while ((read = data.Read(buffer, 0, buffer.Length)) > 0)
                {
                    total += read;
                    if (total > MaxUncompressedBytes) return false;
                }
            }

            return true;
        }
        finally
        {
            content.Position = start;
        }
    }

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
