using TraAM.Bot.Reference;

namespace TraAM.Bot.Reminders.Holidays;

/// <summary>
/// The days a teacher can be reminded of something: not a weekend, not a school holiday of their zone.
/// Holidays of the other zones do not count, since zones A, B and C stagger their winter and spring breaks.
/// </summary>
public static class WorkingDays
{
    // A year and a month: longer than any holiday calendar, short enough that bad data cannot loop for ever.
    private const int MaxSteps = 400;

    public static bool IsWorkingDay(DateOnly day, string? zone, IReadOnlyCollection<HolidayPeriod> holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) return false;
        if (zone is null) return true;
        var code = SchoolZones.Parse(zone) ?? zone;
        return !holidays.Any(h => h.Zone == code && h.Contains(day));
    }

    /// <summary>The latest working day on or before <paramref name="day"/>: a reminder due in the holidays comes before them, so still before the deadline.</summary>
    public static DateOnly OnOrBefore(DateOnly day, string? zone, IReadOnlyCollection<HolidayPeriod> holidays) =>
        Walk(day, -1, zone, holidays);

    /// <summary>The earliest working day on or after <paramref name="day"/>.</summary>
    public static DateOnly OnOrAfter(DateOnly day, string? zone, IReadOnlyCollection<HolidayPeriod> holidays) =>
        Walk(day, +1, zone, holidays);

    private static DateOnly Walk(DateOnly day, int step, string? zone, IReadOnlyCollection<HolidayPeriod> holidays)
    {
        var candidate = day;
        for (var i = 0; i <= MaxSteps; i++)
        {
            if (IsWorkingDay(candidate, zone, holidays)) return candidate;
            if (candidate == (step < 0 ? DateOnly.MinValue : DateOnly.MaxValue)) break;
            candidate = candidate.AddDays(step);
        }

        // No working day within reach means the holiday data is wrong: keep the day asked for rather than guess.
        return day;
    }
}
