using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace TraAM.Bot.Tests.Syntheses;

/// <summary>A Word document read back as people see it: its top-level paragraphs (style, text) and tables (rows of cell texts).</summary>
internal sealed record DocxText(IReadOnlyList<(string? Style, string Text)> Paragraphs, IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Tables, IReadOnlyList<object> Order)
{
    public static DocxText Read(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var paragraphs = new List<(string?, string)>();
        var tables = new List<IReadOnlyList<IReadOnlyList<string>>>();
        var order = new List<object>();
        foreach (var element in doc.MainDocumentPart!.Document.Body!.Elements())
        {
            if (element is Paragraph p)
            {
                var item = (p.ParagraphProperties?.ParagraphStyleId?.Val?.Value, string.Concat(p.Descendants<Text>().Select(t => t.Text)));
                paragraphs.Add(item);
                order.Add(item);
            }
            else if (element is Table t)
            {
                var rows = t.Elements<TableRow>().Select(r => (IReadOnlyList<string>)[.. r.Elements<TableCell>().Select(c => string.Concat(c.Descendants<Text>().Select(x => x.Text)))]).ToList();
                tables.Add(rows);
                order.Add(rows);
            }
        }

        return new DocxText(paragraphs, tables, order);
    }

    public IEnumerable<string> Headings(int level) => Paragraphs.Where(p => p.Style == $"Heading{level}").Select(p => p.Text);
}
