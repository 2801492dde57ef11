using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;

namespace TraAM.Bot.Meetings;

/// <summary>What the calendar sync ended with; a refusal carries the French message for the expert and the admin.</summary>
public sealed record MeetingSyncResult(bool Done, MeetingCalendarFailure? Failure = null, string? FrenchMessage = null);

/// <summary>
/// Hangfire job (never inside Teams' 15 s request): brings the organiser's calendar in line with our meeting row.
/// Replayable from any point: no event id yet ⇒ create (the calendar finds an event an earlier, crashed run made);
/// scheduled ⇒ PATCH to the current revision; cancelled ⇒ cancel. Graph down ⇒ throws, so Hangfire retries later;
/// a missing permission ⇒ no retry, a result the caller turns into a message.
/// </summary>
public sealed class SyncMeetingEventJob(TraamDbContext db, IMeetingCalendar calendar, TimeProvider clock, ILogger<SyncMeetingEventJob> log)
{
    public const string CancelComment = "Réunion annulée / Meeting cancelled";

    public async Task<MeetingSyncResult> RunAsync(Guid meetingId, CancellationToken ct)
    {
        var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null) return new(false);
        var attendees = await db.MeetingAttendances.AsNoTracking().Where(a => a.MeetingId == meetingId).OrderBy(a => a.Id)
            .Select(a => new MeetingAttendee(a.Name, a.Email)).ToListAsync(ct);
        var invite = new MeetingInvite(meeting.Id, meeting.Subject, meeting.Agenda, meeting.StartUtc, meeting.Duration, meeting.TimeZoneId,
            attendees, Online: meeting.Kind != MeetingKind.KickoffInPerson);
        try
        {
            if (meeting.State == MeetingState.Cancelled)
            {
                if (meeting.GraphEventId is { } cancelled) await calendar.CancelAsync(cancelled, CancelComment, ct);
                return new(true);
            }

            if (meeting.GraphEventId is { } eventId)
            {
                await calendar.UpdateAsync(eventId, invite, ct);
                return new(true);
            }

            var entry = await calendar.CreateAsync(invite, ct);
            meeting.GraphEventId = entry.EventId;
            meeting.ICalUId = entry.ICalUId;
            meeting.JoinUrl = entry.JoinUrl;
            meeting.OnlineMeetingId = entry.OnlineMeetingId;
            meeting.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return new(true);
        }
        catch (MeetingCalendarException e) when (e.Failure != MeetingCalendarFailure.Unavailable)
        {
            log.LogWarning("Meeting {MeetingId}: calendar refused ({Failure})", meetingId, e.Failure);
            return new(false, e.Failure, e.Message);
        }
    }
}
