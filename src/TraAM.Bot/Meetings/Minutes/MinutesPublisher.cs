using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.Forms;
using TraAM.Bot.People;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Meetings.Minutes;

/// <summary>
/// What a publication does once its version is saved: the actions (one row each, kept by row so a correction moves the
/// same deadline), the read-only copy in the national group's channel (first publication: queued; a correction: the
/// same copy updated in place through <see cref="CardCopies"/>), the secretary's reminders stopped, the action deadlines
/// planned. Replayable: every step is keyed or compares before writing.
/// </summary>
public sealed class MinutesPublisher(TraamDbContext db, Outbox outbox, CardCopies copies, MinutesCard card,
    Hangfire.IBackgroundJobClient jobs, TimeProvider clock, ILogger<MinutesPublisher> log)
{
    public const string ChannelKind = "minutes-published";

    public async Task ApplyAsync(MinutesFile file, FormAnswers answers, int version, string by, CancellationToken ct)
    {
        await SyncActionsAsync(file, answers, ct);
        var now = clock.GetUtcNow();
        var data = LocalizedData.Of(
            card.Published(file, answers, version, by, now, Languages.French),
            card.Published(file, answers, version, by, now, Languages.English));
        var group = await db.WorkGroups.AsNoTracking()
            .Where(g => g.Kind == GroupKind.National && g.ThemeId == file.Meeting.ThemeId && g.CampaignId == file.Meeting.CampaignId && g.TeamId == null)
            .Select(g => (long?)g.Id).FirstOrDefaultAsync(ct);
        if (group is { } g)
        {
            var subject = MinutesSubject.Channel(file.Meeting.Id);
            var created = await outbox.EnqueueAsync(db, new NotificationRequest(ChannelKind, subject, Recipient.Group(g), "published", MinutesCard.PublishedTemplate, data, now), ct);
            if (created == 0) await copies.ChangeAsync(db, subject, MinutesCard.PublishedTemplate, r => r.WorkGroupId == g ? data : null, ct);
        }
        else
        {
            log.LogWarning("Minutes of meeting {MeetingId} published with no national group to post them to", file.Meeting.Id);
        }

        await outbox.CancelPendingAsync(db, MinutesSubject.Reminders(file.Meeting.Id), new HashSet<string>(), "compte rendu publié", ct);
        Reminders.ReminderPlanJob.Enqueue(jobs, log);
    }

    private async Task SyncActionsAsync(MinutesFile file, FormAnswers answers, CancellationToken ct)
    {
        var owners = file.Invitees.Where(i => i.PersonId is not null).Select(i => i.PersonId!.Value).ToHashSet();
        var rows = MinutesForm.Actions(answers);
        var existing = await db.MeetingActions.Where(a => a.MeetingId == file.Meeting.Id).ToListAsync(ct);
        foreach (var row in rows)
        {
            var action = existing.FirstOrDefault(a => a.Row == row.Row);
            if (action is null) db.MeetingActions.Add(action = new MeetingAction { MeetingId = file.Meeting.Id, Row = row.Row, What = row.What });
            var owner = row.OwnerPersonId is { } o && owners.Contains(o) ? o : (long?)null; // only an invitee, whatever the card says
            if (action.OwnerPersonId != owner || action.Due != row.Due) action.DoneAt = null; // a new duty is not done yet
            action.What = row.What;
            action.OwnerPersonId = owner;
            action.Due = row.Due;
        }

        db.MeetingActions.RemoveRange(existing.Where(a => rows.All(r => r.Row != a.Row)));
        await db.SaveChangesAsync(ct);
    }
}
