using System.Text.RegularExpressions;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Reference;

namespace TraAM.Bot.People.Import;

/// <summary>
/// What a Discipline cell names: a discipline, optionally one of its themes. People write the theme in many ways
/// ("NSI – Thématique 2", "NSI thématique 2", "NSI 2", "SVT – Année 1", "SVT 2e année", "nsi-2"); a discipline with a
/// single theme needs no designator. <see cref="Problem"/> is set, in French, when the cell names nothing known.
/// </summary>
internal sealed partial record DisciplineCell(Discipline? Discipline, Theme? Theme, string? Problem)
{
    public static DisciplineCell Resolve(string text, IReadOnlyList<Theme> themes)
    {
        var key = TextKey.Of(text);
        if (Disciplines.Find(key) is { } discipline) return new(discipline, null, null);

        // A theme's own code ("nsi-2"); a single-theme discipline's code is the discipline's and was matched above.
        var byCode = themes.Where(t => TextKey.Of(t.Code) == key).ToList();
        if (byCode.Count == 1 && Disciplines.ByCode(byCode[0].DisciplineCode) is { } coded) return new(coded, byCode[0], null);

        var match = Designated().Match(key);
        if (match.Success && Disciplines.Find(match.Groups["d"].Value) is { } designated)
        {
            var number = match.Groups["n"].Value[0] - '0';
            var byYear = match.Groups["kind"].Value is "annee" or "an" or "year";
            var own = themes.Where(t => t.DisciplineCode == designated.Code).ToList();
            var found = own.Where(t => (byYear ? t.Year : t.Number) == number).ToList();
            if (found.Count == 0 && !match.Groups["kind"].Success) found = [.. own.Where(t => t.Year == number)];
            if (found.Count == 1) return new(designated, found[0], null);
            return new(designated, null, own.Count == 0
                ? $"Thématique introuvable : « {Excerpt.Of(text)} ». La discipline {designated.Name} n'a pas de thématique dans la campagne en cours."
                : $"Thématique introuvable : « {Excerpt.Of(text)} ». Thématiques possibles : {Spellings(own, themes)}.");
        }

        var suggestions = Suggestions.Closest(match.Success ? match.Groups["d"].Value : key, Disciplines.All.Select(d => (ShortLabel(d), d.Aliases.Append(d.Name).Append(d.Code))));
        return new(null, null, suggestions.Count > 0
            ? $"Discipline inconnue : « {Excerpt.Of(text)} ». Vouliez-vous dire : {string.Join(", ", suggestions)} ?"
            : $"Discipline inconnue : « {Excerpt.Of(text)} ». Exemples attendus : Mathématiques, Lettres, SVT – Année 1, NSI – Thématique 2…");
    }

    /// <summary>
    /// The theme a team role belongs to: the one named, else the discipline's only theme. A discipline with several
    /// themes and no designator is refused with the spellings that would be accepted.
    /// </summary>
    public (Theme? Theme, string? Problem) SingleTheme(string text, IReadOnlyList<Theme> themes)
    {
        if (Theme is not null || Discipline is null) return (Theme, null);
        var own = themes.Where(t => t.DisciplineCode == Discipline.Code).ToList();
        return own.Count switch
        {
            1 => (own[0], null),
            0 => (null, $"La discipline « {Excerpt.Of(text)} » n'a pas de thématique dans la campagne en cours : une équipe ne peut pas y être rattachée."),
            _ => (null, $"Thématique à préciser : « {Excerpt.Of(text)} » a {own.Count} thématiques dans la campagne. Écrivez {Spellings(own, themes)}."),
        };
    }

    /// <summary>« NSI – Thématique 1 » (Cybersécurité…) ou « NSI – Thématique 2 » (…), ou « nsi-1 »/« nsi-2 ».</summary>
    private static string Spellings(IReadOnlyList<Theme> own, IReadOnlyList<Theme> themes)
    {
        var labelled = own.Select(t => $"« {DirectoryFormat.DisciplineCell(t, themes)} » ({Shorten(t.Title)})");
        return string.Join(" ou ", labelled) + $" (ou le code : {string.Join(", ", own.Select(t => t.Code))})";
    }

    private static string Shorten(string title) => title.Length <= 60 ? title : title[..57].TrimEnd() + "…";

    private static string ShortLabel(Discipline d) => DirectoryFormat.ShortName(d) is var s && s != d.Name ? $"{d.Name.Split(" (")[0]} ({s})" : d.Name;

    // On the TextKey: "<discipline> [thematique|theme|annee|an|year] N" or "<discipline> Ne annee".
    [GeneratedRegex(@"^(?<d>.+?) (?:(?:(?<kind>thematique|theme|annee|an|year) )?(?<n>[1-9])|(?<n>[1-9])(?:e|er|re|eme|nd|st)? (?<kind>annee|an|year|thematique|theme))$", RegexOptions.CultureInvariant)]
    private static partial Regex Designated();
}
