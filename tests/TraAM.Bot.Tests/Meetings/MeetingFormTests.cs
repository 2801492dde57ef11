using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.Meetings;
using TraAM.Bot.Tests.Cards;

namespace TraAM.Bot.Tests.Meetings;

public sealed class MeetingFormTests
{
    private static readonly CardTemplates Cards = new(CardTemplatesTests.RepoCards);

    private static MeetingForm Form(string date = "2027-01-12", string time = "14:00", string duration = "90", string zone = "Europe/Paris", string kind = "checkpoint") =>
        MeetingForm.From(JsonSerializer.SerializeToElement(new { theme = "9", kind, date, time, duration, zone, subject = " Objet ", agenda = "", secretary = "", confirm = "true" }));

    [Fact]
    public void A_well_filled_card_is_a_draft_in_its_zone()
    {
        var (draft, form) = Form().ToDraft(null, Cards, "fr");

        Assert.False(form.HasErrors);
        Assert.Equal("Objet", form.Subject);
        Assert.True(form.Confirm);
        Assert.Equal(new MeetingDraft(MeetingKind.Checkpoint, new DateOnly(2027, 1, 12), new TimeOnly(14, 0), TimeSpan.FromMinutes(90), "Europe/Paris"), draft);
        Assert.Equal(new DateTimeOffset(2027, 1, 12, 13, 0, 0, TimeSpan.Zero), draft!.StartUtc());
    }

    [Fact]
    public void What_cannot_be_read_is_said_beside_each_field_and_kept()
    {
        var (draft, form) = Form(date: "12/01/2027", time: "25:00", duration: "0", zone: "Mars/Olympus", kind: "party").ToDraft(null, Cards, "fr");

        Assert.Null(draft);
        Assert.Equal(["date", "duration", "kind", "time", "zone"], form.Errors.Keys.Order());
        Assert.Equal("12/01/2027", form.Date);
        Assert.StartsWith("Indiquez une date", form.Errors["date"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_confirmable_rule_shows_the_tick_and_its_text_in_the_readers_language()
    {
        var problems = new[] { new MeetingProblem("date", "Ce jour est un week-end.", "This day is a weekend.", true) };

        var fr = Form().With(problems, "fr");
        var en = Form().With(problems, "en");

        Assert.True(fr.ShowConfirm);
        Assert.Equal("Ce jour est un week-end.", fr.Errors["date"]);
        Assert.Equal("This day is a weekend.", en.Errors["date"]);
        Assert.False(Form().With([new MeetingProblem("duration", "x", "x", false)], "fr").ShowConfirm);
    }

    [Fact]
    public void The_time_elsewhere_names_each_attendees_overseas_zone_once_and_Paris()
    {
        var start = new DateTimeOffset(2027, 1, 12, 13, 0, 0, TimeSpan.Zero); // 14:00 in Paris

        var lines = MeetingTimes.Elsewhere(start, "Europe/Paris", ["lyon", "martinique", "martinique", "la-reunion", null], "fr");

        Assert.Equal([("Martinique", "mardi 12 janvier 2027 à 9 h"), ("La Réunion", "mardi 12 janvier 2027 à 17 h")], lines.Select(l => (l.Title, l.Value)));
        Assert.Equal("Paris", Assert.Single(MeetingTimes.Elsewhere(start, "America/Martinique", ["martinique"], "fr")).Title);
    }
}
