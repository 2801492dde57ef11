using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Calendar = Ical.Net.Calendar;

namespace TraAM.Bot.Meetings;

/// <summary>
/// The "Ajouter à mon agenda" file, and the whole invitation in the fallback (no Graph). Times are written in UTC:
/// any calendar places them right, with no VTIMEZONE to get wrong across the summer-time changes.
/// The UID is stable per meeting and the SEQUENCE grows with each revision, so a reschedule replaces the entry.
/// </summary>
public static class IcsInvitation
{
    public static string Build(MeetingInvite invite, MeetingAttendee organizer, int sequence, bool cancelled = false)
    {
        var calendar = new Calendar { Method = cancelled ? "CANCEL" : "REQUEST" };
        calendar.ProductId = "-//TraAM//TraAM.Bot//FR";
        var ev = new CalendarEvent
        {
            Uid = $"{invite.MeetingId:N}@traam.bot",
            Summary = invite.Subject,
            Description = invite.Agenda,
            DtStart = new CalDateTime(invite.StartUtc.UtcDateTime, CalDateTime.UtcTzId),
            DtEnd = new CalDateTime(invite.EndUtc.UtcDateTime, CalDateTime.UtcTzId),
            Sequence = sequence,
            Status = cancelled ? "CANCELLED" : "CONFIRMED",
            Organizer = new Organizer($"mailto:{organizer.Email}") { CommonName = organizer.Name },
        };
        foreach (var a in invite.Attendees)
            ev.Attendees.Add(new Attendee($"mailto:{a.Email}") { CommonName = a.Name, Role = "REQ-PARTICIPANT", Rsvp = true });
        calendar.Events.Add(ev);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}

/// <summary>
/// The fallback calendar: nothing outside our data. Each call succeeds, so the rest of the workflow (channel card,
/// outbox, reminders) runs the same; attendees get the .ics from <see cref="IcsInvitation"/>.
/// </summary>
public sealed class IcsMeetingCalendar : IMeetingCalendar
{
    public Task<CalendarEntry> CreateAsync(MeetingInvite invite, CancellationToken ct) =>
        Task.FromResult(new CalendarEntry(null, $"{invite.MeetingId:N}@traam.bot", null, null));

    public Task UpdateAsync(string eventId, MeetingInvite invite, CancellationToken ct) => Task.CompletedTask;

    public Task CancelAsync(string eventId, string comment, CancellationToken ct) => Task.CompletedTask;
}
