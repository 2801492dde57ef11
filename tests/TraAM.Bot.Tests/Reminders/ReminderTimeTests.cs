using System.Text.Json;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Delivery;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Tests.Reminders;

/// <summary>Reminder offsets as typed on the calendar card, and 9:00 local turned into instants.</summary>
public sealed class ReminderTimeTests
{
    [Theory]
    [InlineData("30,7,1", new[] { 30, 7, 1 })]
    [InlineData(" 1; 30 7 ", new[] { 30, 7, 1 })]
    [InlineData("J-14, J-2", new[] { 14, 2 })]
    [InlineData("120", new[] { 120 })]
    [InlineData("-3", new[] { 3 })]
    public void Offsets_are_read_largest_first(string text, int[] expected) => Assert.Equal(expected, Campaign.ParseOffsets(text));

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("121")]
    [InlineData("7, 7")]
    [InlineData("1,2,3,4,5,6")]
    [InlineData("sept")]
    [InlineData("3.5")]
    public void Impossible_offsets_are_refused(string text) => Assert.Null(Campaign.ParseOffsets(text));

    [Fact]
    public void A_campaign_with_unreadable_offsets_falls_back_to_the_defaults()
    {
        var c = Call2026.Campaign;
        c.ReminderOffsets = "n'importe quoi";
        Assert.Equal([30, 7, 1], c.ReminderDays);
    }

    [Theory]
    [InlineData("lyon", 2027, 3, 26, 8)]               // winter time, UTC+1
    [InlineData("lyon", 2027, 3, 29, 7)]               // the day after the change, UTC+2
    [InlineData("lyon", 2027, 11, 2, 8)]               // back to UTC+1 after 31 October
    [InlineData("la-reunion", 2027, 3, 29, 5)]         // UTC+4, no summer time
    [InlineData("nouvelle-caledonie", 2027, 3, 29, -2)] // UTC+11: 9:00 on the 29th is 22:00 UTC on the 28th
    [InlineData("guyane", 2027, 3, 29, 12)]            // UTC-3
    [InlineData(null, 2027, 7, 1, 7)]                  // unknown académie: Paris
    public void Nine_oclock_where_people_work(string? academy, int y, int m, int d, int utcHour)
    {
        var at = LocalTime.At(new DateOnly(y, m, d), LocalTime.ReminderTime, LocalTime.ZoneOf(academy));
        Assert.Equal(new DateTimeOffset(y, m, d, 0, 0, 0, TimeSpan.Zero).AddHours(utcHour), at);
        Assert.Equal(TimeSpan.Zero, at.Offset);
    }

    [Fact]
    public void A_time_skipped_by_the_spring_change_moves_past_the_gap_and_a_repeated_one_is_the_first()
    {
        var paris = LocalTime.ZoneOf("paris");
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 0, 0, TimeSpan.Zero), LocalTime.At(new DateOnly(2027, 3, 28), new TimeOnly(2, 30), paris));
        Assert.Equal(new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero), LocalTime.At(new DateOnly(2027, 10, 31), new TimeOnly(2, 30), paris));
    }

    [Fact]
    public void Localized_card_data_gives_each_recipient_their_language()
    {
        var data = JsonSerializer.SerializeToElement(LocalizedData.Of(new { title = "Bilan" }, new { title = "Report" }));
        Assert.Equal("Report", LocalizedData.For(data, "en").GetProperty("title").GetString());
        Assert.Equal("Bilan", LocalizedData.For(data, "fr").GetProperty("title").GetString());
        Assert.Equal("Bilan", LocalizedData.For(data, "de").GetProperty("title").GetString());
        var plain = JsonSerializer.SerializeToElement(new { title = "Tel quel" });
        Assert.Equal("Tel quel", LocalizedData.For(plain, "en").GetProperty("title").GetString());
    }
}
