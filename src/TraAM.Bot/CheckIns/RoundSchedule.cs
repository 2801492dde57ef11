using System.Globalization;

namespace TraAM.Bot.CheckIns;

/// <summary>
/// The rounds a card asks for: one (the dates typed), or one a month on the first Monday from the opening month to the
/// "until" date, each as long as the first, its days moved past weekends and school holidays. Pure: the working-day
/// rule comes in as a function, so it can be tested without a database.
/// </summary>
public static class RoundSchedule
{
    /// <summary>A school year of monthly rounds and then some; more is a typing mistake.</summary>
    public const int MaxRounds = 12;

    // Past the longest holidays (summer excepted, when nobody plans a round).
    private const int MaxShift = 21;

    public static IReadOnlyList<(DateOnly Opens, DateOnly Closes)> Monthly(DateOnly opens, DateOnly closes, DateOnly until, Func<DateOnly, bool> isWorkingDay)
    {
        var length = closes.DayNumber - opens.DayNumber;
        var rounds = new List<(DateOnly, DateOnly)>();
        for (var month = new DateOnly(opens.Year, opens.Month, 1); month <= until && rounds.Count <= MaxRounds; month = month.AddMonths(1))
        {
            var monday = month.AddDays(((int)DayOfWeek.Monday - (int)month.DayOfWeek + 7) % 7);
            var start = NextWorking(monday, isWorkingDay);
            if (start < opens || start > until) continue;
            rounds.Add((start, NextWorking(start.AddDays(length), isWorkingDay)));
        }

        return rounds;
    }

    /// <summary>"theme:9:2026-10-05": one round per theme and opening day, whoever plans it and however often.</summary>
    public static string Key(int themeId, DateOnly opens) =>
        string.Create(CultureInfo.InvariantCulture, $"theme:{themeId}:{opens:yyyy-MM-dd}");

    private static DateOnly NextWorking(DateOnly day, Func<DateOnly, bool> isWorkingDay)
    {
        for (var i = 0; i < MaxShift; i++)
        {
            if (isWorkingDay(day.AddDays(i))) return day.AddDays(i);
        }

        return day;
    }
}
