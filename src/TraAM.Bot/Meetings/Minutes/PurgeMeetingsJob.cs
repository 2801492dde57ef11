using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Meetings.Minutes;

/// <summary>
/// Daily: meetings follow the national bilans' retention rule: kept three years after the end of their campaign (its
/// bilan deadline), then deleted with their invitees, minutes (answers, attendance report, transcript text), published
/// versions and actions. What lives in Exchange (the event) is under the tenant's own retention.
/// </summary>
internal sealed class PurgeMeetingsJob(TraamDbContext db, TimeProvider clock)
{
    public const string Id = "meetings:purge";
    public const int KeepYears = 3;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = LocalTime.Today(clock.GetUtcNow(), LocalTime.ZoneOf(null));
        var over = await db.Campaigns.AsNoTracking().Where(c => c.BilanDeadline < today.AddYears(-KeepYears)).Select(c => c.Id).ToListAsync(cancellationToken);
        if (over.Count == 0) return 0;
        var meetings = await db.Meetings.Where(m => over.Contains(m.CampaignId)).Select(m => m.Id).ToListAsync(cancellationToken);
        var minutes = await db.MeetingMinutes.Where(m => meetings.Contains(m.MeetingId)).Select(m => m.Id).ToListAsync(cancellationToken);
        await db.FormVersions.Where(v => v.Kind == MeetingMinutes.FormKind && minutes.Contains(v.SubjectId)).ExecuteDeleteAsync(cancellationToken);
        return await db.Meetings.Where(m => meetings.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken); // invitees, minutes, actions: cascade
    }
}
