using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.People;

namespace TraAM.Bot.Meetings;

/// <summary>
/// What people see of a meeting once the calendar is done: the meeting card in the theme's national group channel (one
/// copy per meeting, the outbox key; moved or cancelled, the copy is updated in place through <see cref="CardCopies"/>)
/// and, in the fallback (no Graph, so no Exchange invitation), the invitation with its .ics in each invitee's personal
/// chat. Called by <see cref="SyncMeetingEventJob"/>, so replaying it queues nothing twice.
/// </summary>
public sealed class MeetingNotices(TraamDbContext db, Outbox outbox, CardCopies copies, NationalGroup group, MeetingCard card, TimeProvider clock)
{
    public const string ChannelKind = "meeting-card";
    public const string InvitationKind = "meeting-invitation";

    // Not under MeetingReminders.SubjectOf's "meeting:{id}": re-planning the reminders cancels what is pending there.
    public static string ChannelSubject(Guid meetingId) => $"meeting-card:{meetingId:N}";

    public static string InvitationSubject(Guid meetingId) => $"meeting-invitation:{meetingId:N}";

    public async Task ShowAsync(Guid meetingId, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null) return;
        await ChannelAsync(meeting, ct);
        // Recorded after it took place: an invitation to the past would only confuse.
        if (meeting.GraphEventId is null && meeting.State == MeetingState.Scheduled && meeting.Revision == 0 && !meeting.WasRecordedAfterwards())
            await InviteAsync(meeting, ct);
    }

    private async Task ChannelAsync(Meeting meeting, CancellationToken ct)
    {
        var channel = await db.WorkGroups.AsNoTracking()
            .Where(g => g.Kind == GroupKind.National && g.CampaignId == meeting.CampaignId && g.ThemeId == meeting.ThemeId && g.ConversationRecordId != null)
            .Select(g => (long?)g.Id).FirstOrDefaultAsync(ct);
        if (channel is not { } groupId) return;

        // Teams refreshes the card by itself for these readers (at most 60): each sees their own time and buttons.
        var theme = await db.Themes.AsNoTracking().SingleAsync(t => t.Id == meeting.ThemeId, ct);
        var members = (await group.MembersAsync(theme, ct)).Select(m => m.PersonId).ToList();
        var refresh = await db.People.AsNoTracking().Where(p => members.Contains(p.Id) && p.TeamsUserId != null).OrderBy(p => p.Id)
            .Select(p => p.TeamsUserId!).Take(60).ToListAsync(ct);
        var data = await card.QueuedAsync(meeting, new MeetingView(ShowMine: true, RefreshUserIds: refresh), ct);
        var subject = ChannelSubject(meeting.Id);
        if (meeting.State == MeetingState.Scheduled)
            await outbox.EnqueueAsync(db, new NotificationRequest(ChannelKind, subject, Recipient.Group(groupId), "card", MeetingCard.Template, data, clock.GetUtcNow()), ct);
        await copies.ChangeAsync(db, subject, MeetingCard.Template, _ => data, ct);
    }

    /// <summary>Each invitee in the directory, once (later revisions reach them through "Réunion déplacée" with the new .ics).</summary>
    private async Task InviteAsync(Meeting meeting, CancellationToken ct)
    {
        var people = await (from a in db.MeetingAttendances.AsNoTracking()
                            where a.MeetingId == meeting.Id && a.PersonId != null
                            join p in db.People on a.PersonId equals p.Id
                            select new { p.Id, p.AcademyCode }).Distinct().ToListAsync(ct);
        var now = clock.GetUtcNow();
        var requests = new List<NotificationRequest>();
        foreach (var person in people)
        {
            var data = await card.QueuedAsync(meeting, new MeetingView(person.AcademyCode, Invitation: true), ct);
            requests.Add(new NotificationRequest(InvitationKind, InvitationSubject(meeting.Id), Recipient.Person(person.Id), $"r{meeting.Revision}",
                MeetingCard.Template, data, now, ExpiresAt: meeting.StartUtc + meeting.Duration));
        }

        await outbox.EnqueueAsync(db, requests, ct);
    }
}
