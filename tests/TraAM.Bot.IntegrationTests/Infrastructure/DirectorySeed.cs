using TraAM.Bot.People;
using TraAM.Bot.Reference;

namespace TraAM.Bot.IntegrationTests.Infrastructure;

/// <summary>Arranges the directory for a test by writing rows, the way an import would leave them.</summary>
public static class DirectorySeed
{
    /// <summary>Camille Martin's Entra id in the documented payloads.</summary>
    public const string CamilleAad = "6a2b0a6e-1111-4c6e-9a5a-000000000020";

    public const int SvtYear1 = 19;
    public const int SvtYear2 = 20;
    public const int HistoireGeo = 9;

    public static async Task<AcademicTeam> TeamAsync(this TraamApp app, string name, string academy, int themeId, int campaignId = 1)
    {
        await using var db = app.CreateDbContext();
        var team = new AcademicTeam { CampaignId = campaignId, ThemeId = themeId, AcademyCode = academy, Name = name, NameKey = TextKey.Of(name) };
        db.AcademicTeams.Add(team);
        await db.SaveChangesAsync();
        return team;
    }

    public static async Task<Person> PersonAsync(this TraamApp app, string first, string last, string? aad, params RoleAssignment[] roles)
    {
        await using var db = app.CreateDbContext();
        var person = new Person
        {
            FirstName = first,
            LastName = last,
            Email = $"{TextKey.Of(first).Replace(' ', '-')}.{TextKey.Of(last).Replace(' ', '-')}@ac-test.fr",
            EntraObjectId = aad,
            AcademyCode = roles.Select(r => r.AcademyCode).FirstOrDefault(a => a is not null),
        };
        foreach (var r in roles)
        {
            if (r.Role != Role.Admin) r.CampaignId ??= 1; // roles are given for a campaign: the seeded current one
            r.ScopeKey = RoleAssignment.KeyOf(r.AcademyCode, r.RegionCode, r.DisciplineCode, r.TeamId is null ? r.ThemeId : null, r.TeamId);
            person.Roles.Add(r);
        }

        db.People.Add(person);
        await db.SaveChangesAsync();
        return person;
    }

    public static RoleAssignment Referent(AcademicTeam team) => TeamRole(Role.Referent, team);

    public static RoleAssignment Teacher(AcademicTeam team) => TeamRole(Role.Teacher, team);

    public static RoleAssignment Expert(string discipline) => new() { Role = Role.ExpertTn3, DisciplineCode = discipline };

    public static RoleAssignment Inspector(string academy, string discipline) => new() { Role = Role.Inspector, AcademyCode = academy, DisciplineCode = discipline };

    public static RoleAssignment Admin() => new() { Role = Role.Admin };

    /// <summary>The role given for another campaign than the seeded one.</summary>
    public static RoleAssignment In(this RoleAssignment role, int campaignId)
    {
        role.CampaignId = campaignId;
        return role;
    }

    private static RoleAssignment TeamRole(Role role, AcademicTeam team) => new()
    {
        Role = role,
        CampaignId = team.CampaignId,
        TeamId = team.Id,
        ThemeId = team.ThemeId,
        AcademyCode = team.AcademyCode,
        DisciplineCode = Themes[team.ThemeId % CandidacySeed.NextThemeOffset], // the next call's themes copy these
    };

    private static readonly Dictionary<int, string> Themes = TraAM.Bot.Campaigns.Call2026.Themes.ToDictionary(t => t.Id, t => t.DisciplineCode);
}
