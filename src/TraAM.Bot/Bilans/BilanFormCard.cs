using System.Globalization;
using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.Forms;

namespace TraAM.Bot.Bilans;

/// <summary>
/// A team's bilan in the generic form card (cards/forms/form.json): the collection, the state of the answer, what the
/// bot knows of the team's year (facts), the questions with what was saved or typed, errors beside their field. The
/// buttons carry the collection and team and the revision shown, nothing else; a closed collection's card has none.
/// </summary>
internal sealed class BilanFormCard(CardTemplates cards)
{
    public const string SaveVerb = "bilan.save";
    public const string SubmitVerb = "bilan.submit";

    public JsonElement Render(BilanFile file, FormAnswers answers, IReadOnlyDictionary<string, string> errors, string language,
        IReadOnlyList<FormFact>? context = null, string banner = "", string done = "", string intro = "", int? revision = null, bool closed = false)
    {
        string T(string key) => cards.Text($"bilan.{key}", language);
        var b = file.Bilan;
        var version = (revision ?? b?.Revision ?? 0).ToString(CultureInfo.InvariantCulture);
        var state = b is { Version: > 0, SubmittedAt: { } at }
            ? cards.Formatted("bilan.stateVersion", language, b.Version, DateText.DayAndTime(TimeZoneInfo.ConvertTime(at, file.Zone).DateTime, language))
            : T("stateNone");
        var data = new FormCardData(
            T("formTitle") + " " + file.Team.Name,
            file.Theme.Title,
            [
                new(T("facts.academy"), Reference.Academies.ByCode(file.Team.AcademyCode)?.Name ?? file.Team.AcademyCode),
                new(T("facts.closes"), DateText.Day(file.Collection.Closes, language, withWeekday: true)),
                new(T("facts.state"), state),
                .. context ?? [],
            ],
            banner,
            done,
            string.Join(" ", new[] { file.Collection.Message is { Length: > 0 } m ? cards.Formatted("bilan.message", language, file.Collection.LaunchedByName, m) : "", T("intro"), intro }.Where(s => s.Length > 0)),
            FormCard.Fields(BilanForm.Definition, answers, errors, cards, language),
            closed ? [] :
            [
                new FormAction(T("saveDraft"), SaveVerb, file.Subject, version),
                new FormAction(T("submit"), SubmitVerb, file.Subject, version, "positive"),
            ]);
        return cards.Render(FormCard.Template, data, language);
    }
}

internal static class BilanText
{
    /// <summary>The text of <paramref name="key"/> with its {0}, {1}… filled in.</summary>
    public static string Formatted(this CardTemplates cards, string key, string language, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, cards.Text(key, language), args);
}
