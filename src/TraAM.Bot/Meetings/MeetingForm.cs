using System.Globalization;
using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Meetings;

/// <summary>
/// What the scheduling card sends back, as typed: it is shown again as it is when something is wrong, with the message
/// beside each field in <see cref="Errors"/> (field id → text).
/// </summary>
internal sealed record MeetingForm(
    string Theme, string Kind, string Date, string Time, string Duration, string Zone, string Subject, string Agenda, string Secretary, bool Confirm)
{
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    /// <summary>A problem the "Je confirme" tick lifts came up: the tick is shown.</summary>
    public bool ShowConfirm { get; init; }

    public bool HasErrors => Errors.Count > 0;

    public static MeetingForm From(JsonElement data)
    {
        string T(string name) => (CardInput.Text(data, name) ?? "").Trim();
        return new(T("theme"), T("kind"), T("date"), T("time"), T("duration"), T("zone"), T("subject"), T("agenda"), T("secretary"), CardInput.IsOn(data, "confirm"));
    }

    public static string KindValue(MeetingKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    public static MeetingKind? ParseKind(string value) =>
        Enum.GetValues<MeetingKind>().Cast<MeetingKind?>().FirstOrDefault(k => KindValue(k!.Value) == value);

    public MeetingForm WithError(string field, string text)
    {
        var errors = new Dictionary<string, string>(Errors);
        errors[field] = errors.TryGetValue(field, out var before) ? before + " " + text : text;
        return this with { Errors = errors };
    }

    /// <summary>The draft the rules judge, or the form with what cannot even be read (a date, a time, a duration).</summary>
    public (MeetingDraft? Draft, MeetingForm Form) ToDraft(MeetingKind? kind, CardTemplates cards, string language)
    {
        var form = this;
        string E(string key) => cards.Text("meetings.schedule.errors." + key, language);
        kind ??= ParseKind(Kind);
        if (kind is null) form = form.WithError("kind", E("kind"));
        if (!DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) form = form.WithError("date", E("date"));
        if (!TimeOnly.TryParseExact(Time, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)) form = form.WithError("time", E("time"));
        if (!int.TryParse(Duration, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || minutes is <= 0 or > 12 * 60)
            form = form.WithError("duration", E("duration"));
        if (!MeetingTimes.Choices(language).Any(z => z.Value == Zone)) form = form.WithError("zone", E("zone"));
        if (form.HasErrors) return (null, form);
        return (new MeetingDraft(kind!.Value, day, start, TimeSpan.FromMinutes(minutes), Zone), form);
    }

    /// <summary>The rules' problems beside their fields, in the reader's language; the tick is offered when one is confirmable.</summary>
    public MeetingForm With(IReadOnlyList<MeetingProblem> problems, string language)
    {
        var form = this;
        foreach (var p in problems) form = form.WithError(p.Field, language == Languages.English ? p.English : p.French);
        return form with { ShowConfirm = ShowConfirm || problems.Any(p => p.Confirmable) };
    }
}
