using TraAM.Bot.Cards;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Meetings;

/// <summary>A meeting's start as people in each zone read it: "mardi 12 janvier 2027 à 10 h", in Paris, Fort-de-France…</summary>
internal static class MeetingTimes
{
    public const string Paris = "Europe/Paris";

    public static TimeZoneInfo Zone(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.FindSystemTimeZoneById(Paris);

    public static string At(DateTimeOffset startUtc, string zoneId, string language) =>
        DateText.DayAndTime(TimeZoneInfo.ConvertTime(startUtc, Zone(zoneId)).DateTime, language);

    /// <summary>The zone's name for people: the académies living in it ("Martinique", "Guadeloupe"), else the IANA id.</summary>
    public static string ZoneName(string zoneId, string language)
    {
        if (zoneId == Paris) return language == Protocol.Routing.Languages.English ? "Paris time" : "heure de Paris";
        var names = Academies.All.Where(a => a.TimeZoneId == zoneId).Select(a => a.Name).ToList();
        return names.Count > 0 ? string.Join(", ", names) : zoneId;
    }

    /// <summary>
    /// The start in each other zone concerned: Paris, and every overseas académie among <paramref name="academies"/>
    /// (one line per zone), except the zone the time was chosen in (already the main line).
    /// </summary>
    public static IReadOnlyList<TimeFact> Elsewhere(DateTimeOffset startUtc, string chosenZone, IEnumerable<string?> academies, string language)
    {
        var zones = academies.Select(a => Academies.ByCode(a)?.TimeZoneId).OfType<string>().Prepend(Paris).Distinct()
            .Where(z => z != chosenZone).ToList();
        return [.. zones.Select(z => new TimeFact(Names(z, academies, language), At(startUtc, z, language)))];
    }

    /// <summary>The time zones the card offers: Paris, then each overseas académie's.</summary>
    public static IReadOnlyList<(string Title, string Value)> Choices(string language) =>
        [.. Academies.All.Select(a => a.TimeZoneId).Prepend(Paris).Distinct().Select(z => (ZoneName(z, language), z))];

    // Only the académies of the attendees are named for a zone several share (Guadeloupe and Martinique are not both named for one).
    private static string Names(string zoneId, IEnumerable<string?> academies, string language)
    {
        if (zoneId == Paris) return "Paris";
        var names = academies.Select(Academies.ByCode).OfType<Academy>().Where(a => a.TimeZoneId == zoneId).Select(a => a.Name).Distinct().ToList();
        return names.Count > 0 ? string.Join(", ", names) : ZoneName(zoneId, language);
    }
}

/// <summary>One line of the times elsewhere: the zone's places, and the start there.</summary>
public sealed record TimeFact(string Title, string Value);
