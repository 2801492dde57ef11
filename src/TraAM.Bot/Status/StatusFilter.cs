using TraAM.Bot.Campaigns;
using TraAM.Bot.People;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Status;

/// <summary>
/// What the words after <c>statut</c> ask for: académies, régions, disciplines, or one team by its name ("statut SVT
/// Lyon", "statut Équipe HG Lyon"). Compared as the directory import compares names (<see cref="TextKey"/>: case,
/// accents and hyphens do not count). Words that name nothing are kept in <see cref="Unknown"/> so the answer can say
/// which ones and suggest close names. Parsing decides nothing about access: the caller's scope is applied afterwards.
/// </summary>
public sealed record StatusFilter(
    string Text,
    IReadOnlySet<string> AcademyCodes,
    IReadOnlySet<string> RegionCodes,
    IReadOnlySet<string> DisciplineCodes,
    string? TeamKey,
    IReadOnlyList<string> Unknown)
{
    public static StatusFilter None { get; } = new("", new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), null, []);

    public bool IsEmpty => TeamKey is null && AcademyCodes.Count == 0 && RegionCodes.Count == 0 && DisciplineCodes.Count == 0 && Unknown.Count == 0;

    public bool NamesTeam => TeamKey is not null;

    public bool Matches(AcademicTeam team, Theme theme) =>
        (TeamKey is null || team.NameKey == TeamKey)
        && (AcademyCodes.Count == 0 || AcademyCodes.Contains(team.AcademyCode))
        && (RegionCodes.Count == 0 || (Academies.ByCode(team.AcademyCode)?.RegionCode is { } r && RegionCodes.Contains(r)))
        && (DisciplineCodes.Count == 0 || DisciplineCodes.Contains(theme.DisciplineCode));

    /// <summary>
    /// Reads <paramref name="text"/>; <paramref name="teamKeys"/> are the <see cref="AcademicTeam.NameKey"/> of the
    /// campaign's teams (all of them, so that a team outside the caller's scope is recognised and refused, not taken
    /// for a typo). The longest run of words naming something wins: "orleans tours" is one académie, "svt lyon" two filters.
    /// </summary>
    public static StatusFilter Parse(string? text, IReadOnlyCollection<string> teamKeys)
    {
        var key = TextKey.Of(text);
        if (key.Length == 0) return None;
        var typed = text!.Trim();
        if (teamKeys.Contains(key)) return None with { Text = typed, TeamKey = key };

        var academies = new HashSet<string>(StringComparer.Ordinal);
        var regions = new HashSet<string>(StringComparer.Ordinal);
        var disciplines = new HashSet<string>(StringComparer.Ordinal);
        string? team = null;
        var unknown = new List<string>();
        var pending = new List<string>(); // consecutive unknown words, suggested as one phrase
        var words = key.Split(' ');
        for (var i = 0; i < words.Length;)
        {
            var matched = 0;
            for (var j = words.Length; j > i && matched == 0; j--)
            {
                var phrase = string.Join(' ', words[i..j]);
                if (Academies.Find(phrase) is { } a) academies.Add(a.Code);
                else if (RegionOf(phrase) is { } r) regions.Add(r.Code);
                else if (Disciplines.Find(phrase) is { } d) disciplines.Add(d.Code);
                else if (team is null && teamKeys.Contains(phrase)) team = phrase;
                else continue;
                matched = j - i;
            }

            if (matched == 0)
            {
                pending.Add(words[i]);
                i++;
                continue;
            }

            Flush();
            i += matched;
        }

        Flush();
        return new StatusFilter(typed, academies, regions, disciplines, team, unknown);

        void Flush()
        {
            if (pending.Count == 0) return;
            unknown.Add(string.Join(' ', pending));
            pending.Clear();
        }
    }

    private static Region? RegionOf(string key) =>
        Academies.Regions.FirstOrDefault(r => TextKey.Of(r.Name) == key || TextKey.Of(r.Code) == key || TextKey.Of("région " + r.Name) == key);
}
