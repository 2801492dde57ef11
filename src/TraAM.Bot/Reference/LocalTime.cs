
namespace TraAM.Bot.Reference;

/// <summary>
/// Turns "9:00 on that day where this person works" into an instant. The académie decides the time zone (Paris,
/// Cayenne, Réunion, Nouméa…); the rules of each zone, summer time included, come from the system's IANA database.
/// </summary>
public static class LocalTime
{
    public static readonly TimeOnly ReminderTime = new(9, 0);

    public static TimeZoneInfo ZoneOf(string? academyCode) =>
        Academies.ByCode(academyCode)?.TimeZone ?? TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static DateTimeOffset At(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        // A time skipped by a clock change (none at 9:00 in France, but zones differ) moves past the gap.
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        // A time lived twice: the first one, still in summer time.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime(); // stored as UTC (PostgreSQL timestamptz takes only UTC)
    }

    /// <summary>The last instant of the deadline's day in that zone: "before the end of March" ends at midnight there.</summary>
    public static DateTimeOffset EndOf(DateOnly day, TimeZoneInfo zone) => At(day.AddDays(1), TimeOnly.MinValue, zone);

    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
}
