using TraAM.Bot.Campaigns;
using TraAM.Bot.Reference;

namespace TraAM.Bot.People.Access;

/// <summary>
/// What an action is about: the whole programme, a région, an académie (optionally in one discipline), a theme or a
/// team. Built from the database, never from a card's data: a card can say which team, not who may act on it.
/// </summary>
public sealed record AccessScope(
    string? AcademyCode = null,
    string? RegionCode = null,
    string? DisciplineCode = null,
    int? ThemeId = null,
    long? TeamId = null)
{
    /// <summary>Campaign-wide (the calendar, the directory).</summary>
    public static AccessScope Programme { get; } = new();

    public static AccessScope ForTeam(AcademicTeam team, Theme theme) =>
        new(team.AcademyCode, Academies.ByCode(team.AcademyCode)?.RegionCode, theme.DisciplineCode, theme.Id, team.Id);

    public static AccessScope ForTheme(Theme theme) => new(DisciplineCode: theme.DisciplineCode, ThemeId: theme.Id);

    public static AccessScope ForAcademy(string academyCode, string? disciplineCode = null) =>
        new(academyCode, Academies.ByCode(academyCode)?.RegionCode, disciplineCode);

    public static AccessScope ForRegion(string regionCode) => new(RegionCode: regionCode);
}
