using System.Text;

namespace TraAM.Bot.People.Import;

/// <summary>
/// Reads a directory file as people save it: XLSX (recognised by its content, whatever its name), or CSV separated
/// by ";" (French Excel), "," or tabs, encoded in UTF-8 with or without BOM, UTF-16 with BOM ("texte Unicode"), or
/// Windows-1252 (what French Excel writes for "CSV (séparateur : point-virgule)"). The header line says which column
/// is which, in any order; columns the import does not use are ignored. It only reads: what the cells mean is
/// <see cref="DirectoryValidator"/>'s business.
/// </summary>
public static class DirectoryFileReader
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding Windows1252 = RegisterCodePages();

    public static DirectoryFileReadResult Read(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        var seekable = content.CanSeek ? content : Copy(content);
        try
        {
            var start = seekable.Position;
            Span<byte> magic = stackalloc byte[4];
            var length = seekable.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
            seekable.Position = start;
            if (length == 4 && magic.SequenceEqual("PK\x03\x04"u8)) return ReadXlsx(seekable, fileName);
            if (length == 4 && magic.SequenceEqual(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }))
            {
                return Refused($"Le fichier « {fileName} » est au format Excel 97-2003 (.xls), que je ne sais pas lire. Enregistrez-le au format « Classeur Excel (.xlsx) » ou « CSV (séparateur : point-virgule) », puis renvoyez-le.");
            }

            if (fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) && length > 0)
            {
                return Refused($"Le fichier « {fileName} » porte l'extension .xlsx mais n'est pas un classeur Excel. Ouvrez-le dans Excel et enregistrez-le au format « Classeur Excel (.xlsx) » ou CSV.");
            }

            return ReadCsv(seekable, start);
        }
        finally
        {
            if (!ReferenceEquals(seekable, content)) seekable.Dispose();
        }
    }

    private static DirectoryFileReadResult ReadXlsx(Stream content, string fileName)
    {
        List<(int Line, List<string> Fields)> records;
        try
        {
            records = XlsxRecords.Read(content);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException or InvalidOperationException
            or ArgumentException or KeyNotFoundException or NullReferenceException or IndexOutOfRangeException
            or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException)
        {
            // A zip that is not a workbook (an OpenDocument sheet, a Word file, a damaged download): say so, not "500".
            return Refused($"Le fichier « {fileName} » n'est pas un classeur Excel lisible. Ouvrez-le dans Excel (ou LibreOffice) et enregistrez-le au format « Classeur Excel (.xlsx) » ou CSV, puis renvoyez-le.");
        }

        return FromRecords(records);
    }

    private static DirectoryFileReadResult ReadCsv(Stream content, long start)
    {
        var encoding = DetectEncoding(content, start);
        using var text = new StreamReader(content, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024, leaveOpen: true);
        var csv = new CsvRecords(text);
        var result = FromRecords(csv.ReadAll());
        if (csv.UnclosedQuoteLine is not { } line) return result;
        return result with
        {
            Problems = [.. result.Problems, new ImportProblem(line, null,
                $"Guillemet (\") ouvert à la ligne {line} et jamais refermé : la suite du fichier a été lue comme une seule cellule. Refermez le guillemet ou retirez-le.")],
        };
    }

    /// <summary>
    /// A byte order mark says it; otherwise UTF-8 when every byte sequence is valid UTF-8 (a Windows-1252 file with
    /// accents practically never is), else Windows-1252. Checked chunk by chunk, without decoding the whole file.
    /// </summary>
    private static Encoding DetectEncoding(Stream content, long start)
    {
        var buffer = new byte[16 * 1024];
        var chars = new char[buffer.Length + 2];
        var decoder = StrictUtf8.GetDecoder();
        try
        {
            var first = true;
            int read;
            while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (first)
                {
                    first = false;
                    if (read >= 2 && buffer[0] == 0xFF && buffer[1] == 0xFE) return Encoding.Unicode;
                    if (read >= 2 && buffer[0] == 0xFE && buffer[1] == 0xFF) return Encoding.BigEndianUnicode;
                }

                // GetChars, not GetCharCount: only it carries a sequence cut by the chunk's end over to the next chunk.
                decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
            }

            decoder.GetChars([], 0, 0, chars, 0, flush: true);
            return StrictUtf8;
        }
        catch (DecoderFallbackException)
        {
            return Windows1252;
        }
        finally
        {
            content.Position = start;
        }
    }

    /// <summary>Finds the header (the first non-blank record), maps its columns, and turns the other records into rows.</summary>
    private static DirectoryFileReadResult FromRecords(IEnumerable<(int Line, List<string> Fields)> records)
    {
        DirectoryHeader? header = null;
        var rows = new List<DirectoryRow>();
        foreach (var (line, fields) in records)
        {
            if (fields.TrueForAll(f => Clean(f).Length == 0)) continue;
            if (header is null)
            {
                header = DirectoryHeader.Map(line, [.. fields.Select(Clean)]);
                if (header.Problems.Count > 0) return new([], header.Problems);
                continue;
            }

            var cells = new Dictionary<DirectoryColumn, string>();
            foreach (var (index, column) in header.Columns)
            {
                cells[column] = index < fields.Count ? Clean(fields[index]) : "";
            }

            rows.Add(new DirectoryRow(line, cells));
        }

        if (header is null) return Refused(DirectoryHeader.EmptyFile);
        if (rows.Count == 0) return Refused(DirectoryHeader.HeaderOnly(header.Line));
        return new(rows, []);
    }

    /// <summary>Trimmed, with the invisible characters spreadsheets leave behind (BOM, non-breaking and zero-width spaces).</summary>
    private static string Clean(string text) => text.Trim().Trim('\uFEFF', '\u200B').Trim();

    private static DirectoryFileReadResult Refused(string message) => new([], [new ImportProblem(0, null, message)]);

    private static MemoryStream Copy(Stream content)
    {
        var copy = new MemoryStream();
        content.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    private static Encoding RegisterCodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }
}
