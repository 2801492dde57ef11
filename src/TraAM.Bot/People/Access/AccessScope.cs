using TraAM.Bot.Campaigns;
using TraAM.Bot.Reference;

namespace TraAM.Bot.People.Access;

/// <summary>
/// What an action is about: the whole programme, a région, an académie (optionally in one discipline), a theme or a
/// team, in a campaign (null: the current one). Built from the database, never from a card's data: a card can say
/// which team, not who may act on it.
/// </summary>
public sealed record AccessScope(
    string? AcademyCode = null,
    string? RegionCode = null,
    string? DisciplineCode = null,
    int? ThemeId = null,
    long? TeamId = null,
    int? CampaignId = null)
{
    /// <summary>Campaign-wide (the calendar, the directory).</summary>
    public static AccessScope Programme { get; } = new();

    public static AccessScope ForCampaign(int campaignId) => new(CampaignId: campaignId);

    public static AccessScope ForTeam(AcademicTeam team, Theme theme) =>
        new(team.AcademyCode, Academies.ByCode(team.AcademyCode)?.RegionCode, theme.DisciplineCode, theme.Id, team.Id, team.CampaignId);

    public static AccessScope ForTheme(Theme theme) => new(DisciplineCode: theme.DisciplineCode, ThemeId: theme.Id, CampaignId: theme.CampaignId);

    public static AccessScope ForAcademy(string academyCode, string? disciplineCode = null) =>
        new(academyCode, Academies.ByCode(academyCode)?.RegionCode, disciplineCode);

    public static AccessScope ForRegion(string regionCode) => new(RegionCode: regionCode);

    /// <summary>Where a role is held: what granting, taking away or exporting it is about.</summary>
    public static AccessScope ForRole(string? academy, string? region, string? discipline, int? theme, long? team, int? campaign) =>
        new(academy, region ?? Academies.ByCode(academy)?.RegionCode, discipline, theme, team, campaign);

    public static AccessScope ForRole(RoleAssignment r) => ForRole(r.AcademyCode, r.RegionCode, r.DisciplineCode, r.ThemeId, r.TeamId, r.CampaignId);
}
