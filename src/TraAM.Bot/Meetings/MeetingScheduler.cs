using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Hosting;

namespace TraAM.Bot.Meetings;

/// <summary>An invitee as the directory gives them; <see cref="PersonId"/> null for someone outside it (no reminder in Teams).</summary>
public sealed record Invitee(long? PersonId, string Name, string Email);

/// <summary>
/// What the scheduling card submits, once its caller passed <c>Permission.ScheduleMeeting</c> for the theme.
/// <see cref="MeetingId"/> is chosen when the card is shown, so a double submit is the same meeting.
/// </summary>
public sealed record ScheduleRequest(
    Guid MeetingId, int CampaignId, int ThemeId, MeetingDraft Draft, string Subject, string Agenda, long OrganizerPersonId,
    long? SecretaryPersonId, IReadOnlyList<Invitee> Invitees, MeetingContext Context, bool Confirmed);

/// <summary>Saved (and the calendar job queued), or the problems to show next to the fields.</summary>
public sealed record ScheduleOutcome(bool Saved, IReadOnlyList<MeetingProblem> Problems);

/// <summary>
/// Saves a meeting the rules accept and queues the calendar job: the Graph calls and the invitations run in Hangfire,
/// never inside Teams' 15 s request. The caller (the card's handler) checks who asks through AccessPolicy first.
/// </summary>
public sealed class MeetingScheduler(TraamDbContext db, IBackgroundJobClient jobs, TimeProvider clock, ILogger<MeetingScheduler> log)
{
    public async Task<ScheduleOutcome> ScheduleAsync(ScheduleRequest request, CancellationToken ct)
    {
        // A new meeting may be one already held (recorded once confirmed, within the minutes sweep's window).
        var problems = MeetingRules.Check(request.Draft, request.Context, request.Confirmed, new MeetingTiming(clock.GetUtcNow(), Recording: true));
        if (problems.Count > 0) return new(false, problems);
        if (await db.Meetings.AnyAsync(m => m.Id == request.MeetingId, ct)) return new(true, []); // a double submit

        var now = clock.GetUtcNow();
        db.Meetings.Add(new Meeting
        {
            Id = request.MeetingId, CampaignId = request.CampaignId, ThemeId = request.ThemeId, Kind = request.Draft.Kind,
            State = MeetingState.Scheduled, StartUtc = request.Draft.StartUtc()!.Value, TimeZoneId = request.Draft.TimeZoneId,
            Duration = request.Draft.Duration, Subject = request.Subject, Agenda = request.Agenda,
            OrganizerPersonId = request.OrganizerPersonId, SecretaryPersonId = request.SecretaryPersonId, CreatedAt = now, UpdatedAt = now,
        });
        db.MeetingAttendances.AddRange(request.Invitees.DistinctBy(i => i.Email.ToLowerInvariant())
            .Select(i => new MeetingAttendance { MeetingId = request.MeetingId, PersonId = i.PersonId, Name = i.Name, Email = i.Email }));
        await db.SaveChangesAsync(ct);
        // Saved first: if queuing fails the meeting exists and an admin can run the job from /jobs.
        jobs.TryEnqueue<SyncMeetingEventJob>(j => j.RunAsync(request.MeetingId, CancellationToken.None), log);
        return new(true, []);
    }

    /// <summary>
    /// Moves a meeting the rules still accept. <paramref name="revision"/> is the one the card showed: a card older than
    /// the meeting (someone else moved it meanwhile) is refused rather than silently overwriting.
    /// </summary>
    public async Task<ScheduleOutcome> RescheduleAsync(Guid meetingId, int revision, MeetingDraft draft, MeetingContext context, bool confirmed, CancellationToken ct)
    {
        var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null || meeting.State == MeetingState.Cancelled) return new(false, [Stale]);
        if (meeting.Revision != revision) return new(false, [Stale]);
        var problems = MeetingRules.Check(draft with { Kind = meeting.Kind }, context, confirmed, new MeetingTiming(clock.GetUtcNow(), Recording: false));
        if (problems.Count > 0) return new(false, problems);
        meeting.StartUtc = draft.StartUtc()!.Value;
        meeting.TimeZoneId = draft.TimeZoneId;
        meeting.Duration = draft.Duration;
        return await SaveAndSyncAsync(meeting, ct);
    }

    /// <summary>Cancels (replayable: cancelling a cancelled meeting changes nothing and queues nothing).</summary>
    public async Task<ScheduleOutcome> CancelAsync(Guid meetingId, CancellationToken ct)
    {
        var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null) return new(false, [Stale]);
        if (meeting.State == MeetingState.Cancelled) return new(true, []);
        meeting.State = MeetingState.Cancelled;
        return await SaveAndSyncAsync(meeting, ct);
    }

    private static readonly MeetingProblem Stale = new("date",
        "Cette réunion a changé ou a été annulée entre-temps : rouvrez-la depuis « réunions » pour voir son état actuel.",
        "This meeting was changed or cancelled meanwhile: open it again from \"meetings\" to see where it stands.", false);

    private async Task<ScheduleOutcome> SaveAndSyncAsync(Meeting meeting, CancellationToken ct)
    {
        meeting.Revision++; // the concurrency token: two moves at once, one wins, the other is told
        meeting.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(false, [Stale]);
        }

        jobs.TryEnqueue<SyncMeetingEventJob>(j => j.RunAsync(meeting.Id, CancellationToken.None), log);
        return new(true, []);
    }
}
