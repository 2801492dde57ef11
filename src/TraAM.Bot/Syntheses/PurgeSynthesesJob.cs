using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Syntheses;

/// <summary>
/// Daily: the national bilans' retention rule (domain.md step 8): every version of a campaign's syntheses, and the
/// record of who received them, are kept three years after the campaign's end (its bilan deadline), then deleted.
/// The log says how many, never whose.
/// </summary>
internal sealed class PurgeSynthesesJob(TraamDbContext db, TimeProvider clock, ILogger<PurgeSynthesesJob> log)
{
    public const string Id = "syntheses:purge";
    public const int KeepYears = 3;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = LocalTime.Today(clock.GetUtcNow(), LocalTime.ZoneOf(null));
        var over = await db.Campaigns.AsNoTracking().Where(c => c.BilanDeadline < today.AddYears(-KeepYears)).Select(c => c.Id).ToListAsync(cancellationToken);
        if (over.Count == 0) return 0;
        var deleted = await db.SynthesisDocuments.Where(d => over.Contains(d.CampaignId)).ExecuteDeleteAsync(cancellationToken); // deliveries go with them (cascade)
        if (deleted > 0) log.LogInformation("Syntheses purge: {Count} versions of {Campaigns} campaign(s) deleted", deleted, over.Count);
        return deleted;
    }
}
