using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Data;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.People;

/// <summary>A working group with the reason the person belongs to it.</summary>
internal sealed record Membership(WorkGroup Group, Theme Theme, AcademicTeam? Team);

/// <summary>
/// Which working groups a person belongs to, from their roles (domain.md): the academic group of their team
/// (referent, teachers), of the teams of their académie and discipline (inspector) or académie (CARDIE); the national
/// group of their team's theme (referent) or of their discipline's themes (IGÉSR, TN3 experts).
/// </summary>
internal static class GroupMembership
{
    public static async Task<IReadOnlyList<Membership>> GroupsOfAsync(TraamDbContext db, IReadOnlyList<RoleAssignment> roles, CancellationToken ct)
    {
        if (roles.Count == 0) return [];
        var teamIds = roles.Where(r => r.Role is Role.Referent or Role.Teacher && r.TeamId is not null).Select(r => r.TeamId!.Value).ToList();
        var nationalThemes = roles.Where(r => r.Role == Role.Referent && r.ThemeId is not null).Select(r => r.ThemeId!.Value).ToList();
        var nationalDisciplines = roles.Where(r => r.Role is Role.Igesr or Role.ExpertTn3 && r.DisciplineCode is not null).Select(r => r.DisciplineCode!).ToList();
        var inspected = roles.Where(r => r.Role == Role.Inspector).Select(r => r.AcademyCode + "|" + r.DisciplineCode).ToList();
        // A role counts in its own campaign: the groups of the campaigns the roles were given for.
        var campaigns = roles.Where(r => r.CampaignId is not null).Select(r => r.CampaignId!.Value).Distinct().ToList();
        var cardie = roles.Where(r => r.Role == Role.Cardie && r.AcademyCode is not null).Select(r => r.AcademyCode!).ToList();

        var query =
            from g in db.WorkGroups.AsNoTracking()
            join th in db.Themes on g.ThemeId equals th.Id
            join c in db.Campaigns on g.CampaignId equals c.Id
            from t in db.AcademicTeams.Where(t => t.Id == g.TeamId).DefaultIfEmpty()
            where campaigns.Contains(c.Id) && (
                (g.Kind == GroupKind.Academic && g.TeamId != null && (
                    teamIds.Contains(g.TeamId.Value)
                    || inspected.Contains(t!.AcademyCode + "|" + th.DisciplineCode)
                    || cardie.Contains(t!.AcademyCode)))
                || (g.Kind == GroupKind.National && (nationalThemes.Contains(g.ThemeId) || nationalDisciplines.Contains(th.DisciplineCode))))
            orderby g.Kind, g.ThemeId, g.TeamId
            select new { g, th, t };
        var rows = await query.ToListAsync(ct);
        return [.. rows.Select(r => new Membership(r.g, r.th, r.t))];
    }

    public static string Name(Membership m, IReadOnlyList<Theme> themes, string language)
    {
        var themeLabel = Labels.Theme(m.Theme, themes, language);
        var english = language == Languages.English;
        if (m.Group.Kind == GroupKind.National) return english ? $"National group · {themeLabel}" : $"Groupe national · {themeLabel}";
        var team = m.Team is { } t ? $"{t.Name} ({Labels.Academy(t.AcademyCode)})" : "";
        return english ? $"Academic group · {team} · {themeLabel}" : $"Groupe académique · {team} · {themeLabel}";
    }
}
