using System.Globalization;
using System.Text;

namespace TraAM.Bot.Reference;

/// <summary>
/// The key under which people's words are compared: case, accents, ligatures, hyphens, apostrophes and repeated spaces
/// do not count, so "Orleans Tours", "ORLÉANS-TOURS" and "orléans – tours" are the same académie.
/// </summary>
public static class TextKey
{
    public static string Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && sb.Length > 0) sb.Append(' ');
                pendingSpace = false;
                switch (c)
                {
                    case 'œ' or 'Œ': sb.Append("oe"); break;
                    case 'æ' or 'Æ': sb.Append("ae"); break;
                    case 'ß': sb.Append("ss"); break;
                    default: sb.Append(char.ToLowerInvariant(c)); break;
                }
            }
            else
            {
                pendingSpace = true;
            }
        }

        return sb.ToString();
    }
}
