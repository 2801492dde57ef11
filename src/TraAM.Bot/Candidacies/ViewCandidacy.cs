using System.Globalization;
using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Candidacies;

/// <summary>
/// A candidacy's card for whoever asks: Teams' automatic refresh of the card (the user-specific view of the inspectors
/// named in <c>refresh.userIds</c>), "Examiner", "Ouvrir" in a list. An inspector who may decide gets the decision view;
/// who may change it gets "Modifier"; anyone else allowed to see the team gets the status; the others, nothing.
/// </summary>
internal sealed class ViewCandidacy(CallerResolver callers, TraamDbContext db, CandidacyCard card, CardTemplates cards) : ICardActionHandler
{
    public const string ViewVerb = "candidacy.view";
    public const string OpenVerb = "candidacy.open";

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (CandidacyIdOf(data) is not { } id || await CandidacyFile.ForCandidacyAsync(db, id, cancellationToken) is not { } file)
            return CardActionResult.Message(cards.Text("candidacy.review.gone", language));

        var caller = await callers.ResolveAsync(turn, cancellationToken);
        var view = ViewFor(caller, file);
        return view is { } v
            ? CardActionResult.Card(card.Render(file, v, language))
            : CardActionResult.Message(cards.Text("candidacy.review.notVisible", language));
    }

    /// <summary>What <paramref name="caller"/> may do with the candidacy, or null when they may not even see it.</summary>
    public static CandidacyView? ViewFor(Caller caller, CandidacyFile file)
    {
        if (caller.Can(Permission.ApproveCandidacy, file.Scope) && file.Candidacy?.State == CandidacyState.Pending) return CandidacyView.Decide;
        if (caller.Can(Permission.SubmitCandidacy, file.Scope)) return CandidacyView.Editable;
        return caller.Can(Permission.ViewTeamStatus, file.Scope) ? CandidacyView.Status : null;
    }

    public static long? CandidacyIdOf(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty("candidacyId", out var v)
        && long.TryParse(v.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
