using TraAM.Bot.Meetings;
using Calendar = Ical.Net.Calendar;

namespace TraAM.Bot.Tests.Meetings;

/// <summary>The fallback's invitation, read back as a calendar application would.</summary>
public sealed class IcsInvitationTests
{
    private static readonly MeetingAttendee Organizer = new("Léa Petit", "lea.petit@ac-test.fr");

    private static MeetingInvite Invite(DateOnly date) => new(Guid.Parse("0b6f7a52-2f51-4c3e-9d62-7c1b5e3f2a10"), "Lancement TraAM", "Tour de table",
        new MeetingDraft(MeetingKind.KickoffRemote, date, new TimeOnly(14, 0), TimeSpan.FromMinutes(90), "Europe/Paris").StartUtc()!.Value,
        TimeSpan.FromMinutes(90), "Europe/Paris",
        [new("Marc Durand", "marc.durand@ac-test.fr"), new("Awa Diallo", "awa.diallo@ac-test.fr")], Online: false);

    [Theory]
    [InlineData(2026, 10, 23, 12)] // 14:00 in Paris is 12:00 UTC in summer time
    [InlineData(2026, 10, 26, 13)] // and 13:00 UTC after the last Sunday of October
    public void The_instants_are_right_across_the_October_change(int y, int m, int d, int utcHour)
    {
        var calendar = Calendar.Load(IcsInvitation.Build(Invite(new DateOnly(y, m, d)), Organizer, sequence: 0))!;
        var ev = Assert.Single(calendar.Events);

        Assert.Equal(new DateTime(y, m, d, utcHour, 0, 0, DateTimeKind.Utc), ev!.DtStart!.AsUtc);
        Assert.Equal(new DateTime(y, m, d, utcHour, 30, 0, DateTimeKind.Utc).AddHours(1), ev.DtEnd!.AsUtc);
    }

    [Fact]
    public void Attendees_organizer_and_a_stable_uid_are_there()
    {
        var calendar = Calendar.Load(IcsInvitation.Build(Invite(new DateOnly(2026, 10, 23)), Organizer, sequence: 2))!;
        var ev = Assert.Single(calendar.Events)!;

        Assert.Equal("0b6f7a522f514c3e9d627c1b5e3f2a10@traam.bot", ev.Uid);
        Assert.Equal(2, ev.Sequence);
        Assert.Equal("REQUEST", calendar.Method);
        Assert.Equal(["mailto:marc.durand@ac-test.fr", "mailto:awa.diallo@ac-test.fr"], ev.Attendees.Select(a => a.Value!.ToString()));
        Assert.Equal("mailto:lea.petit@ac-test.fr", ev.Organizer!.Value!.ToString());
    }

    [Fact]
    public void A_cancellation_keeps_the_uid_so_calendars_remove_the_entry()
    {
        var calendar = Calendar.Load(IcsInvitation.Build(Invite(new DateOnly(2026, 10, 23)), Organizer, sequence: 3, cancelled: true))!;
        Assert.Equal("CANCEL", calendar.Method);
        Assert.Equal("CANCELLED", Assert.Single(calendar.Events)!.Status);
    }
}
