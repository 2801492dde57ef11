using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Candidacies;
using TraAM.Bot.Data;
using TraAM.Bot.People;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Reminders;

/// <summary>
/// Among the roles a deadline's duty names, those that still have something to do: the submission concerns inspectors
/// of an académie and discipline with candidacies awaiting their decision, and DAN and DRAN whose place has not been
/// transmitted yet; completion and bilan concern the referents of the teams that work (<see cref="SelectedTeams"/>).
/// </summary>
internal static class ConcernedRoles
{
    public static async Task<Func<RoleAssignment, bool>> ForAsync(TraamDbContext db, Deadline deadline, CancellationToken ct)
    {
        switch (deadline.Kind)
        {
            case DeadlineKind.Submission:
                return await SubmissionAsync(db, deadline.CampaignId, ct);
            case DeadlineKind.Completion or DeadlineKind.Bilan:
                var working = (await SelectedTeams.Of(db, deadline.CampaignId).Select(t => t.Id).ToListAsync(ct)).ToHashSet();
                return r => r.TeamId is { } team && working.Contains(team);
            case DeadlineKind.CheckIn:
                var answering = (await SelectedTeams.Of(db, deadline.CampaignId).Where(t => t.ThemeId == deadline.ThemeId).Select(t => t.Id).ToListAsync(ct)).ToHashSet();
                return r => r.TeamId is { } t && answering.Contains(t);
            default:
                return _ => true;
        }
    }

    private static async Task<Func<RoleAssignment, bool>> SubmissionAsync(TraamDbContext db, int campaignId, CancellationToken ct)
    {
        var candidacies = await (
            from c in db.Candidacies.AsNoTracking()
            join t in db.Themes.AsNoTracking() on c.ThemeId equals t.Id
            where c.CampaignId == campaignId
            select new { c.AcademyCode, t.DisciplineCode, c.State }).ToListAsync(ct);
        var pending = candidacies.Where(c => c.State == CandidacyState.Pending).Select(c => (c.AcademyCode, c.DisciplineCode)).ToHashSet();
        var exports = await db.CandidacyExports.AsNoTracking().Where(e => e.CampaignId == campaignId).Select(e => e.ScopeKey).Distinct().ToListAsync(ct);
        var sentRegions = exports.Where(e => e.StartsWith("region:", StringComparison.Ordinal)).Select(e => e["region:".Length..]).ToHashSet();
        var sentAcademies = exports.Where(e => e.StartsWith("academy:", StringComparison.Ordinal)).Select(e => e["academy:".Length..])
            .Concat(Academies.All.Where(a => sentRegions.Contains(a.RegionCode)).Select(a => a.Code)).ToHashSet();
        var candidating = candidacies.Select(c => c.AcademyCode).ToHashSet();

        // A région is done when it was sent whole, or when each of its académies that has candidacies was sent.
        bool RegionSent(string? region)
        {
            var withCandidacies = Academies.All.Where(a => a.RegionCode == region && candidating.Contains(a.Code)).ToList();
            return region is not null && (sentRegions.Contains(region) || (withCandidacies.Count > 0 && withCandidacies.All(a => sentAcademies.Contains(a.Code))));
        }

        return r => r.Role switch
        {
            Role.Inspector => pending.Contains((r.AcademyCode ?? "", r.DisciplineCode ?? "")),
            Role.Dan => r.AcademyCode is not null && !sentAcademies.Contains(r.AcademyCode),
            Role.Dran => !RegionSent(r.RegionCode),
            _ => true,
        };
    }
}
