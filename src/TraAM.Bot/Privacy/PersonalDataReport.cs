using System.Globalization;
using System.Reflection;
using System.Text.Json;
using ClosedXML.Excel;

namespace TraAM.Bot.Privacy;

/// <summary>One part of a person's data: a table's rows about them, with its columns (even when it has no row).</summary>
internal sealed record PersonalDataSection(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>A section from rows of an (anonymous) type: its properties are the columns, in order.</summary>
    public static PersonalDataSection Of<T>(string name, IEnumerable<T> rows)
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        return new PersonalDataSection(name, [.. properties.Select(p => p.Name)],
            [.. rows.Select(r => (IReadOnlyList<object?>)[.. properties.Select(p => p.GetValue(r))])]);
    }
}

/// <summary>
/// Everything the bot stores about one person, written twice from the same sections: JSON (complete, for a machine:
/// art. 20 portability) and XLSX (one sheet per section, for a human: art. 15 "commonly used electronic form").
/// </summary>
internal sealed record PersonalDataReport(DateTimeOffset GeneratedAt, IReadOnlyList<PersonalDataSection> Sections)
{
    public byte[] ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("generatedAt", GeneratedAt);
            json.WriteString("source", "TraAM.Bot");
            json.WriteStartObject("sections");
            foreach (var section in Sections)
            {
                json.WriteStartArray(section.Name);
                foreach (var row in section.Rows)
                {
                    json.WriteStartObject();
                    for (var i = 0; i < section.Columns.Count; i++)
                    {
                        json.WritePropertyName(section.Columns[i]);
                        WriteValue(json, row[i]);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    public byte[] ToXlsx()
    {
        using var workbook = new XLWorkbook();
        foreach (var section in Sections)
        {
            var sheet = workbook.Worksheets.Add(SheetName(section.Name, workbook));
            for (var c = 0; c < section.Columns.Count; c++) sheet.Cell(1, c + 1).Value = section.Columns[c];
            sheet.Row(1).Style.Font.Bold = true;
            for (var r = 0; r < section.Rows.Count; r++)
            {
                for (var c = 0; c < section.Columns.Count; c++) sheet.Cell(r + 2, c + 1).Value = Text(section.Rows[r][c]);
            }

            // A fixed width: measuring the contents needs a font library (libgdiplus) servers do not have.
            if (section.Columns.Count > 0) sheet.Columns(1, section.Columns.Count).Width = 28;
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>Excel's limits: 31 characters, no []:*?/\, unique.</summary>
    private static string SheetName(string name, XLWorkbook workbook)
    {
        var clean = new string([.. name.Where(c => "[]:*?/\\".IndexOf(c) < 0)]);
        clean = clean.Length > 31 ? clean[..31] : clean;
        var candidate = clean;
        for (var n = 2; workbook.Worksheets.Contains(candidate); n++) candidate = $"{clean[..Math.Min(clean.Length, 28)]} {n}";
        return candidate;
    }

    /// <summary>Every value as text (Excel would otherwise turn an e-mail or a long id into something else); cells keep 32,767 characters.</summary>
    private static string Text(object? value)
    {
        var text = value switch
        {
            null => "",
            DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool b => b ? "oui" : "non",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.Length > 32_000 ? text[..32_000] + "…" : text;
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteBooleanValue(b); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case DateTimeOffset d: json.WriteStringValue(d); break;
            case DateOnly d: json.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case Enum e: json.WriteStringValue(e.ToString()); break;
            default: json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}
