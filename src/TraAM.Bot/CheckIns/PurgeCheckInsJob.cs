using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Reference;

namespace TraAM.Bot.CheckIns;

/// <summary>
/// Daily: check-ins follow the candidacies' retention rule: kept three years after the end of their campaign (its
/// bilan deadline), as the national bilans that look back at them, then deleted with their versions, the risks they
/// raised and the production tracker of the campaign's teams. The teams themselves stay.
/// </summary>
internal sealed class PurgeCheckInsJob(TraamDbContext db, TimeProvider clock)
{
    public const string Id = "checkins:purge";
    public const int KeepYears = 3;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = LocalTime.Today(clock.GetUtcNow(), LocalTime.ZoneOf(null));
        var over = await db.Campaigns.AsNoTracking().Where(c => c.BilanDeadline < today.AddYears(-KeepYears)).Select(c => c.Id).ToListAsync(cancellationToken);
        if (over.Count == 0) return 0;
        var rounds = await db.CheckInRounds.Where(r => over.Contains(r.CampaignId)).Select(r => r.Id).ToListAsync(cancellationToken);
        var checkIns = await db.CheckIns.Where(c => rounds.Contains(c.RoundId)).Select(c => c.Id).ToListAsync(cancellationToken);
        await db.FormVersions.Where(v => v.Kind == CheckInRound.FormKind && checkIns.Contains(v.SubjectId)).ExecuteDeleteAsync(cancellationToken);
        await db.TeamProductions.Where(p => db.AcademicTeams.Any(t => t.Id == p.TeamId && over.Contains(t.CampaignId))).ExecuteDeleteAsync(cancellationToken);
        return await db.CheckInRounds.Where(r => rounds.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken); // check-ins and risks go with them (cascade)
    }
}
