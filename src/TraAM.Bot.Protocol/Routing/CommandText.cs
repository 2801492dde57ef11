using System.Globalization;
using System.Text;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Protocol.Routing;

/// <summary>
/// What the user typed, made comparable: the bot's @mention removed (from <c>entities</c>, never guessed from the
/// text), markup stripped, accents and case ignored, spaces collapsed. "@TraAM Échéances  " → "echeances".
/// </summary>
public sealed record CommandText(string Text, string Normalized)
{
    public static CommandText Empty { get; } = new("", "");

    /// <summary>The words after the matched command, as typed (e.g. the team name after "statut").</summary>
    public string Arguments { get; init; } = "";

    public static CommandText From(Activity activity)
    {
        var text = activity.Text ?? "";
        if (activity.Entities is { } entities && activity.Recipient?.Id is { } botId)
        {
            foreach (var mention in entities)
            {
                if (string.Equals(mention.Type, "mention", StringComparison.OrdinalIgnoreCase)
                    && string.Equals(mention.Mentioned?.Id, botId, StringComparison.Ordinal)
                    && !string.IsNullOrEmpty(mention.Text))
                {
                    text = text.Replace(mention.Text, " ", StringComparison.Ordinal);
                }
            }
        }

        text = StripMarkup(text).Trim();
        return new CommandText(text, Normalize(text));
    }

    public static string Normalize(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(c) || c == '\u00A0')
            {
                space = sb.Length > 0;
                continue;
            }

            if (space) sb.Append(' ');
            space = false;
            // Typographic apostrophes (Teams on mobile) are the same word as the ASCII one.
            sb.Append(c is '\u2019' or '\u02BC' ? '\'' : char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    // Teams wraps text in HTML when the user formats it; commands are plain words.
    private static string StripMarkup(string text)
    {
        if (!text.Contains('<', StringComparison.Ordinal)) return System.Net.WebUtility.HtmlDecode(text);
        var sb = new StringBuilder(text.Length);
        var inTag = false;
        foreach (var c in text)
        {
            if (c == '<') inTag = true;
            else if (c == '>' && inTag) { inTag = false; sb.Append(' '); }
            else if (!inTag) sb.Append(c);
        }

        return System.Net.WebUtility.HtmlDecode(sb.ToString());
    }
}
