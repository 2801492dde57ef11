using System.Globalization;
using System.Text.Json;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Forms;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Candidacies;

/// <summary>
/// "candidature" / "candidacy": the form of the caller's team for the call that is open (prefilled from the directory and
/// from what was saved). A referent has one team; an inspector may fill it in for any team of their académie and
/// discipline, so several teams give a list to pick from (the <c>candidatures</c> card, with "Remplir"). The card's
/// "Modifier la candidature" button (<see cref="EditVerb"/>) opens the same form for the team it names, checked again.
/// </summary>
internal sealed class FillCandidacy(
    CallerResolver callers, CampaignPhases phases, TraamDbContext db, CandidacyRules rules, CandidacyFormCard form, CandidacyCard card,
    CandidacyList list, CardTemplates cards)
    : ITurnHandler, ICardActionHandler
{
    public const string EditVerb = "candidacy.edit";

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var call = await phases.ForCandidaciesAsync(cancellationToken);
        if (call is null)
        {
            await turn.SendTextAsync(cards.Text("candidacy.noCall", language), cancellationToken);
            return;
        }

        var caller = await callers.ResolveAsync(turn, cancellationToken);
        var mine = (await list.EntriesAsync(call, caller, cancellationToken)).Where(e => e.CanFill).ToList();
        if (turn.Command.Arguments.Length > 0)
            mine = [.. mine.Where(e => Reference.TextKey.Of(e.Team.Name).Contains(Reference.TextKey.Of(turn.Command.Arguments), StringComparison.Ordinal))];
        switch (mine.Count)
        {
            case 0:
                await turn.SendTextAsync(string.Format(CultureInfo.InvariantCulture, cards.Text("candidacy.noTeam", language), call.Code), cancellationToken);
                return;
            case 1:
                await turn.SendCardAsync(await OpenAsync(mine[0].Team.Id, language, cancellationToken), cancellationToken);
                return;
            default:
                await turn.SendCardAsync(list.Render(call, mine, language), cancellationToken);
                return;
        }
    }

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (await phases.ForCandidaciesAsync(cancellationToken) is not { } call
            || !long.TryParse(data.TryGetProperty("subject", out var s) ? s.ToString() : "", NumberStyles.None, CultureInfo.InvariantCulture, out var teamId)
            || await CandidacyFile.ForTeamAsync(db, teamId, cancellationToken) is not { } file || file.Campaign.Id != call.Id)
            return CardActionResult.Message(cards.Text("candidacy.unknownTeam", language));

        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (!caller.Can(Permission.SubmitCandidacy, file.Scope)) return CardActionResult.Message(cards.Text("candidacy.notAllowed", language));
        return CardActionResult.Card(Open(file, language));
    }

    private async Task<JsonElement> OpenAsync(long teamId, string language, CancellationToken ct) =>
        Open((await CandidacyFile.ForTeamAsync(db, teamId, ct))!, language);

    /// <summary>The form, or the read-only card with the reason when the candidacy can no longer change.</summary>
    private JsonElement Open(CandidacyFile file, string language)
    {
        if (file.Candidacy is { IsEditable: false } locked)
            return card.Render(file, CandidacyView.Status, language,
                banner: string.Format(CultureInfo.InvariantCulture, cards.Text("candidacy.locked", language), DateText.Day(DateOnly.FromDateTime((locked.TransmittedAt ?? locked.UpdatedAt).UtcDateTime), language)));
        if (rules.IsClosed(file)) return card.Render(file, CandidacyView.Status, language, banner: rules.ClosedMessage(file, language));
        return form.Render(file, FormAnswers.FromJson(file.Candidacy?.AnswersJson), new Dictionary<string, string>(), language);
    }
}
