using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Data;
using TraAM.Bot.People;

namespace TraAM.Bot.Status;

/// <summary>
/// Reads the status of many teams at once: three set-based queries (last submitted check-in per team, productions, open
/// risks) whatever the number of teams, never one per team. A theme has a few dozen teams, the programme about 120
/// a year: the rows are small and joined in memory.
/// </summary>
public sealed class StatusData(TraamDbContext db)
{
    public async Task<IReadOnlyList<TeamStatus>> LoadAsync(IReadOnlyList<(AcademicTeam Team, Theme Theme)> teams, CancellationToken ct)
    {
        if (teams.Count == 0) return [];
        var ids = teams.Select(t => t.Team.Id).ToArray();

        // The latest submitted check-in of each team: no later submitted one of the same team exists ((TeamId, SubmittedAt) index).
        var checkIns = await db.CheckIns.AsNoTracking()
            .Where(c => ids.Contains(c.TeamId) && c.Version > 0 && c.SubmittedAt != null)
            .Where(c => !db.CheckIns.Any(o => o.TeamId == c.TeamId && o.Version > 0 && o.SubmittedAt > c.SubmittedAt))
            .Select(c => new { c.TeamId, c.SubmittedAt, c.Overall, c.Confidence, c.HelpWanted, c.HasBlocker })
            .ToListAsync(ct);
        var last = checkIns.GroupBy(c => c.TeamId).ToDictionary(g => g.Key, g =>
        {
            var c = g.First();
            return new LastCheckIn(c.SubmittedAt!.Value, c.Overall, c.Confidence, c.HelpWanted, c.HasBlocker);
        });

        var productions = (await db.TeamProductions.AsNoTracking()
                .Where(p => ids.Contains(p.TeamId))
                .Select(p => new { p.TeamId, p.Kind, p.State, p.Url, p.ChangedAt })
                .ToListAsync(ct))
            .ToLookup(p => p.TeamId, p => new ProductionLine(p.Kind, p.State, p.Url, p.ChangedAt));

        var risks = (await db.TeamRisks.AsNoTracking()
                .Where(r => ids.Contains(r.TeamId) && r.ClosedAt == null)
                .Select(r => new { r.TeamId, r.Reasons, r.Detail, r.RaisedAt })
                .ToListAsync(ct))
            .ToLookup(r => r.TeamId, r => new OpenRisk(r.Reasons, r.Detail, r.RaisedAt));

        return
        [
            .. teams.Select(t => new TeamStatus(
                t.Team, t.Theme, last.GetValueOrDefault(t.Team.Id),
                [.. productions[t.Team.Id].OrderBy(p => p.Kind)],
                [.. risks[t.Team.Id].OrderByDescending(r => r.RaisedAt)])),
        ];
    }
}
