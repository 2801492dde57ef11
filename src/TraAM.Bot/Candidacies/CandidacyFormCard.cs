using System.Globalization;
using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.Forms;

namespace TraAM.Bot.Candidacies;

/// <summary>
/// The referent's form (cards/forms/form.json) for one team: what the directory knows about the team, the answers
/// (saved or just typed), errors next to their field, and the two buttons. The buttons carry the team and the revision
/// the card shows, nothing else: who may save is decided again on each click.
/// </summary>
public sealed class CandidacyFormCard(CardTemplates cards)
{
    public const string SaveVerb = "candidacy.save";
    public const string SubmitVerb = "candidacy.submit";

    public JsonElement Render(CandidacyFile file, FormAnswers answers, IReadOnlyDictionary<string, string> errors, string language,
        string banner = "", string done = "", int? revision = null)
    {
        var form = CandidacyForm.Definition;
        string T(string key) => cards.Text($"candidacy.{key}", language);
        var c = file.Candidacy;
        var subject = file.Team.Id.ToString(CultureInfo.InvariantCulture);
        var version = (revision ?? c?.Revision ?? 0).ToString(CultureInfo.InvariantCulture);
        var state = T($"states.{c?.State ?? CandidacyState.Draft}") + (c is { Version: > 0 } ? $" (v{c.Version})" : "");
        var data = new FormCardData(
            T("formTitle") + " " + file.Team.Name,
            file.Theme.Title,
            [
                new(T("facts.academy"), Reference.Academies.ByCode(file.Team.AcademyCode)?.Name ?? file.Team.AcademyCode),
                new(T("facts.members"), file.Referents.Count > 0
                    ? string.Format(CultureInfo.InvariantCulture, T("members"), file.Members, string.Join(", ", file.Referents.Select(r => r.DisplayName)))
                    : string.Format(CultureInfo.InvariantCulture, T("noReferent"), file.Members)),
                new(T("facts.campaign"), file.Campaign.Code),
                new(T("facts.deadline"), DateText.Day(file.Campaign.SubmissionDeadline, language)),
                new(T("facts.state"), state),
            ],
            banner,
            done,
            T("intro"),
            FormCard.Fields(form, answers, errors, cards, language),
            [
                new FormAction(T("saveDraft"), SaveVerb, subject, version),
                new FormAction(T("submit"), SubmitVerb, subject, version, "positive"),
            ]);
        return cards.Render(FormCard.Template, data, language);
    }
}
