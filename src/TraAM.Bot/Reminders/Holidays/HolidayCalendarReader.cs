using System.Globalization;
using System.Text;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using TraAM.Bot.Reference;
using Calendar = Ical.Net.Calendar;

namespace TraAM.Bot.Reminders.Holidays;

/// <summary>
/// Reads the school-holiday calendars the ministry publishes as ICS (data.education.gouv.fr, dataset
/// "fr-en-calendrier-scolaire": Zone-A-B-C-Corse.ics, Zone-A.ics, Guadeloupe.ics…). In those files DTSTART is the
/// first day without class (often the Saturday after the last lesson) and DTEND, exclusive as iCalendar says, is the
/// day classes resume; events shared by several zones name them all ("Zones A/C - Corse").
/// </summary>
public static class HolidayCalendarReader
{
    public const int MaxBytes = 2 * 1024 * 1024;

    // Summer is the longest holiday (about nine weeks); anything far longer is a broken export, e.g. the published
    // Guadeloupe file once merged two single days, 9 October 2026 and 28 May 2027, into one 231-day block.
    private const int LongestHolidayDays = 100;

    // The ministry's UIDs end with the file's territory ("…Z-Zone-A@data.education.gouv.fr"): the zone of last resort
    // for its per-zone files, whose events only say "Vacances de la Toussaint".
    private const string MinistryUidDomain = "@data.education.gouv.fr";

    public static HolidayCalendarRead Read(Stream ics, string? zoneHint)
    {
        ArgumentNullException.ThrowIfNull(ics);
        if (ReadText(ics) is not { } text)
        {
            return new([], ["Le fichier dépasse 2 Mo, la taille maximale d'un calendrier scolaire : il n'a pas été lu."]);
        }

        var (calendar, error) = Parse(text);
        if (calendar is null)
        {
            return new([], [$"Le fichier n'est pas un calendrier ICS lisible : {error}"]);
        }

        var problems = new List<string>();
        var hint = HintZone(zoneHint, problems);
        var periods = new List<HolidayPeriod>();
        foreach (var evt in calendar.Events)
        {
            try
            {
                AddEvent(evt, hint, periods, problems);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
            {
                // Ical.Net reads some values lazily: an unknown TZID only fails when the date is used.
                problems.Add($"L'événement « {NameOf(evt)} » a une date illisible : ignoré ({ex.Message}).");
            }
        }

        if (calendar.Events.Count == 0)
        {
            problems.Add("Le calendrier ne contient aucun événement : aucune période de vacances n'a été importée.");
        }

        return new(Merge(periods), [.. problems.Distinct()]);
    }

    private static string? ReadText(Stream ics)
    {
        if (ics.CanSeek && ics.Length - ics.Position > MaxBytes) return null;

        // A stream that cannot tell its length is read only up to the limit, never whole.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = ics.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return null;
            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        using var reader = new StreamReader(buffer, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static (Calendar? Calendar, string Error) Parse(string text)
    {
        try
        {
            return Calendar.Load(text) is { } calendar
                ? (calendar, "")
                : (null, "il ne contient pas de bloc BEGIN:VCALENDAR.");
        }
        catch (Exception ex)
        {
            // The file comes from a person: whatever the parser chokes on becomes a problem to show, never a crash.
            return (null, $"erreur d'analyse « {ex.Message} ».");
        }
    }

    private static string? HintZone(string? zoneHint, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(zoneHint)) return null;
        var zone = SchoolZones.Parse(zoneHint) ?? SchoolZones.Of(zoneHint);
        if (zone is null)
        {
            problems.Add($"La zone « {zoneHint} » n'est pas reconnue : indiquez par exemple « Zone A », « Corse » ou « La Réunion ».");
        }

        return zone;
    }

    private static void AddEvent(CalendarEvent evt, string? hint, List<HolidayPeriod> periods, List<string> problems)
    {
        var name = NameOf(evt);
        // Calendars kept by académies also list the first day of school ("Rentrée scolaire des élèves"): a school day.
        if (string.Equals(evt.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase)
            || TextKey.Of(evt.Summary).StartsWith("rentree", StringComparison.Ordinal))
        {
            return;
        }

        if (evt.DtStart is not { } start)
        {
            problems.Add($"L'événement « {name} » n'a pas de date de début : ignoré.");
            return;
        }

        var zones = ZonesOf(evt, hint);
        if (zones.Count == 0)
        {
            problems.Add($"L'événement « {name} » du {Show(start.Date)} ne dit pas à quelle zone il s'applique : "
                + "choisissez la zone du calendrier (par exemple « Zone A ») puis importez-le de nouveau.");
            return;
        }

        if (evt.RecurrenceRule is not null)
        {
            problems.Add($"L'événement « {name} » se répète : seule sa première occurrence est comptée.");
        }

        var label = LabelOf(evt.Summary);
        foreach (var zone in zones)
        {
            if (DaysOff(evt, start, zone, label, problems) is { } days)
            {
                periods.Add(new(zone, days.First, days.Last, label));
            }
        }
    }

    private static IReadOnlyList<string> ZonesOf(CalendarEvent evt, string? hint)
    {
        foreach (var text in new[] { evt.Location, evt.Summary, evt.Description })
        {
            if (SchoolZones.Mentioned(text) is { Count: > 0 } named) return named;
        }

        if (hint is not null) return [hint];
        return evt.Uid is { } uid && uid.EndsWith(MinistryUidDomain, StringComparison.OrdinalIgnoreCase)
            ? SchoolZones.Mentioned(uid[..^MinistryUidDomain.Length])
            : [];
    }

    private static (DateOnly First, DateOnly Last)? DaysOff(CalendarEvent evt, CalDateTime start, string zone, string label, List<string> problems)
    {
        var name = NameOf(evt);
        var first = Local(start, zone).Date;
        var end = evt.DtEnd ?? (evt.Duration is { } duration ? start.Add(duration) : null);
        var resumes = end is null ? (DateOnly?)null : ResumptionDay(Local(end, zone));
        if (resumes < first)
        {
            problems.Add($"L'événement « {name} » se termine ({Show(resumes.Value)}) avant de commencer ({Show(first)}) : ignoré.");
            return null;
        }

        DateOnly last;
        if (resumes is { } day && day > first)
        {
            last = day.AddDays(-1);
        }
        else if (IsSummerStart(label) && first.Month is >= 6 and <= 8)
        {
            // "Début des Vacances d'Été" is a one-day marker (DTEND = DTSTART) in the ministry's files when the next
            // school year is not yet decreed: in metropolitan and most overseas calendars school resumes in September.
            last = new DateOnly(first.Year, 8, 31);
        }
        else
        {
            // No end, or a zero-length marker such as "Lundi de Pentecôte - Corse" (DTEND = DTSTART): that day only.
            if (IsSummerStart(label))
            {
                problems.Add($"L'événement « {name} » ne donne pas la fin des vacances d'été : seul le {Show(first)} est compté ; "
                    + "importez un calendrier qui donne la date de reprise.");
            }

            last = first;
        }

        if (last.DayNumber - first.DayNumber + 1 > LongestHolidayDays)
        {
            problems.Add($"L'événement « {name} » dure {last.DayNumber - first.DayNumber + 1} jours (du {Show(first)} au {Show(last)}) : "
                + "ignoré, le fichier semble erroné.");
            return null;
        }

        return (first, last);
    }

    // A date-time is read where the zone lives: UTC midnight in Paris is still the previous evening in UTC.
    private static CalDateTime Local(CalDateTime value, string zone) =>
        value.IsUtc ? value.ToTimeZone(Academies.ByCode(zone)?.TimeZoneId ?? "Europe/Paris") : value;

    // DTEND is exclusive; a date-time end later than midnight still has that day off, so school resumes the next day.
    private static DateOnly ResumptionDay(CalDateTime end) =>
        end.Time is { } time && time != TimeOnly.MinValue ? end.Date.AddDays(1) : end.Date;

    private static bool IsSummerStart(string label)
    {
        var key = TextKey.Of(label);
        return key.Contains("vacances d ete", StringComparison.Ordinal) || key.Contains("grandes vacances", StringComparison.Ordinal);
    }

    // "Vacances de Printemps - Zones A/C - Corse" is shown as "Vacances de Printemps": the zone is in the period itself.
    private static string LabelOf(string? summary)
    {
        var parts = (summary ?? "").Split([" - ", " – "], StringSplitOptions.TrimEntries).ToList();
        while (parts.Count > 1 && SchoolZones.Mentioned(parts[^1]).Count > 0) parts.RemoveAt(parts.Count - 1);
        var label = string.Join(" - ", parts);
        return label.Length > 0 ? label : "Vacances scolaires";
    }

    private static string NameOf(CalendarEvent evt) =>
        !string.IsNullOrWhiteSpace(evt.Summary) ? evt.Summary.Trim() : evt.Uid ?? "sans titre";

    private static string Show(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    // The ministry cuts a holiday into pieces wherever the set of zones on holiday changes (Zone A, then Zones A/B,
    // then Zones A/B/C): pieces of one holiday that touch become one period again, and duplicates disappear.
    private static List<HolidayPeriod> Merge(List<HolidayPeriod> periods)
    {
        var merged = new List<HolidayPeriod>();
        foreach (var p in periods.OrderBy(p => p.Zone, StringComparer.Ordinal).ThenBy(p => p.FirstDay).ThenBy(p => p.LastDay))
        {
            var i = merged.FindLastIndex(m => m.Zone == p.Zone && m.Label == p.Label);
            if (i >= 0 && p.FirstDay <= merged[i].LastDay.AddDays(1))
            {
                if (p.LastDay > merged[i].LastDay) merged[i] = merged[i] with { LastDay = p.LastDay };
            }
            else
            {
                merged.Add(p);
            }
        }

        return merged;
    }
}
