using System.Globalization;
using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.Forms;

namespace TraAM.Bot.CheckIns;

/// <summary>
/// A team's check-in in the generic form card (cards/forms/form.json): the round, the state of the answer, the
/// questions with what was saved or typed, errors beside their field. The buttons carry the round and team and the
/// revision shown, nothing else; a closed round's card has none.
/// </summary>
internal sealed class CheckInFormCard(CardTemplates cards)
{
    public const string SaveVerb = "checkin.save";
    public const string SubmitVerb = "checkin.submit";

    public JsonElement Render(CheckInFile file, FormAnswers answers, IReadOnlyDictionary<string, string> errors, string language,
        string banner = "", string done = "", string intro = "", int? revision = null, bool closed = false)
    {
        string T(string key) => cards.Text($"checkin.{key}", language);
        var c = file.CheckIn;
        var version = (revision ?? c?.Revision ?? 0).ToString(CultureInfo.InvariantCulture);
        var state = c is { Version: > 0, SubmittedAt: { } at }
            ? cards.Format("checkin.stateVersion", language, c.Version, DateText.DayAndTime(TimeZoneInfo.ConvertTime(at, file.Zone).DateTime, language))
            : T("stateNone");
        var data = new FormCardData(
            T("formTitle") + " " + file.Team.Name,
            file.Theme.Title,
            [
                new(T("facts.academy"), Reference.Academies.ByCode(file.Team.AcademyCode)?.Name ?? file.Team.AcademyCode),
                new(T("facts.round"), Period(file.Round, cards, language)),
                new(T("facts.state"), state),
            ],
            banner,
            done,
            (T("intro") + " " + intro).Trim(),
            FormCard.Fields(CheckInForm.Definition, answers, errors, cards, language),
            closed ? [] :
            [
                new FormAction(T("saveDraft"), SaveVerb, file.Subject, version),
                new FormAction(T("submit"), SubmitVerb, file.Subject, version, "positive"),
            ]);
        return cards.Render(FormCard.Template, data, language);
    }

    /// <summary>"du lundi 5 octobre 2026 au vendredi 16 octobre 2026".</summary>
    public static string Period(CheckInRound round, CardTemplates cards, string language) =>
        cards.Format("checkin.period", language, DateText.Day(round.Opens, language, withWeekday: true), DateText.Day(round.Closes, language, withWeekday: true));
}

internal static class CheckInText
{
    /// <summary>The text of <paramref name="key"/> with its {0}, {1}… filled in.</summary>
    public static string Format(this CardTemplates cards, string key, string language, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, cards.Text(key, language), args);
}
