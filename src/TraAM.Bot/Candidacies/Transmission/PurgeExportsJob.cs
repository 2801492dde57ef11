using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;

namespace TraAM.Bot.Candidacies.Transmission;

/// <summary>Daily: erases the files of exports past their 7 days; the audit row (who, when, how many) stays.</summary>
internal sealed class PurgeExportsJob(TraamDbContext db, TimeProvider clock)
{
    public const string Id = "candidacies:purge-exports";

    public Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.CandidacyExports.Where(e => e.ExpiresAt < now && e.Content != null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Content, (byte[]?)null), cancellationToken);
    }
}
