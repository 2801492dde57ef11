using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace TraAM.Bot.Tests.Import;

/// <summary>
/// Files a hostile or careless person could send as a directory, all under the 10 MB cap and the same every time: a
/// binary file, one huge line, thousands of bad rows quoting long cells full of control characters, a zip bomb.
/// </summary>
public static class HostileFiles
{
    /// <summary>Control characters that would ring, recolour or move a terminal's cursor, or reverse a card's text.</summary>
    public const string Nasty = "\u0007\u001b[31m\u0008\u202e";

    /// <summary>Bytes as in a picture or an archive: every value, NULs included.</summary>
    public static byte[] Binary(int length)
    {
        var bytes = new byte[length];
        new Random(15).NextBytes(bytes);
        return bytes;
    }

    /// <summary>One line and no line break: a header of a single cell of <paramref name="length"/> characters.</summary>
    public static byte[] HugeSingleLine(int length)
    {
        var sb = new StringBuilder(length);
        while (sb.Length < length) sb.Append(Nasty).Append(" une très longue ligne sans fin et sans retour à la ligne");
        return Encoding.UTF8.GetBytes(sb.ToString(0, length));
    }

    /// <summary>A header, then <paramref name="rows"/> rows each wrong in every cell, each cell about 120 characters.</summary>
    public static byte[] ManyBadRows(int rows)
    {
        var sb = new StringBuilder().AppendJoin(';', DirectoryFiles.Headers).Append("\r\n");
        var junk = new string('é', 100);
        for (var i = 0; i < rows; i++)
        {
            string[] cells =
            [
                "", Nasty + junk, $"pas une adresse {i} {Nasty}{junk}", $"chef{Nasty}{junk}", $"Atlantide{Nasty}{junk}",
                $"Alchimie{Nasty}{junk}", "", $"guid-{i}{Nasty}",
            ];
            sb.AppendJoin(';', cells).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>
    /// <paramref name="rows"/> valid rows as short as a directory's can be (a DAN: no discipline, no team): the most
    /// rows under the 10 MB cap, about 35 bytes each.
    /// </summary>
    public static byte[] ShortRows(int rows)
    {
        var sb = new StringBuilder("Nom;Prénom;Courriel;Rôle;Académie;Discipline\r\n");
        for (var i = 0; i < rows; i++) sb.Append(CultureInfo.InvariantCulture, $"N{i};P;p{i}@ac-lyon.fr;dan;Lyon;\r\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>A zip of a few hundred kilobytes, named like a workbook, whose one entry expands to <paramref name="uncompressed"/> bytes.</summary>
    public static byte[] ZipBomb(long uncompressed)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (long written = 0; written < uncompressed; written += zeros.Length) entry.Write(zeros);
        }

        return output.ToArray();
    }
}
