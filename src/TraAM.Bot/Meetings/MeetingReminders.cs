using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Meetings;

/// <summary>
/// The J-1 and 1 h reminders of a meeting, to each invitee known in the directory, in their personal chat through
/// the outbox. Keys hold the meeting and its revision: planning twice queues nothing more, and a reschedule (a new
/// revision) cancels the old pending ones and queues the new; a cancelled meeting cancels them all.
/// </summary>
public sealed class MeetingReminders(TraamDbContext db, Outbox outbox, CardTemplates cards, MeetingLinks links, TimeProvider clock)
{
    public const string Kind = "meeting-reminder";
    public const string Card = "meetings/reminder";

    public static string SubjectOf(Guid meetingId) => $"meeting:{meetingId:N}";

    /// <summary>Returns how many reminders were newly queued.</summary>
    public async Task<int> PlanAsync(Guid meetingId, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null) return 0;
        var subject = SubjectOf(meeting.Id);
        if (meeting.State == MeetingState.Cancelled)
        {
            await outbox.CancelPendingAsync(db, subject, new HashSet<string>(), "réunion annulée", ct);
            return 0;
        }

        var people = await db.MeetingAttendances.AsNoTracking().Where(a => a.MeetingId == meeting.Id && a.PersonId != null)
            .Select(a => a.PersonId!.Value).Distinct().ToListAsync(ct);
        var now = clock.GetUtcNow();
        var requests = new List<NotificationRequest>();
        foreach (var (occurrence, before, titleKey) in new[] { ("j-1", TimeSpan.FromDays(1), "meetings.reminder.titleDay"), ("1h", TimeSpan.FromHours(1), "meetings.reminder.titleHour") })
        {
            var due = meeting.StartUtc - before;
            if (due <= now) continue; // too late for this one: a reminder after the fact helps no one
            var data = LocalizedData.Of(Data(meeting, titleKey, Languages.French), Data(meeting, titleKey, Languages.English));
            requests.AddRange(people.Select(p => new NotificationRequest(Kind, subject, Recipient.Person(p), $"r{meeting.Revision}:{occurrence}", Card, data, due,
                ExpiresAt: meeting.StartUtc)));
        }

        await outbox.CancelPendingAsync(db, subject, requests.Select(r => r.Key).ToHashSet(), "réunion déplacée", ct);
        return await outbox.EnqueueAsync(db, requests, ct);
    }

    public const string ChangedKind = "meeting-changed";
    public const string ChangedCard = "meetings/changed";

    /// <summary>
    /// Tells each invitee in the directory that the meeting moved or was cancelled, once per revision (the key), so a
    /// replayed job tells nobody twice. Exchange also writes to them in the Graph mode; Teams is where they read us.
    /// </summary>
    public async Task<int> TellChangeAsync(Guid meetingId, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null || meeting.Revision == 0) return 0; // revision 0 is the first schedule: nothing changed
        var people = await db.MeetingAttendances.AsNoTracking().Where(a => a.MeetingId == meeting.Id && a.PersonId != null)
            .Select(a => a.PersonId!.Value).Distinct().ToListAsync(ct);
        var key = meeting.State == MeetingState.Cancelled ? "meetings.changed.cancelled" : "meetings.changed.moved";
        object Of(string language)
        {
            var d = Data(meeting, key, language);
            // In the fallback no Exchange invitation follows the move: the new .ics does (same UID, higher SEQUENCE).
            return new ChangedCardData(d.Title, d.Subject, d.When, d.JoinUrl, meeting.GraphEventId is null ? links.IcsUrl(meeting.Id) : "");
        }

        var data = LocalizedData.Of(Of(Languages.French), Of(Languages.English));
        var now = clock.GetUtcNow();
        return await outbox.EnqueueAsync(db, people.Select(p => new NotificationRequest(ChangedKind, SubjectOf(meeting.Id) + ":changed", Recipient.Person(p),
            $"r{meeting.Revision}", ChangedCard, data, now)), ct);
    }

    private ReminderCardData Data(Meeting m, string titleKey, string language)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(m.TimeZoneId, out var z) ? z : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(m.StartUtc, zone).DateTime;
        return new ReminderCardData(cards.Text(titleKey, language), m.Subject, $"{DateText.DayAndTime(local, language)} ({m.TimeZoneId})", m.Agenda, m.JoinUrl ?? "");
    }
}

/// <summary>Data of cards/meetings/changed.json.</summary>
internal sealed record ChangedCardData(string Title, string Subject, string When, string JoinUrl, string IcsUrl);

/// <summary>Data of cards/meetings/reminder.json.</summary>
internal sealed record ReminderCardData(string Title, string Subject, string When, string Agenda, string JoinUrl);
