using System.Globalization;
using System.Text.Json;
using TraAM.Bot.Cards;

namespace TraAM.Bot.Meetings;

/// <summary>What the scheduling card is about besides the form: a new meeting of one of the caller's themes, or moving one.</summary>
internal sealed record ScheduleView(
    bool Moving, Guid MeetingId, int Revision, string Heading, IReadOnlyList<Choice> Themes, IReadOnlyList<Choice> Secretaries,
    IReadOnlyList<GroupMember> Invitees, MeetingForm Form);

/// <summary>
/// The scheduling card (cards/meetings/schedule.json), for a new meeting or to move one: the meeting id chosen when
/// it was first shown rides on its button, so a double submit is the same meeting.
/// </summary>
internal sealed class ScheduleCard(CardTemplates cards)
{
    public const string Template = "meetings/schedule";

    public JsonElement Render(ScheduleView v, string language)
    {
        var f = v.Form;
        string Error(string field) => f.Errors.TryGetValue(field, out var e) ? e : "";
        var elsewhere = new MeetingForm(f.Theme, f.Kind, f.Date, f.Time, f.Duration, f.Zone, "", "", "", false).ToDraft(MeetingKind.Checkpoint, cards, language).Draft?.StartUtc() is { } start
            ? MeetingTimes.Elsewhere(start, f.Zone, v.Invitees.Select(i => i.AcademyCode), language)
            : [];
        var data = new ScheduleCardData(
            v.Heading, v.Moving ? "move" : "new", v.MeetingId.ToString("N"), v.Revision.ToString(CultureInfo.InvariantCulture),
            v.Themes, f.Theme, Error("theme"), f.Kind, Error("kind"), f.Date, Error("date"), f.Time, Error("time"), f.Duration, Error("duration"),
            [.. MeetingTimes.Choices(language).Select(z => new Choice(z.Title, z.Value))], f.Zone, Error("zone"), elsewhere,
            f.Subject, Error("subject"), f.Agenda, v.Secretaries, f.Secretary, Error("secretary"),
            string.Join(", ", v.Invitees.Select(i => i.Name)), f.ShowConfirm, f.Confirm);
        return cards.Render(Template, data, language);
    }
}

internal sealed record Choice(string Title, string Value);

/// <summary>Data of cards/meetings/schedule.json.</summary>
internal sealed record ScheduleCardData(
    string Heading, string Mode, string MeetingId, string Revision,
    IReadOnlyList<Choice> Themes, string Theme, string ThemeError, string Kind, string KindError,
    string Date, string DateError, string Time, string TimeError, string Duration, string DurationError,
    IReadOnlyList<Choice> Zones, string Zone, string ZoneError, IReadOnlyList<TimeFact> Elsewhere,
    string Subject, string SubjectError, string Agenda, IReadOnlyList<Choice> Secretaries, string Secretary, string SecretaryError,
    string Invitees, bool ShowConfirm, bool Confirm);
