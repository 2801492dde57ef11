namespace TraAM.Bot.Reference;

/// <summary>
/// The school-holiday zones: metropolitan académies share three zones (A, B, C) that stagger winter and spring
/// holidays; Corse and each overseas académie or vice-rectorate has its own calendar. Like <see cref="Academies"/>,
/// this is decided by decree (split in force for 2025-2026 and 2026-2027), so it lives in code.
/// </summary>
public static class SchoolZones
{
    public const string ZoneA = "zone-a";
    public const string ZoneB = "zone-b";
    public const string ZoneC = "zone-c";

    private static readonly (string Zone, string Label, string[] Academies, string[] Aliases)[] Zones =
    [
        (ZoneA, "Zone A", ["besancon", "bordeaux", "clermont-ferrand", "dijon", "grenoble", "limoges", "lyon", "poitiers"], ["A"]),
        (ZoneB, "Zone B", ["aix-marseille", "amiens", "lille", "nancy-metz", "nantes", "nice", "normandie", "orleans-tours", "reims", "rennes", "strasbourg"], ["B"]),
        (ZoneC, "Zone C", ["creteil", "montpellier", "paris", "toulouse", "versailles"], ["C"]),
        ("corse", "Corse", ["corse"], []),
        ("guadeloupe", "Guadeloupe", ["guadeloupe"], []),
        ("martinique", "Martinique", ["martinique"], []),
        ("guyane", "Guyane", ["guyane"], []),
        ("la-reunion", "La Réunion", ["la-reunion"], ["Réunion", "Île de La Réunion"]),
        ("mayotte", "Mayotte", ["mayotte"], []),
        ("nouvelle-caledonie", "Nouvelle-Calédonie", ["nouvelle-caledonie"], ["NouvelleCaledonie"]),
        ("polynesie-francaise", "Polynésie française", ["polynesie-francaise"], ["Polynésie"]),
        ("wallis-et-futuna", "Wallis-et-Futuna", ["wallis-et-futuna"], ["Wallis", "WallisEtFutuna"]),
    ];

    private static readonly Dictionary<string, string> ByAcademy =
        Zones.SelectMany(z => z.Academies.Select(a => (a, z.Zone))).ToDictionary(p => p.a, p => p.Zone, StringComparer.Ordinal);

    private static readonly Dictionary<string, string> ByKey = BuildIndex();

    // Names that can be spotted inside a sentence. The bare letters and "zone x" keys are left out: in free text a
    // lone "a" is a word ("à"), and "Zones A/B" is read by Mentioned itself.
    private static readonly (string[] Words, string Zone)[] Territories =
        [.. ByKey.Where(k => k.Key.Length > 1 && !k.Key.StartsWith("zone", StringComparison.Ordinal)).Select(k => (k.Key.Split(' '), k.Value))];

    public static IReadOnlyList<string> All { get; } = [.. Zones.Select(z => z.Zone)];

    /// <summary>The zone of an académie, found by code or name the way <see cref="Academies.Find"/> does.</summary>
    public static string? Of(string? academyCode) =>
        Academies.Find(academyCode)?.Code is { } code && ByAcademy.TryGetValue(code, out var zone) ? zone : null;

    /// <summary>A zone as an admin types it or an ICS file writes it: "Zone B", "zone-b", "b", "La Réunion", "Polynésie".</summary>
    public static string? Parse(string? text) => ByKey.TryGetValue(TextKey.Of(text), out var zone) ? zone : null;

    /// <summary>The French name shown to people; an unknown code is shown as it is rather than hidden.</summary>
    public static string Label(string zone) => Array.Find(Zones, z => z.Zone == zone) is { Label: { } label } ? label : zone;

    /// <summary>
    /// Every zone a sentence names. The ministry's files group zones that share dates in one event, e.g.
    /// "Vacances de Printemps - Zones A/C - Corse", so a single LOCATION can name several.
    /// </summary>
    public static IReadOnlyList<string> Mentioned(string? text)
    {
        var words = TextKey.Of(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var found = new List<string>();
        for (var i = 0; i < words.Length; i++)
        {
            if (words[i] is "zone" or "zones")
            {
                // "Zones A/B/C" becomes "zones a b c": the letters after the word are the zones.
                for (var j = i + 1; j < words.Length && words[j] is "a" or "b" or "c"; j++)
                {
                    found.Add("zone-" + words[j]);
                }
            }
            else if (TerritoryAt(words, i) is { } territory)
            {
                found.Add(territory);
            }
        }

        return [.. found.Distinct()];
    }

    private static string? TerritoryAt(string[] words, int i)
    {
        foreach (var (parts, zone) in Territories)
        {
            if (i + parts.Length <= words.Length && parts.AsSpan().SequenceEqual(words.AsSpan(i, parts.Length)))
            {
                return zone;
            }
        }

        return null;
    }

    private static Dictionary<string, string> BuildIndex()
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (zone, label, _, aliases) in Zones)
        {
            foreach (var name in new[] { zone, label }.Concat(aliases))
            {
                index.TryAdd(TextKey.Of(name), zone);
            }
        }

        return index;
    }
}
