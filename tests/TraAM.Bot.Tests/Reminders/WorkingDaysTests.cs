using TraAM.Bot.Reminders.Holidays;

namespace TraAM.Bot.Tests.Reminders;

/// <summary>Which days a reminder may fall on, with the 2026-2027 holidays read from the ministry's file.</summary>
public sealed class WorkingDaysTests
{
    private static readonly HolidayPeriod[] Holidays = [.. HolidayCalendarReaderTests.Read(HolidayCalendarReaderTests.MinistryFile).Periods];

    private static readonly DateOnly Saturday = new(2026, 10, 10);
    private static readonly DateOnly LastSchoolDayBeforeToussaint = new(2026, 10, 16); // a Friday
    private static readonly DateOnly MondayInToussaint = new(2026, 10, 26);
    private static readonly DateOnly ToussaintResumes = new(2026, 11, 2);
    private static readonly DateOnly ZoneCWinterMonday = new(2027, 2, 8); // zones A and B still at school

    [Theory]
    [InlineData(null)]
    [InlineData("zone-a")]
    public void Weekends_AreNeverWorkingDays(string? zone)
    {
        Assert.False(WorkingDays.IsWorkingDay(Saturday, zone, Holidays));
        Assert.False(WorkingDays.IsWorkingDay(Saturday.AddDays(1), zone, Holidays));
        Assert.True(WorkingDays.IsWorkingDay(Saturday.AddDays(2), zone, Holidays));
    }

    [Fact]
    public void HolidaysOfTheZone_AreNotWorkingDays_ThoseOfAnotherZoneAre()
    {
        Assert.False(WorkingDays.IsWorkingDay(ZoneCWinterMonday, "zone-c", Holidays));
        Assert.True(WorkingDays.IsWorkingDay(ZoneCWinterMonday, "zone-a", Holidays));
        Assert.True(WorkingDays.IsWorkingDay(ZoneCWinterMonday, "corse", Holidays));
        Assert.False(WorkingDays.IsWorkingDay(MondayInToussaint, "Zone A", Holidays)); // as an admin types it
        Assert.True(WorkingDays.IsWorkingDay(ToussaintResumes, "zone-a", Holidays));
    }

    [Fact]
    public void WithoutZone_OnlyWeekendsCount() =>
        Assert.True(WorkingDays.IsWorkingDay(MondayInToussaint, null, Holidays));

    [Fact]
    public void OnOrBefore_MovesAMondayInTheHolidays_ToTheFridayBeforeThem()
    {
        Assert.Equal(LastSchoolDayBeforeToussaint, WorkingDays.OnOrBefore(MondayInToussaint, "zone-a", Holidays));
        Assert.Equal(MondayInToussaint, WorkingDays.OnOrBefore(MondayInToussaint, null, Holidays));
        Assert.Equal(ToussaintResumes, WorkingDays.OnOrBefore(ToussaintResumes, "zone-a", Holidays));
        Assert.Equal(new DateOnly(2026, 10, 9), WorkingDays.OnOrBefore(Saturday, "zone-a", Holidays));
    }

    [Fact]
    public void OnOrAfter_MovesADayInTheHolidays_ToTheDayClassesResume()
    {
        Assert.Equal(ToussaintResumes, WorkingDays.OnOrAfter(MondayInToussaint, "zone-a", Holidays));
        Assert.Equal(new DateOnly(2027, 2, 22), WorkingDays.OnOrAfter(ZoneCWinterMonday, "zone-c", Holidays));
        Assert.Equal(ZoneCWinterMonday, WorkingDays.OnOrAfter(ZoneCWinterMonday, "zone-b", Holidays));
    }

    [Fact]
    public void HolidaysWithoutEnd_GiveBackTheDayAskedFor_InsteadOfLoopingForEver()
    {
        HolidayPeriod[] wrong = [new("zone-a", new(2000, 1, 1), new(2100, 1, 1), "Erreur de saisie")];

        Assert.Equal(MondayInToussaint, WorkingDays.OnOrBefore(MondayInToussaint, "zone-a", wrong));
        Assert.Equal(MondayInToussaint, WorkingDays.OnOrAfter(MondayInToussaint, "zone-a", wrong));
        var firstDays = new DateOnly(1, 1, 2);
        Assert.Equal(firstDays, WorkingDays.OnOrBefore(firstDays, "zone-a", [new("zone-a", DateOnly.MinValue, new(1, 1, 10), "Erreur de saisie")]));
    }
}
