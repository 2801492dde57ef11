using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.Meetings.Minutes;
using TraAM.Bot.Tests.Cards;

namespace TraAM.Bot.Tests.Meetings;

/// <summary>Teams' VTT read into speakers and times, and the minutes form's own checks (dates, action rows, links, owners).</summary>
public sealed class MinutesFormTests
{
    private static readonly CardTemplates Cards = new(CardTemplatesTests.RepoCards);

    private static readonly MinutesInvitee[] Invitees =
    [
        new(1, 11, "Léa Petit", "lea.petit@ac-lyon.fr"),
        new(2, 12, "Marc Durand", "marc.durand@ac-lyon.fr"),
        new(3, null, "Invitée externe", "externe@example.org"),
    ];

    [Fact]
    public void A_Teams_transcript_gives_its_speakers_times_and_decoded_text()
    {
        const string vtt = "WEBVTT\n\nab12/3-0\n00:00:05.120 --> 00:00:09.000\n<v Léa Petit>Bonjour &amp; bienvenue.</v>\n\n"
            + "ab12/4-0\n00:01:02.000 --> 00:01:08.500\n<v Marc Durand>Les scénarios</v>\n<v Marc Durand>sont testés.</v>\n\nNOTE fin\n";

        var lines = Transcript.Parse(vtt);

        Assert.Equal(2, lines.Count);
        Assert.Equal(new TranscriptLine(TimeSpan.FromSeconds(5.12), "Léa Petit", "Bonjour & bienvenue."), lines[0]);
        Assert.Equal("00:01:02 Marc Durand : Les scénarios sont testés.", lines[1].ToString());
        Assert.Empty(Transcript.Parse("not a transcript"));
    }

    [Fact]
    public void Dates_half_filled_action_rows_bad_links_and_a_forged_owner_are_refused_beside_their_field()
    {
        var form = MinutesForm.For(Invitees);
        var answers = form.Read(JsonDocument.Parse("""
            { "present": "1", "action1What": "Relire", "action1Owner": "12", "action1Due": "01/02/2027",
              "action2Owner": "11", "action3What": "Écrire", "action3Owner": "99", "links": "https://ok.fr\nhttp://pas-https.fr" }
            """).RootElement);

        var errors = MinutesForm.Validate(form, answers, publishing: true, Cards, "fr");

        Assert.Equal(["action1Due", "action2What", "action3Owner", "links"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("AAAA-MM-JJ", errors["action1Due"], StringComparison.Ordinal);
    }

    [Fact]
    public void Publishing_needs_someone_present_a_draft_does_not()
    {
        var form = MinutesForm.For(Invitees);
        var empty = form.Read(JsonDocument.Parse("{}").RootElement);

        Assert.Empty(MinutesForm.Validate(form, empty, publishing: false, Cards, "fr"));
        Assert.Equal(["present"], MinutesForm.Validate(form, empty, publishing: true, Cards, "fr").Keys);
    }

    [Fact]
    public void Actions_are_read_by_row_with_their_owner_and_date()
    {
        var form = MinutesForm.For(Invitees);
        var answers = form.Read(JsonDocument.Parse("""{ "action2What": "Relire", "action2Owner": "12", "action2Due": "2027-02-01", "action4What": "Suivi" }""").RootElement);

        Assert.Equal([new ActionRow(2, "Relire", 12, new DateOnly(2027, 2, 1)), new ActionRow(4, "Suivi", null, null)], MinutesForm.Actions(answers));
    }
}
