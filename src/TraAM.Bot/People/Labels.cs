using TraAM.Bot.Campaigns;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Reference;

namespace TraAM.Bot.People;

/// <summary>
/// How roles, themes and scopes read in cards, in French or English. French role names are epicene ("personne
/// enseignante référente", as the 2026-2027 call writes), never with inclusive-writing points (circular of 5 May 2021).
/// </summary>
internal static class Labels
{
    public static string Role(Role role, string language) => (role, language == Languages.English) switch
    {
        (People.Role.Referent, false) => "Personne enseignante référente",
        (People.Role.Referent, true) => "Referent teacher",
        (People.Role.Teacher, false) => "Personne enseignante de l'équipe",
        (People.Role.Teacher, true) => "Team teacher",
        (People.Role.Inspector, false) => "Membre du corps d'inspection",
        (People.Role.Inspector, true) => "Inspector",
        (People.Role.Dan, false) => "DAN",
        (People.Role.Dan, true) => "Digital delegate (DAN)",
        (People.Role.Dran, false) => "DRAN",
        (People.Role.Dran, true) => "Regional digital delegate (DRAN)",
        (People.Role.Cardie, false) => "Personne représentant la CARDIE",
        (People.Role.Cardie, true) => "CARDIE representative",
        (People.Role.Igesr, false) => "Membre de l'IGÉSR",
        (People.Role.Igesr, true) => "General inspectorate (IGÉSR)",
        (People.Role.ExpertTn3, false) => "Personne experte TN3",
        (People.Role.ExpertTn3, true) => "TN3 expert",
        (People.Role.Admin, false) => "Personne chargée de l'administration",
        (People.Role.Admin, true) => "Administrator",
        _ => role.ToString(),
    };

    /// <summary>"NSI – thématique 2", "SVT – année 2", or the discipline's name when it has a single theme.</summary>
    public static string Theme(Theme theme, IEnumerable<Theme> campaignThemes, string language)
    {
        var name = Disciplines.ByCode(theme.DisciplineCode)?.Name ?? theme.DisciplineCode;
        if (campaignThemes.Count(t => t.DisciplineCode == theme.DisciplineCode) < 2) return name;
        var english = language == Languages.English;
        return theme.Year > 1 || campaignThemes.Any(t => t.DisciplineCode == theme.DisciplineCode && t.Year > 1)
            ? $"{name} – {(english ? "year" : "année")} {theme.Year}"
            : $"{name} – {(english ? "theme" : "thématique")} {theme.Number}";
    }

    public static string Academy(string? code) => Academies.ByCode(code)?.Name ?? code ?? "";

    public static string Region(string? code) => Academies.RegionByCode(code)?.Name ?? code ?? "";

    public static string Discipline(string? code) => Disciplines.ByCode(code)?.Name ?? code ?? "";
}
