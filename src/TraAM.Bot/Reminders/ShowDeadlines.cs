using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Reminders;

/// <summary>"échéances" / "deadlines": the caller's coming deadlines, dated where they work, and the next reminder.</summary>
internal sealed class ShowDeadlines(CallerResolver callers, Campaigns.CampaignPhases phases, TraamDbContext db, CardTemplates cards, TimeProvider clock) : ITurnHandler
{
    public const string Card = "reminders/deadlines";

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (caller.Person is not { } person)
        {
            await turn.SendTextAsync(cards.Text("deadlines.unknownPerson", language), cancellationToken);
            return;
        }

        // Both live campaigns: the working one's deadlines and the next call's (its submission and results).
        var live = await phases.LiveAsync(cancellationToken);
        var zone = LocalTime.ZoneOf(person.AcademyCode);
        var now = clock.GetUtcNow();
        var today = LocalTime.Today(now, zone);
        var codes = live.ToDictionary(c => c.Campaign.Id, c => c.Campaign.Code);
        var closings = new Dictionary<int, BilanClosings>();
        foreach (var c in live) closings[c.Campaign.Id] = await BilanClosings.ForAsync(db, c.Campaign.Id, cancellationToken);
        var mine = live.SelectMany(Deadline.Current).Concat(await RoundsAsync(caller, live, today, cancellationToken))
            .Concat(await ActionsAsync(person.Id, live, today, cancellationToken))
            .Where(d => caller.CanAsOwnerOr(d.Owners, d.Duty, d.Scope))
            .Select(d => closings[d.CampaignId].For(d, caller.Roles)) // a launched bilan collection dates the bilan deadline
            .Where(d => LocalTime.EndOf(d.Day, zone) > now)
            .OrderBy(d => d.Day)
            .ToList();
        var subjects = mine.Select(d => d.Subject).ToList();
        var done = await db.DeadlineCompletions.AsNoTracking()
            .Where(c => c.PersonId == person.Id && subjects.Contains(c.Subject)).Select(c => c.Subject).ToListAsync(cancellationToken);
        var pending = await db.Notifications.AsNoTracking()
            .Where(n => n.PersonId == person.Id && n.State == NotificationState.Pending && subjects.Contains(n.Subject))
            .Select(n => new { n.Subject, n.NextAttemptAt }).ToListAsync(cancellationToken);

        var items = mine.Select(d => new DeadlineLine(
            cards.Text($"reminders.kinds.{d.Code}.title", language) + (d.Label is { } label ? $" : {label}" : "") + (live.Count > 1 ? $" ({codes[d.CampaignId]})" : ""),
            string.Format(CultureInfo.InvariantCulture, cards.Text("deadlines.endOfDay", language), ReminderPlanner.LongDate(d.Day, language)),
            Left(d.Day.DayNumber - today.DayNumber, language),
            cards.Text(done.Contains(d.Subject) ? "deadlines.done" : "deadlines.todo", language),
            pending.Where(p => p.Subject == d.Subject).Select(p => (DateTimeOffset?)p.NextAttemptAt).Min() is { } next
                ? ReminderPlanner.LongDateTime(next, zone, language)
                : cards.Text("deadlines.noReminder", language))).ToList();
        var where = $"{Labels(person.AcademyCode)} ({(zone.Id == "Europe/Paris" ? cards.Text("deadlines.paris", language) : zone.Id)})";
        await turn.SendCardAsync(cards.Render(Card, new DeadlinesCard(where, items), language), cancellationToken);
    }

    /// <summary>The check-in rounds not closed of the themes where the caller is a referent of a team that works.</summary>
    private async Task<IEnumerable<Deadline>> RoundsAsync(Caller caller, IReadOnlyList<Campaigns.CampaignInPhase> live, DateOnly today, CancellationToken ct)
    {
        var teams = caller.Roles.Where(r => r.Role == People.Role.Referent && r.TeamId is not null).Select(r => r.TeamId!.Value).ToList();
        if (teams.Count == 0) return [];
        var liveIds = live.Select(c => c.Campaign.Id).ToList();
        var working = new List<(int Campaign, int Theme)>();
        foreach (var id in liveIds)
        {
            working.AddRange((await People.SelectedTeams.Of(db, id).Where(t => teams.Contains(t.Id)).Select(t => new { t.CampaignId, t.ThemeId }).ToListAsync(ct))
                .Select(t => (t.CampaignId, t.ThemeId)));
        }

        var themes = working.Select(w => w.Theme).Distinct().ToList();
        var rounds = await db.CheckInRounds.AsNoTracking()
            .Where(r => liveIds.Contains(r.CampaignId) && themes.Contains(r.ThemeId) && r.Opens <= today && r.Closes >= today.AddDays(-1)).ToListAsync(ct);
        return rounds.Where(r => working.Contains((r.CampaignId, r.ThemeId))).Select(Deadline.OfRound);
    }

    /// <summary>The actions of published minutes the caller owns, due from yesterday on (see <see cref="Deadline.OfAction"/>).</summary>
    private async Task<IEnumerable<Deadline>> ActionsAsync(long personId, IReadOnlyList<Campaigns.CampaignInPhase> live, DateOnly today, CancellationToken ct)
    {
        var liveIds = live.Select(c => c.Campaign.Id).ToList();
        var since = today.AddDays(-1);
        var rows = await (
            from a in db.MeetingActions.AsNoTracking()
            join m in db.Meetings.AsNoTracking() on a.MeetingId equals m.Id
            where a.OwnerPersonId == personId && a.Due != null && a.Due >= since && liveIds.Contains(m.CampaignId) && m.State == Meetings.MeetingState.Scheduled
                  && db.MeetingMinutes.Any(x => x.MeetingId == m.Id && x.State == Meetings.Minutes.MinutesState.Published)
            select new { a, m }).ToListAsync(ct);
        return rows.Select(r => Deadline.OfAction(r.a, r.m));
    }

    private string Left(int days, string language) => days switch
    {
        0 => cards.Text("deadlines.today", language),
        1 => cards.Text("deadlines.tomorrow", language),
        _ => string.Format(CultureInfo.InvariantCulture, cards.Text("deadlines.inDays", language), days),
    };

    private static string Labels(string? academy) => Academies.ByCode(academy)?.Name ?? "Paris";
}

/// <summary>Data of cards/reminders/deadlines.json.</summary>
internal sealed record DeadlinesCard(string Zone, IReadOnlyList<DeadlineLine> Items);

internal sealed record DeadlineLine(string Title, string Date, string Left, string Status, string Next);
