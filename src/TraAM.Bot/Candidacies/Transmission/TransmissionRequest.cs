using TraAM.Bot.Campaigns;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Candidacies.Transmission;

/// <summary>Who asks to transmit what, in which call. Whether they may is each handler's question to the policy.</summary>
internal sealed record TransmissionRequest(Caller Caller, Campaign Campaign, TransmissionScope Scope)
{
    /// <summary>What <see cref="Permission.ExportCandidacies"/> is asked about: the place, in the call's campaign.</summary>
    public AccessScope Access => Scope.Access with { CampaignId = Campaign.Id };
}

/// <summary>
/// Reads a transmission request the same way for every handler: the caller Teams signed for (never a card's data), a
/// personal chat (the file goes there), the open call, and the place typed, in the card, or of the caller's role.
/// </summary>
internal sealed class TransmissionRequests(CallerResolver callers, CampaignPhases phases)
{
    /// <summary>The request, or the key of the text that says why there is none (and the word it quotes).</summary>
    public async Task<(TransmissionRequest? Request, string Refusal, string Quoted)> ReadAsync(TurnContext turn, string? scopeKey, CancellationToken ct)
    {
        var caller = await callers.ResolveAsync(turn, ct);
        if (caller.Person is null || !caller.CanSomewhere(Permission.ExportCandidacies)) return (null, "transmission.notAllowed", "");
        if (!turn.IsPersonal) return (null, "transmission.notPersonal", "");
        if (await phases.ForCandidaciesAsync(ct) is not { } campaign) return (null, "transmission.noCall", "");
        var typed = turn.Command.Arguments.Trim();
        var scope = scopeKey is null ? TransmissionScope.Of(caller, typed, campaign.Id) : TransmissionScope.Parse(scopeKey);
        if (scope is null) return (null, typed.Length > 0 ? "transmission.unknownScope" : "transmission.whichScope", typed);
        return (new TransmissionRequest(caller, campaign, scope), "", "");
    }
}
