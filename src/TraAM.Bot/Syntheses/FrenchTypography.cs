using System.Text;

namespace TraAM.Bot.Syntheses;

/// <summary>
/// French typography for the teams' text as it goes into a Word document (Lexique de l'Imprimerie nationale): a
/// non-breaking space before « : » and inside guillemets, a narrow one before ; ! ?, straight or English quotes turned
/// into « guillemets », and the typographic apostrophe. Addresses (https://…), times (10:30) and runs such as « ?! »
/// are left alone, and nothing is added at the start of a line.
/// </summary>
public static class FrenchTypography
{
    public const char Nbsp = '\u00A0';
    public const char NarrowNbsp = '\u202F';

    public static string Apply(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var s = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var sb = new StringBuilder(s.Length + 16);
        var quoteOpen = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (InAddress(s, i, out var end))
            {
                sb.Append(s, i, end - i);
                i = end - 1;
                continue;
            }

            switch (c)
            {
                case ':' when IsDigit(s, i - 1) && IsDigit(s, i + 1):
                    sb.Append(c);
                    break;
                case ':' or ';' or '!' or '?':
                    SpaceBefore(sb, c == ':' ? Nbsp : NarrowNbsp);
                    sb.Append(c);
                    break;
                case '"':
                    var opens = !quoteOpen && (i == 0 || char.IsWhiteSpace(s[i - 1]) || s[i - 1] is '(' or '[' or '\'' or '’');
                    if (opens) OpenQuote(sb, s, ref i);
                    else CloseQuote(sb);
                    quoteOpen = opens;
                    break;
                case '“' or '«':
                    OpenQuote(sb, s, ref i);
                    quoteOpen = true;
                    break;
                case '”' or '»':
                    CloseQuote(sb);
                    quoteOpen = false;
                    break;
                case '\'' when i > 0 && char.IsLetter(s[i - 1]) && i + 1 < s.Length && char.IsLetter(s[i + 1]):
                    sb.Append('’');
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    // The space before ; : ! ? becomes the right non-breaking one; none is added at a line's start or after another
    // such sign (« ?! » keeps one space, before the first).
    private static void SpaceBefore(StringBuilder sb, char space)
    {
        var n = sb.Length;
        while (n > 0 && sb[n - 1] is ' ' or Nbsp or NarrowNbsp or '\t') n--;
        var trimmed = sb.Length - n;
        if (n == 0 || sb[n - 1] == '\n')
            return;
        if (sb[n - 1] is ':' or ';' or '!' or '?' && trimmed == 0) return;
        sb.Length = n;
        sb.Append(space);
    }

    private static void OpenQuote(StringBuilder sb, string s, ref int i)
    {
        sb.Append('«').Append(Nbsp);
        while (i + 1 < s.Length && s[i + 1] is ' ' or Nbsp or NarrowNbsp) i++;
    }

    private static void CloseQuote(StringBuilder sb)
    {
        var n = sb.Length;
        while (n > 0 && sb[n - 1] is ' ' or Nbsp or NarrowNbsp) n--;
        sb.Length = n;
        sb.Append(Nbsp).Append('»');
    }

    private static bool IsDigit(string s, int i) => i >= 0 && i < s.Length && char.IsDigit(s[i]);

    // An address runs from "http://", "https://" or "www." to the next white space.
    private static bool InAddress(string s, int i, out int end)
    {
        end = i;
        if (i > 0 && !char.IsWhiteSpace(s[i - 1]) && s[i - 1] is not ('(' or '[' or '<' or '"' or '«')) return false;
        if (!Starts(s, i, "http://") && !Starts(s, i, "https://") && !Starts(s, i, "www.")) return false;
        end = i;
        while (end < s.Length && !char.IsWhiteSpace(s[end]) && s[end] is not ('»' or '"' or ')' or ']' or '>')) end++;
        // A final dot, comma or colon belongs to the sentence, not the address.
        while (end > i && s[end - 1] is '.' or ',' or ';' or ':' or '!' or '?') end--;
        return true;
    }

    private static bool Starts(string s, int i, string prefix) => string.CompareOrdinal(s, i, prefix, 0, prefix.Length) == 0;
}
