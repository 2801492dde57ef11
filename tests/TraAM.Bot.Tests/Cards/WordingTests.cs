using System.Text.Json;
using System.Text.RegularExpressions;
using TraAM.Bot.Campaigns.Calendar;
using TraAM.Bot.People;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Reminders;

namespace TraAM.Bot.Tests.Cards;

/// <summary>
/// The house style of every text a person reads (style.md): French without inclusive-writing points ("·" inside a
/// word: the ministry's circular of 5 May 2021), "1er septembre", "9 h"; English without "(s)" plurals and without a
/// space before a colon.
/// </summary>
public sealed partial class WordingTests
{
    [GeneratedRegex(@"\p{L}·\p{L}")]
    private static partial Regex InclusivePoint();

    [GeneratedRegex(@"(?<!\d)1 (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)")]
    private static partial Regex DayOneWithoutEr();

    [GeneratedRegex(@"\d{1,2}:\d{2}|\d{1,2}h\b")]
    private static partial Regex FrenchTimeNotInHStyle();

    private static IEnumerable<string> Texts(string language)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(CardTemplatesTests.RepoCards, "strings", language + ".json")));
        return Leaves(doc.RootElement).ToList();
    }

    private static IEnumerable<string> Leaves(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Leaves(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Leaves),
        JsonValueKind.String => [e.GetString()!],
        _ => [],
    };

    private static IEnumerable<string> RoleLabels(string language) => Enum.GetValues<Role>().Select(r => Labels.Role(r, language));

    [Fact]
    public void FrenchTexts_UseNoInclusivePoint_AndWriteDatesAndTimesTheFrenchWay()
    {
        var french = Texts(Languages.French).Concat(RoleLabels(Languages.French)).ToList();

        Assert.Empty(french.Where(t => InclusivePoint().IsMatch(t)).ToList());
        Assert.Empty(french.Where(t => DayOneWithoutEr().IsMatch(t)).ToList());
        Assert.Empty(french.Where(t => FrenchTimeNotInHStyle().IsMatch(t)).ToList());
    }

    [Fact]
    public void EnglishTexts_HaveNoOptionalPlural_AndNoSpaceBeforeAColon()
    {
        var english = Texts(Languages.English).Concat(RoleLabels(Languages.English)).ToList();

        Assert.Empty(english.Where(t => t.Contains("(s)", StringComparison.Ordinal)).ToList());
        Assert.Empty(english.Where(t => t.Contains(" :", StringComparison.Ordinal)).ToList());
    }

    [Fact]
    public void FirstOfTheMonth_IsWrittenPremier_InFrenchOnly()
    {
        var day = new DateOnly(2026, 9, 1);

        Assert.Equal("1er septembre 2026", CalendarFields.Display(day, Languages.French));
        Assert.Equal("mardi 1er septembre 2026", ReminderPlanner.LongDate(day, Languages.French));
        Assert.Equal("2 septembre 2026", CalendarFields.Display(day.AddDays(1), Languages.French));
        Assert.Equal("1 September 2026", CalendarFields.Display(day, Languages.English));
    }

    [Fact]
    public void ReminderTimes_ReadNineH_InFrench_AndNineOClock_InEnglish()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var nine = new DateTimeOffset(2026, 9, 1, 7, 0, 0, TimeSpan.Zero);

        Assert.Equal("mardi 1er septembre 2026 à 9 h", ReminderPlanner.LongDateTime(nine, paris, Languages.French));
        Assert.Equal("mardi 1er septembre 2026 à 9 h 30", ReminderPlanner.LongDateTime(nine.AddMinutes(30), paris, Languages.French));
        Assert.Equal("Tuesday 1 September 2026, 09:00", ReminderPlanner.LongDateTime(nine, paris, Languages.English));
    }
}
