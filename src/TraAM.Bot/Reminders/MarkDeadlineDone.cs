using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Reminders;

/// <summary>
/// "C'est fait" on a reminder card. The card only says which deadline; who clicked comes from Teams, and whether the
/// deadline is theirs from the directory: a forwarded or forged card cannot close someone else's deadline.
/// </summary>
internal sealed class MarkDeadlineDone(CallerResolver callers, Campaigns.CampaignPhases phases, DeadlineProgress progress, Data.TraamDbContext db, CardTemplates cards,
    TimeProvider clock) : ICardActionHandler
{
    public const string Verb = "deadline.done";

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var subject = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("subject", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        // The working campaign's deadlines and the next call's (its submission and results): any campaign not closed.
        var campaigns = await phases.AllAsync(cancellationToken);
        var live = campaigns.Where(c => c.Phase != Campaigns.CampaignPhase.Closed).ToList();
        if ((live.Select(c => Deadline.Parse(c.Campaign, subject)).FirstOrDefault(d => d is not null) ?? await ActionAsync(subject, live, cancellationToken)) is not { } deadline)
            return CardActionResult.Message(cards.Text("reminders.doneUnknown", language));

        var caller = await callers.ResolveAsync(turn, cancellationToken);
        // An action's owner holds it whatever their roles (Owners); the calendar's deadlines are their duty's roles'.
        var concerned = caller.Person is not null && caller.CanAsOwnerOr(deadline.Owners, deadline.Duty, deadline.Scope);
        if (!concerned) return CardActionResult.Message(cards.Text("reminders.doneNotConcerned", language));

        var first = await progress.CompleteAsync(deadline.Subject, caller.Person!.Id, "card", cancellationToken);
        if (deadline.ActionId is { } actionId)
        {
            await db.MeetingActions.Where(a => a.Id == actionId && a.DoneAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.DoneAt, clock.GetUtcNow()), cancellationToken);
        }

        var title = cards.Text($"reminders.kinds.{deadline.Code}.title", language);
        return CardActionResult.Message(string.Format(CultureInfo.InvariantCulture, cards.Text(first ? "reminders.doneSaved" : "reminders.doneAlready", language), title));
    }

    /// <summary>"deadline:{campaign}:action:{id}": the action of published minutes of a live campaign, read from the database.</summary>
    private async Task<Deadline?> ActionAsync(string? subject, List<Campaigns.CampaignInPhase> live, CancellationToken ct)
    {
        var parts = subject?.Split(':') ?? [];
        if (parts is not ["deadline", var c, "action", var id]
            || !int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var campaignId)
            || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var actionId)
            || live.All(l => l.Campaign.Id != campaignId)) return null;
        var row = await (
            from a in db.MeetingActions.AsNoTracking()
            join m in db.Meetings.AsNoTracking() on a.MeetingId equals m.Id
            where a.Id == actionId && m.CampaignId == campaignId && a.Due != null
            select new { a, m }).SingleOrDefaultAsync(ct);
        return row is null ? null : Deadline.OfAction(row.a, row.m);
    }
}
