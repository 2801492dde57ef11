using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.People;

namespace TraAM.Bot.Operations.Deliveries;

/// <summary>A line of the "envois" card: a notification that needs a human, or a person Teams will not deliver to.</summary>
internal sealed record DeliveryProblem(
    long? NotificationId, NotificationState? State, string Recipient, string? Card, DateTimeOffset? DueAt, DateTimeOffset? LastTry,
    string? Reason, int Attempts);

internal sealed record DeliveryCounts(int Unconfirmed, int Failed, int Unreachable)
{
    public int Total => Unconfirmed + Failed + Unreachable;
}

/// <summary>
/// Reads what the outbox cannot settle alone: unconfirmed sends (maybe delivered, never re-sent on their own), failed
/// ones (with the French reason recorded when they failed), and people marked unreachable (app removed, chat
/// blocked). One ordered list, paged: unconfirmed first (a human decision waits), then failed, latest first, then people.
/// </summary>
internal sealed class DeliveryProblems(TraamDbContext db, TraAM.Bot.Cards.CardTemplates cards)
{
    public const int PageSize = 8;

    public async Task<DeliveryCounts> CountAsync(CancellationToken ct)
    {
        var states = await db.Notifications.AsNoTracking()
            .Where(n => n.State == NotificationState.Unconfirmed || n.State == NotificationState.Failed)
            .GroupBy(n => n.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var unreachable = await db.People.CountAsync(p => !p.IsReachable, ct);
        return new(states.FirstOrDefault(s => s.Key == NotificationState.Unconfirmed)?.Count ?? 0,
            states.FirstOrDefault(s => s.Key == NotificationState.Failed)?.Count ?? 0, unreachable);
    }

    public async Task<IReadOnlyList<DeliveryProblem>> PageAsync(DeliveryCounts counts, int page, string language, CancellationToken ct)
    {
        var skip = (page - 1) * PageSize;
        var notifications = counts.Unconfirmed + counts.Failed;
        var rows = new List<DeliveryProblem>();
        if (skip < notifications)
        {
            var found = await db.Notifications.AsNoTracking()
                .Where(n => n.State == NotificationState.Unconfirmed || n.State == NotificationState.Failed)
                .OrderBy(n => n.State == NotificationState.Unconfirmed ? 0 : 1).ThenByDescending(n => n.DueAt).ThenByDescending(n => n.Id)
                .Skip(skip).Take(PageSize)
                .Select(n => new { n.Id, n.State, n.PersonId, n.WorkGroupId, n.Card, n.DueAt, n.SendingSince, n.FailureReason, n.Attempts })
                .ToListAsync(ct);
            var names = await RecipientsAsync(found.Select(n => n.PersonId), found.Select(n => n.WorkGroupId), language, ct);
            rows.AddRange(found.Select(n => new DeliveryProblem(n.Id, n.State,
                n.PersonId is { } p ? names.GetValueOrDefault(("p", p), "?") : names.GetValueOrDefault(("g", n.WorkGroupId ?? 0), "?"),
                n.Card, n.DueAt, n.SendingSince, n.FailureReason, n.Attempts)));
        }

        if (rows.Count < PageSize)
        {
            var people = await db.People.AsNoTracking().Where(p => !p.IsReachable)
                .OrderBy(p => p.LastName).ThenBy(p => p.FirstName).ThenBy(p => p.Id)
                .Skip(Math.Max(0, skip - notifications)).Take(PageSize - rows.Count)
                .Select(p => new { p.FirstName, p.LastName, p.UnreachableReason, p.UpdatedAt })
                .ToListAsync(ct);
            rows.AddRange(people.Select(p => new DeliveryProblem(null, null, $"{p.FirstName} {p.LastName}", null, null, p.UpdatedAt, p.UnreachableReason, 0)));
        }

        return rows;
    }

    /// <summary>Names of the people and groups of a page: ("p", id) → "Camille Martin", ("g", id) → "canal du groupe national SVT".</summary>
    private async Task<Dictionary<(string, long), string>> RecipientsAsync(IEnumerable<long?> personIds, IEnumerable<long?> groupIds, string language, CancellationToken ct)
    {
        var people = personIds.OfType<long>().Distinct().ToList();
        var groups = groupIds.OfType<long>().Distinct().ToList();
        var names = new Dictionary<(string, long), string>();
        foreach (var p in await db.People.AsNoTracking().Where(p => people.Contains(p.Id)).Select(p => new { p.Id, p.FirstName, p.LastName }).ToListAsync(ct))
            names[("p", p.Id)] = $"{p.FirstName} {p.LastName}";
        var found = await (from g in db.WorkGroups.AsNoTracking()
                           join t in db.Themes on g.ThemeId equals t.Id
                           join team in db.AcademicTeams on g.TeamId equals team.Id into teams
                           from team in teams.DefaultIfEmpty()
                           where groups.Contains(g.Id)
                           select new { g.Id, g.Kind, t.DisciplineCode, Team = team == null ? null : team.Name }).ToListAsync(ct);
        foreach (var g in found)
            names[("g", g.Id)] = string.Format(System.Globalization.CultureInfo.InvariantCulture,
                cards.Text(g.Kind == GroupKind.National ? "ops.deliveries.nationalGroup" : "ops.deliveries.academicGroup", language),
                g.Kind == GroupKind.National ? g.DisciplineCode.ToUpperInvariant() : g.Team);
        return names;
    }
}
