using TraAM.Bot.Campaigns;
using TraAM.Bot.Cards;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Candidacies;

/// <summary>
/// "candidatures" / "candidacies" [académie, région or discipline]: what the caller may see of the open call, with each
/// candidacy's state and a button to open its card (or fill it in). Visibility is decided team by team in
/// <see cref="CandidacyList"/> through the access policy.
/// </summary>
internal sealed class ListCandidacies(CallerResolver callers, CampaignPhases phases, CandidacyList list, CardTemplates cards) : ITurnHandler
{
    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (await phases.ForCandidaciesAsync(cancellationToken) is not { } call)
        {
            await turn.SendTextAsync(cards.Text("candidacy.noCall", turn.Language), cancellationToken);
            return;
        }

        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (!caller.CanSomewhere(Permission.ViewTeamStatus) && !caller.CanSomewhere(Permission.SubmitCandidacy))
        {
            await turn.SendTextAsync(cards.Text("candidacy.list.notAllowed", turn.Language), cancellationToken);
            return;
        }

        var entries = CandidacyList.Narrow(await list.EntriesAsync(call, caller, cancellationToken), turn.Command.Arguments);
        await turn.SendCardAsync(list.Render(call, entries, turn.Language), cancellationToken);
    }
}
