using System.Globalization;
using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.Delivery;
using TraAM.Bot.Forms;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Candidacies;

/// <summary>What a candidacy card offers whoever it is rendered for.</summary>
public enum CandidacyView
{
    /// <summary>The state and the submitted version: what everyone sees (a channel, the referent's notice).</summary>
    Status,

    /// <summary>The status in an inspector's own chat: with "Examiner", in case their client does not refresh by itself.</summary>
    StatusForReviewer,

    /// <summary>The user-specific view of an inspector who may decide: comment and the three decisions.</summary>
    Decide,

    /// <summary>For who may change it (the referent, an inspector filling it in): with "Modifier la candidature".</summary>
    Editable,
}

/// <summary>
/// The candidacy card (cards/candidacies/candidacy.json): the version inspectors decide on, its state and its last
/// decision, in one language. Every copy of it shows the same state; only the buttons depend on who looks.
/// </summary>
public sealed class CandidacyCard(CardTemplates cards)
{
    public const string Template = "candidacies/candidacy";

    public JsonElement Render(CandidacyFile file, CandidacyView view, string language, string banner = "", string done = "", string comment = "", string commentError = "") =>
        cards.Render(Template, Data(file, view, language, [], banner, done, comment, commentError), language);

    /// <summary>The data queued for a copy sent through the outbox, in both languages (rendered when it is sent).</summary>
    public Dictionary<string, object> Queued(CandidacyFile file, CandidacyView view, IReadOnlyList<string> refreshUserIds) =>
        LocalizedData.Of(Data(file, view, Languages.French, refreshUserIds), Data(file, view, Languages.English, refreshUserIds));

    public CandidacyCardData Data(CandidacyFile file, CandidacyView view, string language, IReadOnlyList<string> refreshUserIds,
        string banner = "", string done = "", string comment = "", string commentError = "")
    {
        var c = file.Candidacy;
        var answers = file.SubmittedAnswers;
        var state = c?.State ?? CandidacyState.Draft;
        var canDecide = view == CandidacyView.Decide && state == CandidacyState.Pending;
        return new CandidacyCardData(
            cards.Text("candidacy.review.heading", language),
            answers["title"].Length > 0 ? answers["title"] : file.Team.Name,
            [.. Facts(file, language)],
            cards.Text($"candidacy.states.{state}", language),
            state switch
            {
                CandidacyState.Approved or CandidacyState.Transmitted or CandidacyState.Selected => "Good",
                CandidacyState.Rejected or CandidacyState.NotSelected or CandidacyState.ChangesRequested => "Attention",
                CandidacyState.Pending => "Accent",
                _ => "Default",
            },
            FormCard.Facts(CandidacyForm.Definition, answers, cards, language),
            banner,
            done,
            canDecide,
            view == CandidacyView.StatusForReviewer && state == CandidacyState.Pending,
            view == CandidacyView.Editable && c is null or { IsEditable: true },
            comment,
            commentError,
            (c?.Id ?? 0).ToString(CultureInfo.InvariantCulture),
            file.Team.Id.ToString(CultureInfo.InvariantCulture),
            (c?.Version ?? 0).ToString(CultureInfo.InvariantCulture),
            refreshUserIds);
    }

    private IEnumerable<FormFact> Facts(CandidacyFile file, string language)
    {
        string T(string key) => cards.Text($"candidacy.{key}", language);
        string F(string key, params object[] args) => string.Format(CultureInfo.InvariantCulture, T(key), args);

        yield return new(T("facts.team"), file.Team.Name);
        yield return new(T("facts.academy"), Academies.ByCode(file.Team.AcademyCode)?.Name ?? file.Team.AcademyCode);
        yield return new(T("facts.theme"), file.Theme.Title);
        yield return new(T("facts.members"), file.Referents.Count > 0
            ? F("members", file.Members, string.Join(", ", file.Referents.Select(r => r.DisplayName)))
            : F("noReferent", file.Members));
        yield return new(T("facts.campaign"), file.Campaign.Code);
        yield return new(T("facts.version"), file.Submitted is { } v
            ? F("versionLine", v.Number, DateText.Day(DateOnly.FromDateTime(v.At.UtcDateTime), language), v.ByName)
            : T("noVersion"));
        if (file.Candidacy is { DecidedAt: { } at, DecidedByName: { } by } c && c.State is CandidacyState.Approved or CandidacyState.Rejected or CandidacyState.ChangesRequested)
        {
            yield return new(T("facts.decision"), F("decisionLine", T($"decisions.{c.State}"), by, DateText.Day(DateOnly.FromDateTime(at.UtcDateTime), language)));
            if (!string.IsNullOrEmpty(c.DecisionComment)) yield return new(T("facts.comment"), c.DecisionComment);
        }
    }
}

/// <summary>Data of cards/candidacies/candidacy.json.</summary>
public sealed record CandidacyCardData(
    string Heading,
    string Title,
    IReadOnlyList<FormFact> Facts,
    string State,
    string StateColor,
    IReadOnlyList<FormFact> Answers,
    string Banner,
    string Done,
    bool CanDecide,
    bool CanOpen,
    bool CanEdit,
    string Comment,
    string CommentError,
    string CandidacyId,
    string TeamId,
    string Version,
    IReadOnlyList<string> RefreshUserIds);
