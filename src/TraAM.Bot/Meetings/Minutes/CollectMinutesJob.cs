using System.Globalization;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.People;
using TraAM.Bot.People.Access;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Meetings.Minutes;

/// <summary>
/// Hangfire job, after a meeting's end: reads Graph's attendance report and transcript once (kept with the minutes),
/// then sends the minutes card to the secretary (or the organiser; the theme's TN3 experts when neither is known) in
/// their personal chat, once (outbox key), and queues the reminders until publication: J+2 and J+7 at 9:00 where the
/// writer works, then the theme's TN3 experts are told (J+8). Replayable: a run before the end, for a cancelled meeting
/// or a second time changes nothing more; Graph down after the SDK's retries throws, so Hangfire retries.
/// </summary>
public sealed class CollectMinutesJob(TraamDbContext db, IMeetingArtefacts artefacts, MinutesCard card, Outbox outbox, CardTemplates cards, TimeProvider clock,
    ILogger<CollectMinutesJob> log)
{
    public const string Id = "minutes:collect";
    public const string CardKind = "minutes-card";
    public const string ReminderKind = "minutes-reminder";
    public const string LateKind = "minutes-late";
    public const string ReminderCard = "meetings/minutes-reminder";

    /// <summary>Graph keeps artefacts a while after the end; a little margin lets Teams finish the report.</summary>
    public static readonly TimeSpan AfterEnd = TimeSpan.FromMinutes(15);

    private static readonly MeetingArtefacts Recorded = new("recorded", null, null);

    /// <summary>
    /// Schedules the run for a meeting's end (called when the meeting is synced: each revision plans its own). A meeting
    /// recorded after it ended has no Teams artefacts to wait for: it is run at once.
    /// </summary>
    public static void Plan(IBackgroundJobClient jobs, Meeting meeting, DateTimeOffset now, ILogger logger)
    {
        if (meeting.State == MeetingState.Cancelled) return;
        var at = meeting.StartUtc + meeting.Duration + AfterEnd;
        try
        {
            if (meeting.WasRecordedAfterwards() && meeting.HasEnded(now))
                jobs.Enqueue<CollectMinutesJob>(j => j.RunAsync(meeting.Id, CancellationToken.None));
            else
                jobs.Schedule<CollectMinutesJob>(j => j.RunAsync(meeting.Id, CancellationToken.None), at);
        }
        catch (Exception e) when (e is BackgroundJobClientException or InvalidOperationException)
        {
            // The hourly sweep (RunDueAsync) catches it up.
            logger.LogWarning(e, "Minutes job of meeting {MeetingId} not scheduled; the hourly sweep will run it", meeting.Id);
        }
    }

    /// <summary>Hourly safety net: meetings ended (up to 30 days ago) whose minutes were never collected.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = now - MeetingRules.RecordWindow; // a meeting recorded afterwards is at most that old
        var candidates = await db.Meetings.AsNoTracking()
            .Where(m => m.State == MeetingState.Scheduled && m.StartUtc >= since && m.StartUtc < now && !db.MeetingMinutes.Any(x => x.MeetingId == m.Id))
            .Select(m => new { m.Id, m.StartUtc, m.Duration }).ToListAsync(ct);
        var run = 0;
        foreach (var m in candidates.Where(m => m.StartUtc + m.Duration + AfterEnd <= now))
        {
            if (await RunAsync(m.Id, ct)) run++;
        }

        return run;
    }

    /// <summary>True when the card was queued by this run (false: too early, cancelled, unknown, or already done).</summary>
    [AutomaticRetry(Attempts = 5)]
    public async Task<bool> RunAsync(Guid meetingId, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, ct);
        var now = clock.GetUtcNow();
        if (meeting is null || meeting.State == MeetingState.Cancelled || now < meeting.StartUtc + meeting.Duration) return false;

        if (!await db.MeetingMinutes.AnyAsync(m => m.MeetingId == meetingId, ct))
        {
            // Recorded after it took place, outside Teams: Graph has nothing of it, the secretary ticks who was there.
            var found = meeting.WasRecordedAfterwards() ? Recorded : await artefacts.ReadAsync(meeting.OnlineMeetingId, ct);
            db.MeetingMinutes.Add(new MeetingMinutes
            {
                MeetingId = meetingId, State = MinutesState.ToWrite, AnswersJson = "{}", ArtefactsSource = found.Source,
                ReportedAttendanceJson = found.Attendance is null ? null : JsonSerializer.Serialize(found.Attendance),
                TranscriptVtt = found.TranscriptVtt, CreatedAt = now, UpdatedAt = now,
            });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // another run saved them first: theirs stand
            }
        }

        var file = (await MinutesFile.ForAsync(db, meetingId, ct))!;
        if (file.State == MinutesState.Published) return false;
        var writers = file.WriterPersonId is { } w ? [w] : await ExpertsAsync(file, ct);
        if (writers.Count == 0)
        {
            log.LogWarning("Minutes of meeting {MeetingId}: nobody to write them (no secretary, organiser or TN3 expert)", meetingId);
            return false;
        }

        var prefill = MinutesCard.Prefill(file);
        var data = LocalizedData.Of(card.Data(file, prefill, new Dictionary<string, string>(), Languages.French),
            card.Data(file, prefill, new Dictionary<string, string>(), Languages.English));
        var created = await outbox.EnqueueAsync(db, writers.Select(p => new NotificationRequest(CardKind, file.Subject, Recipient.Person(p), "card", MinutesCard.Template, data, now)), ct);
        await QueueRemindersAsync(file, writers, ct);
        return created > 0;
    }

    private async Task QueueRemindersAsync(MinutesFile file, IReadOnlyList<long> writers, CancellationToken ct)
    {
        var people = await db.People.AsNoTracking().Where(p => writers.Contains(p.Id)).ToListAsync(ct);
        var experts = await ExpertsAsync(file, ct);
        var expertPeople = await db.People.AsNoTracking().Where(p => experts.Contains(p.Id)).ToListAsync(ct);
        var endDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(file.Meeting.StartUtc + file.Meeting.Duration, file.Zone).DateTime);
        var subject = MinutesSubject.Reminders(file.Meeting.Id);
        var requests = new List<NotificationRequest>();
        foreach (var p in people)
        {
            foreach (var days in new[] { 2, 7 })
            {
                requests.Add(new NotificationRequest(ReminderKind, subject, Recipient.Person(p.Id), $"j+{days}", ReminderCard,
                    Localized(file, "minutes.reminder", ""), At(endDay.AddDays(days), p)));
            }
        }

        var writerName = file.WriterName ?? string.Join(", ", people.Select(p => p.DisplayName));
        // The experts are told unless they are the ones writing (then their own J+7 reminder said it).
        requests.AddRange(expertPeople.Where(e => !writers.Contains(e.Id)).Select(e => new NotificationRequest(LateKind, subject, Recipient.Person(e.Id), "j+8", ReminderCard,
            Localized(file, "minutes.late", writerName), At(endDay.AddDays(8), e))));
        await outbox.EnqueueAsync(db, requests, ct);
    }

    private static DateTimeOffset At(DateOnly day, Person person) => LocalTime.At(day, LocalTime.ReminderTime, LocalTime.ZoneOf(person.AcademyCode));

    private Dictionary<string, object> Localized(MinutesFile file, string key, string writer)
    {
        object Of(string language) => new MinutesReminderData(
            cards.Text(key + ".title", language),
            file.Subject,
            string.Format(CultureInfo.InvariantCulture, cards.Text(key + ".text", language), file.Meeting.StartUtc.Format(file.Zone, language), writer),
            file.Meeting.Subject);
        return LocalizedData.Of(Of(Languages.French), Of(Languages.English));
    }

    /// <summary>The theme's TN3 experts in the meeting's campaign (those the policy lets schedule its meetings).</summary>
    private async Task<List<long>> ExpertsAsync(MinutesFile file, CancellationToken ct)
    {
        var roles = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.Role == Role.ExpertTn3 && r.CampaignId == file.Meeting.CampaignId).ToListAsync(ct);
        return [.. roles.Where(r => AccessPolicy.Allows([r], Permission.ScheduleMeeting, file.Scope, file.Meeting.CampaignId)).Select(r => r.PersonId).Distinct().Order()];
    }
}
