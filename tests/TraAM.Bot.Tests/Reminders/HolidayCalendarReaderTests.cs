using System.Text;
using TraAM.Bot.Reminders.Holidays;

namespace TraAM.Bot.Tests.Reminders;

/// <summary>
/// The ministry's holiday calendars, laid out as data.education.gouv.fr publishes them (fr-en-calendrier-scolaire,
/// Zone-A-B-C-Corse.ics): one event per piece of holiday shared by the same zones, DTSTART the first day off,
/// DTEND the day classes resume, zero-length markers for "Début des Vacances d'Été".
/// </summary>
public sealed class HolidayCalendarReaderTests
{
    internal const string MinistryFile = """
        BEGIN:VCALENDAR
        PRODID:-//MENJS//Calendrier//FR
        VERSION:2.0
        CALSCALE:GREGORIAN
        X-WR-CALNAME:Calendrier scolaire - France métropolitaine
        X-WR-TIMEZONE:Europe/Paris
        X-WR-CALDESC:Calendrier scolaire - France métropolitaine
        BEGIN:VEVENT
        DTSTAMP:20250114T124531Z
        DTSTART;VALUE=DATE:20270703
        DTEND;VALUE=DATE:20270703
        SUMMARY:Début des Vacances d'Été - Zones A/B/C
        UID:20250114T124833Z-Zone-A-B-C-Corse@data.education.gouv.fr
        LOCATION:Zones A/B/C
        DESCRIPTION:Début des Vacances d'Été - Zones A/B/C
        TRANSP:TRANSPARENT
        END:VEVENT
        BEGIN:VEVENT
        DTSTAMP:20250114T124531Z
        DTSTART;VALUE=DATE:20270506
        DTEND;VALUE=DATE:20270510
        SUMMARY:Pont de l'Ascension - Zones A/B/C
        UID:20250114T124834Z-Zone-A-B-C-Corse@data.education.gouv.fr
        LOCATION:Zones A/B/C
        DESCRIPTION:Pont de l'Ascension - Zones A/B/C
        TRANSP:TRANSPARENT
        END:VEVENT
        BEGIN:VEVENT
        DTSTAMP:20250114T124531Z
        DTSTART;VALUE=DATE:20270301
        DTEND;VALUE=DATE:20270308
        SUMMARY:Vacances d'Hiver - Zone B
        UID:20250114T124840Z-Zone-A-B-C-Corse@data.education.gouv.fr
        LOCATION:Zone B
        DESCRIPTION:Vacances d'Hiver - Zone B
        TRANSP:TRANSPARENT
        END:VEVENT
        BEGIN:VEVENT
        DTSTAMP:20250114T124531Z
        DTSTART;VALUE=DATE:20270222
        DTEND;VALUE=DATE:20270301
        SUMMARY:Vacances d'Hiver - Zones A/B
        UID:20250114T124841Z-Zone-A-B-C-Corse@data.education.gouv.fr
        LOCATION:Zones A/B
        DESCRIPTION:Vacances d'Hiver - Zones A/B
        TRANSP:TRANSPARENT
        END:VEVENT
        BEGIN:VEVENT
        DTSTAMP:20250114T124531Z
        DTSTART;VALUE=DATE:20270220
        DTEND;VALUE=DATE:20270222
        SUMMARY:Vacances d'Hiver - Zones A/B/C
        UID:20250114T124842Z-Zone-A-B-C-Corse@data.education.gouv.fr
        LOCATION:Zones A/B/C
        DESCRIPTION:Vacances d'Hiver - Zones A/B/C
        TRANSP:TRANSPARENT
        END:VEVENT
        BEGIN:VEVENT
        DTSTAMP:20250114T124531Z
        DTSTART;VALUE=DATE:20270213
        DTEND;VALUE=DATE:20270220
        SUMMARY:Vacances d'Hiver - Zones A/C
        UID:20250114T124843Z-Zone-A-B-C-Corse@data.education.gouv.fr
        LOCATION:Zones A/C
        DESCRIPTION:Vacances d'Hiver - Zones A/C
        TRANSP:TRANSPARENT
        END:VEVENT
        BEGIN:VEVENT
        DTSTAMP:20250114T124531Z
        DTSTART;VALUE=DATE:20270206
        DTEND;VALUE=DATE:20270213
        SUMMARY:Vacances d'Hiver - Zone C
        UID:20250114T124844Z-Zone-A-B-C-Corse@data.education.gouv.fr
        LOCATION:Zone C
        DESCRIPTION:Vacances d'Hiver - Zone C
        TRANSP:TRANSPARENT
        END:VEVENT
        BEGIN:VEVENT
        DTSTAMP:20250114T124531Z
        DTSTART;VALUE=DATE:20261219
        DTEND;VALUE=DATE:20270104
        SUMMARY:Vacances de Noël - Zones A/B/C
        UID:20250114T124845Z-Zone-A-B-C-Corse@data.education.gouv.fr
        LOCATION:Zones A/B/C
        DESCRIPTION:Vacances de Noël - Zones A/B/C
        TRANSP:TRANSPARENT
        END:VEVENT
        BEGIN:VEVENT
        DTSTAMP:20250114T124531Z
        DTSTART;VALUE=DATE:20261017
        DTEND;VALUE=DATE:20261102
        SUMMARY:Vacances de la Toussaint - Zones A/B/C
        UID:20250114T124846Z-Zone-A-B-C-Corse@data.education.gouv.fr
        LOCATION:Zones A/B/C
        DESCRIPTION:Vacances de la Toussaint - Zones A/B/C
        TRANSP:TRANSPARENT
        END:VEVENT
        BEGIN:VEVENT
        DTSTAMP:20250114T124531Z
        DTSTART;VALUE=DATE:20250609
        DTEND;VALUE=DATE:20250609
        SUMMARY:Lundi de Pentecôte - Corse
        UID:20250114T124850Z-Zone-A-B-C-Corse@data.education.gouv.fr
        LOCATION:Corse
        DESCRIPTION:Lundi de Pentecôte - Corse
        TRANSP:TRANSPARENT
        END:VEVENT
        BEGIN:VEVENT
        DTSTAMP:20250114T124531Z
        DTSTART;VALUE=DATE:20241019
        DTEND;VALUE=DATE:20241104
        SUMMARY:Vacances de la Toussaint - Zones A/B/C - Corse
        UID:20250114T124903Z-Zone-A-B-C-Corse@data.education.gouv.fr
        LOCATION:Zones A/B/C - Corse
        DESCRIPTION:Vacances de la Toussaint - Zones A/B/C - Corse
        TRANSP:TRANSPARENT
        END:VEVENT
        END:VCALENDAR
        """;

    private static readonly DateOnly ToussaintResumes = new(2026, 11, 2);

    [Fact]
    public void ToussaintOfZoneA_CoversItsWeekdays_NotTheLastSchoolDay_NorTheResumptionMonday()
    {
        var read = Read(MinistryFile);

        Assert.Empty(read.Problems);
        var toussaint = Assert.Single(read.Periods, p => p.Zone == "zone-a" && p.Label == "Vacances de la Toussaint" && p.FirstDay.Year == 2026);
        Assert.Equal((new DateOnly(2026, 10, 17), new DateOnly(2026, 11, 1)), (toussaint.FirstDay, toussaint.LastDay));
        for (var day = new DateOnly(2026, 10, 19); day < ToussaintResumes; day = day.AddDays(1))
        {
            Assert.True(toussaint.Contains(day), $"{day} is a day off");
        }

        Assert.False(toussaint.Contains(new DateOnly(2026, 10, 16)));
        Assert.False(toussaint.Contains(ToussaintResumes));
    }

    [Fact]
    public void PiecesSharedByZones_BecomeOneHolidayPerZone_LabelledWithoutTheZones()
    {
        var winter = Read(MinistryFile).Periods.Where(p => p.Label == "Vacances d'Hiver").ToList();

        Assert.Equal(
            [
                new("zone-a", new(2027, 2, 13), new(2027, 2, 28), "Vacances d'Hiver"),
                new("zone-b", new(2027, 2, 20), new(2027, 3, 7), "Vacances d'Hiver"),
                new HolidayPeriod("zone-c", new(2027, 2, 6), new(2027, 2, 21), "Vacances d'Hiver"),
            ],
            winter);
    }

    [Fact]
    public void AnEventForSeveralZonesAndCorse_GivesEachOfThemThePeriod()
    {
        var toussaint2024 = Read(MinistryFile).Periods.Where(p => p.FirstDay == new DateOnly(2024, 10, 19)).ToList();

        Assert.Equal(["corse", "zone-a", "zone-b", "zone-c"], toussaint2024.Select(p => p.Zone));
        Assert.All(toussaint2024, p => Assert.Equal(new DateOnly(2024, 11, 3), p.LastDay));
    }

    [Fact]
    public void ZeroLengthMarkers_AreOneDay_ExceptTheStartOfSummer_WhichRunsToTheEndOfAugust()
    {
        var periods = Read(MinistryFile).Periods;

        var pentecost = Assert.Single(periods, p => p.Label == "Lundi de Pentecôte");
        Assert.Equal(("corse", new DateOnly(2025, 6, 9), new DateOnly(2025, 6, 9)), (pentecost.Zone, pentecost.FirstDay, pentecost.LastDay));
        var summer = Assert.Single(periods, p => p.Zone == "zone-c" && p.Label == "Début des Vacances d'Été");
        Assert.Equal((new DateOnly(2027, 7, 3), new DateOnly(2027, 8, 31)), (summer.FirstDay, summer.LastDay));
        var ascension = Assert.Single(periods, p => p.Zone == "zone-b" && p.Label == "Pont de l'Ascension");
        Assert.Equal((new DateOnly(2027, 5, 6), new DateOnly(2027, 5, 9)), (ascension.FirstDay, ascension.LastDay));
    }

    [Fact]
    public void ASouthernSummerStart_WithoutItsEnd_IsOneDay_AndSaysSo()
    {
        // Nouvelle-Calédonie's summer holidays start in December: "to the end of August" would swallow its school year.
        var read = Read(Calendar(Event("Début des Vacances d'Été", "DTSTART;VALUE=DATE:20261219", "DTEND;VALUE=DATE:20261219", "UID:20260918T090443Z-NouvelleCaledonie@data.education.gouv.fr")));

        Assert.Equal([new("nouvelle-caledonie", new(2026, 12, 19), new(2026, 12, 19), "Début des Vacances d'Été")], read.Periods);
        Assert.StartsWith("L'événement « Début des Vacances d'Été » ne donne pas la fin des vacances d'été", Assert.Single(read.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Periods_AreSortedByZoneThenFirstDay_AndARepeatedEventCountsOnce()
    {
        var twice = MinistryFile.Replace("END:VCALENDAR", Event("Vacances de Noël - Zones A/B/C", "DTSTART;VALUE=DATE:20261219", "DTEND;VALUE=DATE:20270104") + "END:VCALENDAR", StringComparison.Ordinal);

        var periods = Read(twice).Periods;

        Assert.Single(periods, p => p.Zone == "zone-a" && p.Label == "Vacances de Noël");
        Assert.Equal(periods.OrderBy(p => p.Zone, StringComparer.Ordinal).ThenBy(p => p.FirstDay), periods);
        Assert.Equal(6 + 6 + 6 + 2, periods.Count);
    }

    [Fact]
    public void CrLfLinesAndAUtf8Bom_AreReadTheSame()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(MinistryFile.ReplaceLineEndings("\r\n"))).ToArray();

        var read = HolidayCalendarReader.Read(new MemoryStream(bytes), null);

        Assert.Empty(read.Problems);
        Assert.Equal(Read(MinistryFile).Periods, read.Periods);
    }

    [Fact]
    public void APerZoneMinistryFile_WhoseEventsNameNoZone_IsReadForTheZoneItsUidsName()
    {
        var zoneA = Calendar(Event("Vacances de la Toussaint", "DTSTART;VALUE=DATE:20261017", "DTEND;VALUE=DATE:20261102", "UID:20260918T084701Z-Zone-A@data.education.gouv.fr"));

        var read = Read(zoneA);

        Assert.Empty(read.Problems);
        Assert.Equal([new("zone-a", new(2026, 10, 17), new(2026, 11, 1), "Vacances de la Toussaint")], read.Periods);
    }

    [Fact]
    public void AnEventWithoutZone_TakesTheHint_AndTheFirstDayOfSchoolIsNoHoliday()
    {
        // As the académie de Corse keeps its own calendar: plain summaries, and the rentrée listed with the holidays.
        var corse = Calendar(
            Event("Vacances d'automne", "DTSTART;VALUE=DATE:20251018", "DTEND;VALUE=DATE:20251103", "UID:67i3bfjokkn25fmocv0riunf0g@google.com"),
            Event("Rentrée scolaire des élèves (école collège et lycée)", "DTSTART;VALUE=DATE:20250902", "DTEND;VALUE=DATE:20250903", "UID:7i34p1ink296ehkj9g0if92t39@google.com"));

        var read = Read(corse, "Corse");

        Assert.Empty(read.Problems);
        Assert.Equal([new("corse", new(2025, 10, 18), new(2025, 11, 2), "Vacances d'automne")], read.Periods);
        Assert.Equal("zone-b", Assert.Single(Read(corse, "Orléans-Tours").Periods).Zone); // an académie stands for its zone
    }

    [Fact]
    public void AnEventWithNeitherZoneNorHint_IsAProblem_AndTheOthersAreStillRead()
    {
        var file = Calendar(
            Event("Vacances d'automne", "DTSTART;VALUE=DATE:20251018", "DTEND;VALUE=DATE:20251103"),
            Event("Vacances de Noël - Zone B", "DTSTART;VALUE=DATE:20251220", "DTEND;VALUE=DATE:20260105"));

        var read = Read(file);

        var problem = Assert.Single(read.Problems);
        Assert.StartsWith("L'événement « Vacances d'automne » du 18/10/2025 ne dit pas à quelle zone il s'applique", problem, StringComparison.Ordinal);
        Assert.Equal([new("zone-b", new(2025, 12, 20), new(2026, 1, 4), "Vacances de Noël")], read.Periods);
    }

    [Fact]
    public void AnUnknownHint_IsAProblem_AndDoesNotPlaceTheEvents()
    {
        var read = Read(Calendar(Event("Vacances d'automne", "DTSTART;VALUE=DATE:20251018", "DTEND;VALUE=DATE:20251103")), "Zone D");

        Assert.Empty(read.Periods);
        Assert.Equal(2, read.Problems.Count);
        Assert.Equal("La zone « Zone D » n'est pas reconnue : indiquez par exemple « Zone A », « Corse » ou « La Réunion ».", read.Problems[0]);
    }

    [Theory]
    [InlineData("hello world")]
    [InlineData("")]
    [InlineData("BEGIN:VCARD\nFN:Camille Martin\nEND:VCARD\n")]
    [InlineData("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Vacances\nEND:VEVENT\n")]
    [InlineData("Nom;Prénom;Courriel\nMartin;Camille;camille.martin@ac-lyon.fr\n")]
    public void Garbage_GivesOneFrenchProblem_AndNoPeriod(string text)
    {
        var read = Read(text);

        Assert.Empty(read.Periods);
        Assert.StartsWith("Le fichier n'est pas un calendrier ICS lisible : ", Assert.Single(read.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AFileOverTwoMegabytes_IsRefusedBeforeParsing(bool seekable)
    {
        var huge = Encoding.UTF8.GetBytes(MinistryFile.Replace("X-WR-CALDESC:", "X-WR-CALDESC:" + new string('x', HolidayCalendarReader.MaxBytes), StringComparison.Ordinal));
        Stream stream = seekable ? new MemoryStream(huge) : new ForwardOnlyStream(huge);

        var read = HolidayCalendarReader.Read(stream, null);

        Assert.Empty(read.Periods);
        Assert.Equal("Le fichier dépasse 2 Mo, la taille maximale d'un calendrier scolaire : il n'a pas été lu.", Assert.Single(read.Problems));
    }

    [Theory]
    [InlineData("DTSTART;TZID=Europe/Paris:20261017T000000", "DTEND;TZID=Europe/Paris:20261102T000000")]
    [InlineData("DTSTART:20261016T220000Z", "DTEND:20261101T230000Z")]
    [InlineData("DTSTART:20261017T000000", "DTEND:20261101T180000")]
    [InlineData("DTSTART;VALUE=DATE:20261017", "DURATION:P16D")]
    public void DateTimes_AreReadAsTheZonesLocalDays(string start, string end)
    {
        var read = Read(Calendar(Event("Vacances de la Toussaint - Zone A", start, end)));

        Assert.Empty(read.Problems);
        Assert.Equal([new("zone-a", new(2026, 10, 17), new(2026, 11, 1), "Vacances de la Toussaint")], read.Periods);
    }

    [Fact]
    public void AnEventWithoutEnd_IsThatDayOnly()
    {
        var read = Read(Calendar(Event("Pont de l'Ascension - Zone C", "DTSTART;VALUE=DATE:20270507")));

        Assert.Equal([new("zone-c", new(2027, 5, 7), new(2027, 5, 7), "Pont de l'Ascension")], read.Periods);
    }

    [Fact]
    public void BrokenEvents_AreProblemsNamingThem_AndAreLeftOut()
    {
        var file = Calendar(
            Event("Vacances d'Hiver - Zone A"),
            Event("Vacances de Noël - Guadeloupe", "DTSTART;VALUE=DATE:20261219", "DTEND;VALUE=DATE:20260104"),
            Event("Abolition de l'esclavage - Guadeloupe", "DTSTART;VALUE=DATE:20261009", "DTEND;VALUE=DATE:20270528"),
            Event("Vacances de Printemps - Zone A", "DTSTART;VALUE=DATE:20270410", "DTEND;VALUE=DATE:20270426"));

        var read = Read(file);

        Assert.Equal(
            [
                "L'événement « Vacances d'Hiver - Zone A » n'a pas de date de début : ignoré.",
                "L'événement « Vacances de Noël - Guadeloupe » se termine (04/01/2026) avant de commencer (19/12/2026) : ignoré.",
                "L'événement « Abolition de l'esclavage - Guadeloupe » dure 231 jours (du 09/10/2026 au 27/05/2027) : ignoré, le fichier semble erroné.",
            ],
            read.Problems);
        Assert.Equal([new("zone-a", new(2027, 4, 10), new(2027, 4, 25), "Vacances de Printemps")], read.Periods);
    }

    internal static HolidayCalendarRead Read(string ics, string? zoneHint = null) =>
        HolidayCalendarReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(ics)), zoneHint);

    private static string Calendar(params string[] events) =>
        "BEGIN:VCALENDAR\nPRODID:-//MENJS//Calendrier//FR\nVERSION:2.0\n" + string.Concat(events) + "END:VCALENDAR\n";

    private static string Event(string summary, params string[] lines) =>
        $"BEGIN:VEVENT\nDTSTAMP:20250114T124531Z\nSUMMARY:{summary}\n{string.Concat(lines.Select(l => l + "\n"))}TRANSP:TRANSPARENT\nEND:VEVENT\n";

    /// <summary>A network stream: no length known in advance.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
