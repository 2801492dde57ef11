using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.People;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Meetings;

/// <summary>What the calendar sync ended with; a refusal carries the French message for the expert and the admin.</summary>
public sealed record MeetingSyncResult(bool Done, MeetingCalendarFailure? Failure = null, string? FrenchMessage = null);

/// <summary>
/// Hangfire job (never inside Teams' 15 s request): brings the organiser's calendar in line with our meeting row.
/// Replayable from any point: no event id yet ⇒ create (the calendar finds an event an earlier, crashed run made);
/// scheduled ⇒ PATCH to the current revision; cancelled ⇒ cancel. Graph down ⇒ throws, so Hangfire retries later;
/// a missing permission ⇒ no retry, a result the caller turns into a message. A meeting recorded after it took place
/// never reaches the calendar: only its channel card and its minutes.
/// </summary>
public sealed class SyncMeetingEventJob(TraamDbContext db, IMeetingCalendar calendar, MeetingReminders reminders, MeetingNotices notices, Outbox outbox,
    CardTemplates cards, TimeProvider clock, Hangfire.IBackgroundJobClient jobs, ILogger<SyncMeetingEventJob> log)
{
    public const string CancelComment = "Réunion annulée / Meeting cancelled";
    public const string ProblemKind = "meeting-calendar-problem";
    public const string ProblemCard = "meetings/calendar-problem";

    public async Task<MeetingSyncResult> RunAsync(Guid meetingId, CancellationToken ct)
    {
        var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null) return new(false);
        var attendees = await db.MeetingAttendances.AsNoTracking().Where(a => a.MeetingId == meetingId).OrderBy(a => a.Id)
            .Select(a => new MeetingAttendee(a.Name, a.Email)).ToListAsync(ct);
        var invite = new MeetingInvite(meeting.Id, meeting.Subject, meeting.Agenda, meeting.StartUtc, meeting.Duration, meeting.TimeZoneId,
            attendees, Online: meeting.Kind != MeetingKind.KickoffInPerson);
        if (meeting.WasRecordedAfterwards())
        {
            // Held outside the bot: no event to make (Exchange would invite people to a past meeting), nobody to remind
            // or tell; the channel's card is its record, and the minutes are asked for once it has ended.
            if (meeting.State == MeetingState.Scheduled) Minutes.CollectMinutesJob.Plan(jobs, meeting, clock.GetUtcNow(), log);
            await notices.ShowAsync(meeting.Id, ct);
            return new(true);
        }

        try
        {
            if (meeting.State == MeetingState.Cancelled)
            {
                if (meeting.GraphEventId is { } cancelled) await calendar.CancelAsync(cancelled, CancelComment, ct);
                await reminders.PlanAsync(meeting.Id, ct);
                await reminders.TellChangeAsync(meeting.Id, ct);
                await notices.ShowAsync(meeting.Id, ct);
                return new(true);
            }

            if (meeting.GraphEventId is { } eventId)
            {
                await calendar.UpdateAsync(eventId, invite, ct);
                await reminders.PlanAsync(meeting.Id, ct);
                Minutes.CollectMinutesJob.Plan(jobs, meeting, clock.GetUtcNow(), log); // the minutes card after its (new) end
                await reminders.TellChangeAsync(meeting.Id, ct);
                await notices.ShowAsync(meeting.Id, ct);
                return new(true);
            }

            var entry = await calendar.CreateAsync(invite, ct);
            meeting.GraphEventId = entry.EventId;
            meeting.ICalUId = entry.ICalUId;
            meeting.JoinUrl = entry.JoinUrl;
            meeting.OnlineMeetingId = entry.OnlineMeetingId;
            meeting.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await reminders.PlanAsync(meeting.Id, ct);
            Minutes.CollectMinutesJob.Plan(jobs, meeting, clock.GetUtcNow(), log); // the minutes card after its end
            await reminders.TellChangeAsync(meeting.Id, ct); // the fallback has no event id: a move comes this way too
            await notices.ShowAsync(meeting.Id, ct);
            return new(true);
        }
        catch (MeetingCalendarException e) when (e.Failure != MeetingCalendarFailure.Unavailable)
        {
            log.LogWarning("Meeting {MeetingId}: calendar refused ({Failure})", meetingId, e.Failure);
            await TellAsync(meeting, e, ct);
            return new(false, e.Failure, e.Message);
        }
    }

    /// <summary>
    /// The organiser and the admins get the French message once per meeting revision (the outbox key), however often
    /// the job is replayed; the message says what to grant, never Graph's body or a stack trace.
    /// </summary>
    private async Task TellAsync(Meeting meeting, MeetingCalendarException problem, CancellationToken ct)
    {
        var admins = await db.RoleAssignments.AsNoTracking().Where(r => r.Role == Role.Admin).Select(r => r.PersonId).ToListAsync(ct);
        var people = admins.Append(meeting.OrganizerPersonId ?? 0).Where(p => p != 0).Distinct().Order().ToList();
        var english = problem.Failure == MeetingCalendarFailure.PermissionMissing
            ? "Microsoft Graph refuses access to the organiser's calendar: the app lacks the Calendars.ReadWrite permission, or the Exchange access policy leaves this mailbox out. An administrator must grant it (see the README, Meetings)."
            : "Microsoft Graph refused the request: check Graph__Organizer and the Graph settings.";
        var data = LocalizedData.Of(
            new ProblemCardData(cards.Text("meetings.problem.title", Languages.French), meeting.Subject, problem.Message),
            new ProblemCardData(cards.Text("meetings.problem.title", Languages.English), meeting.Subject, english));
        var now = clock.GetUtcNow();
        await outbox.EnqueueAsync(db, people.Select(p => new NotificationRequest(ProblemKind, MeetingReminders.SubjectOf(meeting.Id) + ":calendar",
            Recipient.Person(p), $"r{meeting.Revision}:{problem.Failure}", ProblemCard, data, now)), ct);
    }
}

/// <summary>Data of cards/meetings/calendar-problem.json.</summary>
internal sealed record ProblemCardData(string Title, string Subject, string Text);
