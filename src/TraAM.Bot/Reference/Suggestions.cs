namespace TraAM.Bot.Reference;

/// <summary>
/// "Did you mean…" for a name that matched nothing: candidates whose <see cref="TextKey"/> starts with, contains or is
/// contained in what was typed, else the ones sharing the longest beginning. Good enough for typos like "Orlean" or
/// "Mathématique"; a problem message must say what is expected, and examples close to the typo say it best.
/// </summary>
internal static class Suggestions
{
    public static IReadOnlyList<string> Closest(string typed, IEnumerable<(string Display, IEnumerable<string> Names)> candidates, int max = 3)
    {
        var key = TextKey.Of(typed);
        var scored = new List<(string Display, int Score)>();
        foreach (var (display, names) in candidates)
        {
            var best = names.Select(n => Score(key, TextKey.Of(n))).Max();
            if (best > 0) scored.Add((display, best));
        }

        return [.. scored.OrderByDescending(s => s.Score).Select(s => s.Display).Distinct().Take(max)];
    }

    private static int Score(string typed, string candidate)
    {
        if (typed.Length == 0 || candidate.Length == 0) return 0;
        if (candidate.StartsWith(typed, StringComparison.Ordinal)) return 1000 + typed.Length;
        if (typed.Length >= 3 && candidate.Contains(typed, StringComparison.Ordinal)) return 900 + typed.Length;
        if (candidate.Length >= 3 && typed.Contains(candidate, StringComparison.Ordinal)) return 800 + candidate.Length;
        var common = 0;
        while (common < typed.Length && common < candidate.Length && typed[common] == candidate[common]) common++;
        return common >= 3 ? common : 0;
    }
}
