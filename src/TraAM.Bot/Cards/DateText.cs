using System.Globalization;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Cards;

/// <summary>
/// Dates and times as readers of each language write them: "mardi 1er septembre 2026 à 9 h" in French (the
/// ordinal for the first of the month, hours with "h"), "Tuesday 1 September 2026, 09:00" in British English.
/// .NET's French culture writes neither "1er" nor "9 h", hence this one place.
/// </summary>
internal static class DateText
{
    public static string Day(DateOnly day, string language, bool withWeekday = false)
    {
        var culture = Languages.Culture(language);
        var number = language != Languages.English && day.Day == 1 ? "1er" : day.Day.ToString(CultureInfo.InvariantCulture);
        return (withWeekday ? day.ToString("dddd ", culture) : "") + number + day.ToString(" MMMM yyyy", culture);
    }

    public static string Time(TimeOnly time, string language) =>
        language == Languages.English ? time.ToString("HH:mm", CultureInfo.InvariantCulture)
        : time.Minute == 0 ? $"{time.Hour} h"
        : string.Create(CultureInfo.InvariantCulture, $"{time.Hour} h {time.Minute:00}");

    public static string DayAndTime(DateTime local, string language)
    {
        var day = Day(DateOnly.FromDateTime(local), language, withWeekday: true);
        var time = Time(TimeOnly.FromDateTime(local), language);
        return language == Languages.English ? $"{day}, {time}" : $"{day} à {time}";
    }
}
