namespace TraAM.Bot.Meetings;

/// <summary>Where a meeting is put in people's calendars: Microsoft Graph, or our own .ics in the fallback.</summary>
public interface IMeetingCalendar
{
    /// <summary>Creates the event, or finds the one an earlier attempt created for the same meeting (never two).</summary>
    Task<CalendarEntry> CreateAsync(MeetingInvite invite, CancellationToken ct);

    /// <summary>Replayable: sending the same change twice leaves the same event.</summary>
    Task UpdateAsync(string eventId, MeetingInvite invite, CancellationToken ct);

    /// <summary>Replayable: an event already cancelled or gone counts as cancelled.</summary>
    Task CancelAsync(string eventId, string comment, CancellationToken ct);
}

public sealed record MeetingAttendee(string Name, string Email);

/// <summary>What the calendar needs of a meeting; <see cref="MeetingId"/> is the idempotency key.</summary>
public sealed record MeetingInvite(
    Guid MeetingId, string Subject, string Agenda, DateTimeOffset StartUtc, TimeSpan Duration, string TimeZoneId,
    IReadOnlyList<MeetingAttendee> Attendees, bool Online)
{
    public DateTimeOffset EndUtc => StartUtc + Duration;

    /// <summary>The transactionId Graph dedupes creates on: stable per meeting, so a retry after a crash finds the event.</summary>
    public string TransactionId => $"traam-meeting-{MeetingId:N}";
}

/// <summary>What the calendar gave back. The ids and join URL are the seam for the minutes (transcripts, attendance).</summary>
public sealed record CalendarEntry(string? EventId, string? ICalUId, string? JoinUrl, string? OnlineMeetingId);

/// <summary>A Graph failure told to people in French, without a stack trace.</summary>
public sealed class MeetingCalendarException(MeetingCalendarFailure failure, string frenchMessage, Exception? inner = null)
    : Exception(frenchMessage, inner)
{
    public MeetingCalendarFailure Failure { get; } = failure;
}

public enum MeetingCalendarFailure
{
    /// <summary>403: the app lacks Calendars.ReadWrite or the Exchange access policy excludes the organiser.</summary>
    PermissionMissing,

    /// <summary>Throttled or down after the SDK's retries: worth trying again later.</summary>
    Unavailable,

    /// <summary>Graph refused the request (400, 404 on the organiser…): a setting to fix.</summary>
    Refused,
}
