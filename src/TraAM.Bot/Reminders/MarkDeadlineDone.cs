using System.Globalization;
using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Reminders;

/// <summary>
/// "C'est fait" on a reminder card. The card only says which deadline; who clicked comes from Teams, and whether the
/// deadline is theirs from the directory: a forwarded or forged card cannot close someone else's deadline.
/// </summary>
internal sealed class MarkDeadlineDone(CallerResolver callers, Campaigns.CampaignPhases phases, DeadlineProgress progress, CardTemplates cards) : ICardActionHandler
{
    public const string Verb = "deadline.done";

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var subject = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("subject", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        // The working campaign's deadlines and the next call's (its submission and results): any campaign not closed.
        var campaigns = await phases.AllAsync(cancellationToken);
        if (campaigns.Where(c => c.Phase != Campaigns.CampaignPhase.Closed).Select(c => Deadline.Parse(c.Campaign, subject)).FirstOrDefault(d => d is not null) is not { } deadline) return CardActionResult.Message(cards.Text("reminders.doneUnknown", language));

        var caller = await callers.ResolveAsync(turn, cancellationToken);
        var concerned = caller.Person is not null && caller.Can(deadline.Duty, deadline.Scope);
        if (!concerned) return CardActionResult.Message(cards.Text("reminders.doneNotConcerned", language));

        var first = await progress.CompleteAsync(deadline.Subject, caller.Person!.Id, "card", cancellationToken);
        var title = cards.Text($"reminders.kinds.{deadline.Code}.title", language);
        return CardActionResult.Message(string.Format(CultureInfo.InvariantCulture, cards.Text(first ? "reminders.doneSaved" : "reminders.doneAlready", language), title));
    }
}
