using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Bilans;

/// <summary>
/// Daily: national bilans are kept three years after their campaign (its bilan deadline, domain rule), then deleted
/// with their versions, their address checks and their collection. The log says how many, never whose.
/// </summary>
internal sealed partial class PurgeBilansJob(TraamDbContext db, TimeProvider clock, ILogger<PurgeBilansJob> logger)
{
    public const string Id = "bilans:purge";
    public const int KeepYears = 3;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = LocalTime.Today(clock.GetUtcNow(), LocalTime.ZoneOf(null));
        var over = await db.Campaigns.AsNoTracking().Where(c => c.BilanDeadline < today.AddYears(-KeepYears)).Select(c => c.Id).ToListAsync(cancellationToken);
        if (over.Count == 0) return 0;
        var collections = await db.BilanCollections.Where(c => over.Contains(c.CampaignId)).Select(c => c.Id).ToListAsync(cancellationToken);
        if (collections.Count == 0) return 0;
        var bilans = await db.Bilans.Where(b => collections.Contains(b.CollectionId)).Select(b => b.Id).ToListAsync(cancellationToken);
        var versions = await db.FormVersions.Where(v => v.Kind == Bilan.FormKind && bilans.Contains(v.SubjectId)).ExecuteDeleteAsync(cancellationToken);
        var deleted = await db.BilanCollections.Where(c => collections.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken); // bilans and checks go with them (cascade)
        LogPurged(logger, deleted, bilans.Count, versions, over.Count);
        return bilans.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bilans purged: {Collections} collections, {Bilans} bilans, {Versions} versions of {Campaigns} campaigns over three years")]
    private static partial void LogPurged(ILogger logger, int collections, int bilans, int versions, int campaigns);
}
