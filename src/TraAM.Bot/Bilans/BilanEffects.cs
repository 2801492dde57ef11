using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TraAM.Bot.Data;
using TraAM.Bot.Hosting;
using TraAM.Bot.People;
using TraAM.Bot.Reminders;

namespace TraAM.Bot.Bilans;

/// <summary>
/// What a sent bilan changes beyond itself: the bilan deadline recorded done for the team's referents (their reminders
/// and the escalation about them stop), the tracker in the national group's channel updated in place, and the check
/// of the productions' addresses queued (never in the request: the network may be slow). Each step is idempotent.
/// </summary>
internal sealed class BilanEffects(
    TraamDbContext db, DeadlineProgress progress, BilanTracker tracker, IBackgroundJobClient jobs, IOptions<BilanOptions> options, ILogger<BilanEffects> logger)
{
    public const string Source = "bilan";

    public async Task ApplyAsync(BilanFile file, Bilan bilan, CancellationToken ct)
    {
        var subject = new Deadline(file.Collection.CampaignId, DeadlineKind.Bilan, file.Collection.Closes).Subject;
        var referents = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.Role == Role.Referent && r.TeamId == file.Team.Id).Select(r => r.PersonId).Distinct().ToListAsync(ct);
        foreach (var person in referents) await progress.CompleteAsync(subject, person, Source, ct);
        await tracker.RefreshAsync(file.Collection.Id, ct);
        if (options.Value.CheckAddresses) jobs.TryEnqueue<CheckBilanUrlsJob>(j => j.RunAsync(bilan.Id, CancellationToken.None), logger);
    }
}
