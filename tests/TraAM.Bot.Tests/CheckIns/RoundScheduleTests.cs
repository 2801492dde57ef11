using TraAM.Bot.CheckIns;

namespace TraAM.Bot.Tests.CheckIns;

/// <summary>"Every first Monday of the month from October to April", past weekends and holidays, as pure dates.</summary>
public sealed class RoundScheduleTests
{
    private static bool Weekdays(DateOnly d) => d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday;

    [Fact]
    public void FirstMondays_FromOctoberToApril_EachAsLongAsTheFirst()
    {
        var rounds = RoundSchedule.Monthly(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 12), new DateOnly(2027, 4, 30), Weekdays);

        Assert.Equal(7, rounds.Count);
        Assert.Equal(new DateOnly(2026, 10, 5), rounds[0].Opens);
        Assert.Equal(new DateOnly(2027, 4, 5), rounds[^1].Opens);
        Assert.All(rounds, r => Assert.Equal(DayOfWeek.Monday, r.Opens.DayOfWeek));
        Assert.All(rounds, r => Assert.Equal(11, r.Closes.DayNumber - r.Opens.DayNumber));
    }

    [Fact]
    public void AHolidayWeek_MovesTheRoundToTheNextWorkingDay_AndItsClosingToo()
    {
        // A two-week break from Saturday 30 January to Sunday 14 February 2027: February's first Monday is in it.
        bool Working(DateOnly d) => Weekdays(d) && !(d >= new DateOnly(2027, 1, 30) && d <= new DateOnly(2027, 2, 14));
        var rounds = RoundSchedule.Monthly(new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 11), new DateOnly(2027, 3, 31), Working);

        Assert.Equal([new DateOnly(2027, 1, 4), new DateOnly(2027, 2, 15), new DateOnly(2027, 3, 1)], rounds.Select(r => r.Opens));
        Assert.Equal(new DateOnly(2027, 1, 14), rounds[0].Closes); // as long as the first asked: ten days
        var closingInTheBreak = RoundSchedule.Monthly(new DateOnly(2027, 1, 25), new DateOnly(2027, 2, 1), new DateOnly(2027, 1, 31), Working);
        Assert.Empty(closingInTheBreak); // January's first Monday is before the opening asked: nothing that month
        var late = RoundSchedule.Monthly(new DateOnly(2027, 1, 4), new DateOnly(2027, 1, 30), new DateOnly(2027, 1, 31), Working);
        Assert.Equal(new DateOnly(2027, 2, 15), Assert.Single(late).Closes); // would close in the break: closes when school is back
    }

    [Fact]
    public void TheKey_IsTheThemeAndTheOpeningDay() =>
        Assert.Equal("theme:9:2026-10-05", RoundSchedule.Key(9, new DateOnly(2026, 10, 5)));
}
