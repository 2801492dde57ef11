using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Candidacies;

/// <summary>
/// Daily: the retention rule of candidacies. A candidacy (its answers, every submitted version, its decisions and the
/// names in them) is kept while it can still matter, the year-2 prerequisite and the national bilans looking back at
/// the selection, that is three years after the end of its campaign (its bilan deadline), like the national bilans;
/// then it is deleted with all that. The teams, which later campaigns' history names, stay.
/// </summary>
internal sealed class PurgeCandidaciesJob(TraamDbContext db, TimeProvider clock)
{
    public const string Id = "candidacies:purge";
    public const int KeepYears = 3;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = LocalTime.Today(clock.GetUtcNow(), LocalTime.ZoneOf(null));
        var over = await db.Campaigns.AsNoTracking().Where(c => c.BilanDeadline < today.AddYears(-KeepYears)).Select(c => c.Id).ToListAsync(cancellationToken);
        if (over.Count == 0) return 0;
        var ids = await db.Candidacies.Where(c => over.Contains(c.CampaignId)).Select(c => c.Id).ToListAsync(cancellationToken);
        await db.FormVersions.Where(v => v.Kind == Candidacy.FormKind && ids.Contains(v.SubjectId)).ExecuteDeleteAsync(cancellationToken);
        await db.CandidacyExports.Where(e => over.Contains(e.CampaignId)).ExecuteDeleteAsync(cancellationToken);
        return await db.Candidacies.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken); // decisions go with them (cascade)
    }
}
