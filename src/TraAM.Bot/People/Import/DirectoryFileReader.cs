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
    /// <summary>
    /// The largest directory accepted, in rows (the programme has about 700 people): bigger files are refused before
    /// anything is checked or saved. An import of this size takes well under a minute (bench/import/README.md).
    /// </summary>
    public const int MaxRows = 100_000;

    public static readonly string TooManyRows =
        "Le fichier compte plus de 100 000 lignes, le maximum accepté : l'annuaire de tout le programme compte environ 700 personnes. "
        + "Vérifiez qu'il s'agit du bon fichier (ou de la bonne feuille), ou découpez-le en plusieurs fichiers.";

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding Windows1252 = RegisterCodePages();

    public static DirectoryFileReadResult Read(Stream content, string fileName) =>
        ReadTable(content, fileName, new TableReading<DirectoryFileReadResult>(FromRecords, Refused, (r, p) => r with { Problems = [.. r.Problems, p] }));

    /// <summary>How a kind of table file (the directory, a call's themes) turns records into its result, and says a refusal.</summary>
    internal sealed record TableReading<T>(
        Func<IEnumerable<(int Line, List<string> Fields)>, T> FromRecords, Func<string, T> Refused, Func<T, ImportProblem, T> WithProblem);

    /// <summary>Any table file, read as the directory is (same formats, encodings and refusals): the records go to <paramref name="reading"/>.</summary>
    internal static T ReadTable<T>(Stream content, string fileName, TableReading<T> reading)
    {
        ArgumentNullException.ThrowIfNull(content);
        var refused = reading.Refused;
        var seekable = content.CanSeek ? content : Copy(content);
        try
        {
            var start = seekable.Position;
            Span<byte> magic = stackalloc byte[4];
            var length = seekable.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
            seekable.Position = start;
            if (length == 4 && magic.SequenceEqual("PK\x03\x04"u8)) return ReadXlsx(seekable, fileName, reading);
            if (length == 4 && magic.SequenceEqual(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }))
            {
                return refused($"Le fichier « {Excerpt.Of(fileName)} » est au format Excel 97-2003 (.xls), que je ne sais pas lire. Enregistrez-le au format « Classeur Excel (.xlsx) » ou « CSV (séparateur : point-virgule) », puis renvoyez-le.");
            }

            if (fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) && length > 0)
            {
                return refused($"Le fichier « {Excerpt.Of(fileName)} » porte l'extension .xlsx mais n'est pas un classeur Excel. Ouvrez-le dans Excel et enregistrez-le au format « Classeur Excel (.xlsx) » ou CSV.");
            }

            if (LooksBinary(seekable, start))
            {
                return refused($"Le fichier « {Excerpt.Of(fileName)} » ne ressemble pas à un tableau CSV ou XLSX : il contient des données binaires (une image, une archive, un document ?). Envoyez le tableau au format « Classeur Excel (.xlsx) » ou « CSV (séparateur : point-virgule) ».");
            }

            return ReadCsv(seekable, start, reading);
        }
        finally
        {
            if (!ReferenceEquals(seekable, content)) seekable.Dispose();
        }
    }

    /// <summary>
    /// Text never holds NUL or many other control bytes; UTF-16 text holds NULs but starts with its byte order mark.
    /// Only the beginning is looked at: enough to tell a picture or an archive from a table.
    /// </summary>
    private static bool LooksBinary(Stream content, long start)
    {
        var buffer = new byte[8 * 1024];
        var length = content.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        content.Position = start;
        if (length >= 2 && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF))) return false;
        var control = 0;
        foreach (var b in buffer.AsSpan(0, length))
        {
            if (b == 0) return true;
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\r' or (byte)'\n' or 0x0C)) control++;
        }

        return control > length / 20;
    }

    private static T ReadXlsx<T>(Stream content, string fileName, TableReading<T> reading)
    {
        var refused = reading.Refused;
        List<(int Line, List<string> Fields)> records;
        try
        {
            if (!XlsxRecords.FitsUncompressed(content))
            {
                return refused($"Le classeur « {Excerpt.Of(fileName)} » occupe plus de {XlsxRecords.MaxUncompressedBytes / (1024 * 1024)} Mo une fois décompressé : "
                    + "ce n'est pas un annuaire (ou il contient des feuilles, des images ou des mises en forme qui n'en font pas partie). "
                    + "Enregistrez l'annuaire seul au format CSV (séparateur : point-virgule), puis renvoyez-le.");
            }

            records = XlsxRecords.Read(content);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException or InvalidOperationException
            or ArgumentException or KeyNotFoundException or NullReferenceException or IndexOutOfRangeException
            or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException)
        {
            // A zip that is not a workbook (an OpenDocument sheet, a Word file, a damaged download): say so, not "500".
            return refused($"Le fichier « {Excerpt.Of(fileName)} » n'est pas un classeur Excel lisible. Ouvrez-le dans Excel (ou LibreOffice) et enregistrez-le au format « Classeur Excel (.xlsx) » ou CSV, puis renvoyez-le.");
        }

        return reading.FromRecords(records);
    }

    private static T ReadCsv<T>(Stream content, long start, TableReading<T> reading)
    {
        var encoding = DetectEncoding(content, start);
        using var text = new StreamReader(content, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024, leaveOpen: true);
        var csv = new CsvRecords(text);
        var result = reading.FromRecords(csv.ReadAll());
        if (csv.UnclosedQuoteLine is not { } line) return result;
        return reading.WithProblem(result, new ImportProblem(line, null,
            $"Guillemet (\") ouvert à la ligne {line} et jamais refermé : la suite du fichier a été lue comme une seule cellule. Refermez le guillemet ou retirez-le."));
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

            if (rows.Count == MaxRows) return Refused(TooManyRows);
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
