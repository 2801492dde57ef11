using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Data;
using TraAM.Bot.People.Access;
using TranscriptReader = TraAM.Bot.Meetings.Minutes.Transcript;

namespace TraAM.Bot.Meetings.Minutes;

/// <summary>Everything the minutes card and its handlers need about one meeting, read in one place.</summary>
public sealed record MinutesFile(Meeting Meeting, Theme Theme, IReadOnlyList<MinutesInvitee> Invitees, MeetingMinutes? Minutes, string? WriterName)
{
    public string Subject => MinutesSubject.Of(Meeting.Id);
    public AccessScope Scope => AccessScope.ForTheme(Theme);

    /// <summary>Who writes the minutes: the secretary named on the meeting, else its organiser.</summary>
    public long? WriterPersonId => Meeting.SecretaryPersonId ?? Meeting.OrganizerPersonId;

    public MinutesState State => Minutes?.State ?? MinutesState.ToWrite;

    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(Meeting.TimeZoneId, out var z) ? z : TimeZoneInfo.Utc;

    public IReadOnlyList<AttendanceLine> Reported =>
        Minutes?.ReportedAttendanceJson is { } json ? JsonSerializer.Deserialize<List<AttendanceLine>>(json) ?? [] : [];

    public IReadOnlyList<TranscriptLine> TranscriptLines => Minutes is null ? [] : TranscriptReader.Parse(Minutes.TranscriptVtt);

    /// <summary>
    /// Who edits the minutes besides <c>Permission.ScheduleMeeting</c> for the theme (its TN3 experts, admins): the
    /// secretary and the organiser, from the database. Asked of the policy on every submit (a card proves nothing).
    /// </summary>
    public IReadOnlyList<long?> Writers => [Meeting.SecretaryPersonId, Meeting.OrganizerPersonId];

    public static async Task<MinutesFile?> ForAsync(TraamDbContext db, Guid meetingId, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null) return null;
        var theme = await db.Themes.AsNoTracking().SingleAsync(t => t.Id == meeting.ThemeId, ct);
        var invitees = await db.MeetingAttendances.AsNoTracking().Where(a => a.MeetingId == meetingId).OrderBy(a => a.Name).ThenBy(a => a.Id)
            .Select(a => new MinutesInvitee(a.Id, a.PersonId, a.Name, a.Email)).ToListAsync(ct);
        var minutes = await db.MeetingMinutes.SingleOrDefaultAsync(m => m.MeetingId == meetingId, ct);
        var writer = meeting.SecretaryPersonId ?? meeting.OrganizerPersonId;
        var name = writer is null ? null : (await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == writer, ct))?.DisplayName;
        return new MinutesFile(meeting, theme, invitees, minutes, name);
    }
}

/// <summary>The outbox subjects of a meeting's minutes, apart from the meeting's own ("meeting:…", re-planned by its sync).</summary>
public static class MinutesSubject
{
    public static string Of(Guid meetingId) => $"minutes:{meetingId:N}";

    public static string Reminders(Guid meetingId) => Of(meetingId) + ":remind";

    public static string Channel(Guid meetingId) => Of(meetingId) + ":channel";

    public static Guid? Parse(string? subject) =>
        subject is not null && subject.StartsWith("minutes:", StringComparison.Ordinal)
        && Guid.TryParseExact(subject["minutes:".Length..], "N", out var id) ? id : null;

    public static string Format(this DateTimeOffset at, TimeZoneInfo zone, string language) =>
        Cards.DateText.DayAndTime(TimeZoneInfo.ConvertTime(at, zone).DateTime, language);

    public static string Invariant(this int value) => value.ToString(CultureInfo.InvariantCulture);
}
