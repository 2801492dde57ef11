using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Forms;

namespace TraAM.Bot.Bilans;

/// <summary>
/// After a bilan is sent: checks each production address of its last version (<see cref="UrlProbe"/>) and keeps the
/// result per address (<see cref="BilanUrlCheck"/>, one row per bilan and field, replaced by each run). The bilan was
/// saved before: whatever the network does here, nothing of it is lost or refused. Logs carry counts, no address.
/// </summary>
internal sealed partial class CheckBilanUrlsJob(TraamDbContext db, UrlProbe probe, TimeProvider clock, ILogger<CheckBilanUrlsJob> logger)
{
    [AutomaticRetry(Attempts = 2)]
    public async Task<int> RunAsync(long bilanId, CancellationToken cancellationToken)
    {
        var bilan = await db.Bilans.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bilanId && b.Version > 0, cancellationToken);
        if (bilan is null) return 0; // purged, or never sent
        var json = await db.FormVersions.AsNoTracking()
            .Where(v => v.Kind == Bilan.FormKind && v.SubjectId == bilan.Id && v.Number == bilan.Version).Select(v => v.AnswersJson).SingleAsync(cancellationToken);
        var urls = BilanForm.Urls(FormAnswers.FromJson(json)).ToList();
        var rows = await db.BilanUrlChecks.Where(c => c.BilanId == bilan.Id).ToListAsync(cancellationToken);
        db.BilanUrlChecks.RemoveRange(rows.Where(r => urls.All(u => u.Field != r.FieldId))); // an address since removed
        var problems = 0;
        foreach (var (field, url) in urls)
        {
            var result = Uri.TryCreate(url, UriKind.Absolute, out var uri)
                ? await probe.CheckAsync(uri, cancellationToken)
                : new UrlProbeResult(UrlCheckOutcome.Error, null, null);
            if (result.Outcome != UrlCheckOutcome.Ok) problems++;
            var row = rows.FirstOrDefault(r => r.FieldId == field);
            if (row is null) db.BilanUrlChecks.Add(row = new BilanUrlCheck { BilanId = bilan.Id, FieldId = field, Url = url });
            (row.Url, row.Outcome, row.StatusCode, row.Detail, row.CheckedAt) = (url, result.Outcome, result.StatusCode, result.Detail, clock.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken);
        LogChecked(logger, bilan.Id, urls.Count, problems);
        return urls.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bilan {Bilan}: {Count} production addresses checked, {Problems} not answering publicly")]
    private static partial void LogChecked(ILogger logger, long bilan, int count, int problems);
}
