using System.Globalization;
using System.Text.RegularExpressions;

namespace TraAM.Bot.Campaigns;

/// <summary>A campaign's code: the school year it works in, "2027-2028" (people also type "2027–2028" or "2027/2028").</summary>
public static partial class CampaignCode
{
    /// <summary>"2027-2028" for any accepted spelling of two consecutive years; null otherwise.</summary>
    public static string? Normalize(string? text)
    {
        var match = Shape().Match(text?.Trim() ?? "");
        if (!match.Success) return null;
        var first = int.Parse(match.Groups["a"].Value, CultureInfo.InvariantCulture);
        return int.Parse(match.Groups["b"].Value, CultureInfo.InvariantCulture) == first + 1 ? Of(first) : null;
    }

    /// <summary>The first year of a normalized code.</summary>
    public static int StartYear(string code) => int.Parse(code[..4], CultureInfo.InvariantCulture);

    /// <summary>The campaign after <paramref name="code"/>: "2026-2027" → "2027-2028".</summary>
    public static string Next(string code) => Of(StartYear(code) + 1);

    /// <summary>The code a message names after the word "campagne" or "campaign" ("… campagne 2027-2028"); null when none.</summary>
    public static string? InText(string? text)
    {
        var match = Named().Match(text ?? "");
        return match.Success ? match.Groups["code"].Value : null;
    }

    private static string Of(int first) => $"{first.ToString(CultureInfo.InvariantCulture)}-{(first + 1).ToString(CultureInfo.InvariantCulture)}";

    [GeneratedRegex(@"\b(?:campagne|campaign)\s+(?<code>\d{4}\s*[-–—/]\s*\d{4})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Named();

    [GeneratedRegex(@"^(?<a>20\d\d)\s*[-–—/]\s*(?<b>20\d\d)$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
