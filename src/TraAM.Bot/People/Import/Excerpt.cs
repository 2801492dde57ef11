using System.Globalization;
using System.Text;

namespace TraAM.Bot.People.Import;

/// <summary>
/// How a report quotes what a file holds: a short excerpt with invisible characters written as escapes (\n, \u0007…),
/// so that a refusal never repeats megabytes of input, nor moves a terminal's cursor, nor reverses a card's text.
/// </summary>
internal static class Excerpt
{
    public const int MaxChars = 80;

    public static string Of(string? text, int max = MaxChars)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(Math.Min(text.Length, max) + 8);
        for (var i = 0; i < text.Length; i++)
        {
            if (sb.Length >= max)
            {
                sb.Append('…');
                break;
            }

            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                sb.Append(c switch { '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", _ => $"\\u{(int)c:X4}" });
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
