using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.People;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Bilans;

/// <summary>
/// The progress tracker of a collection, one card in the theme's national group channel (if linked): n/N bilans
/// received, which teams are missing (and their referent), days left. Posted once through the outbox, then updated in
/// place (<see cref="CardCopies"/>) as bilans arrive and each night (days left); unchanged data updates nothing.
/// </summary>
internal sealed class BilanTracker(TraamDbContext db, Outbox outbox, CardCopies copies, CardTemplates cards, TimeProvider clock)
{
    public const string Kind = "bilan.tracker";
    public const string Card = "bilans/tracker";
    private const int Listed = 40;

    public static string Subject(long collectionId) => string.Create(CultureInfo.InvariantCulture, $"bilan:{collectionId}:tracker");

    /// <summary>Posts the tracker if the national group's channel is linked and it is not there yet; brings every copy up to date.</summary>
    public async Task RefreshAsync(long collectionId, CancellationToken ct)
    {
        var collection = await db.BilanCollections.AsNoTracking().SingleAsync(c => c.Id == collectionId, ct);
        var data = await DataAsync(collection, ct);
        var group = await db.WorkGroups.AsNoTracking()
            .Where(g => g.Kind == GroupKind.National && g.CampaignId == collection.CampaignId && g.ThemeId == collection.ThemeId && g.TeamId == null && g.ConversationRecordId != null)
            .Select(g => (long?)g.Id).FirstOrDefaultAsync(ct);
        if (group is { } id)
            await outbox.EnqueueAsync(db, new NotificationRequest(Kind, Subject(collection.Id), Recipient.Group(id), "tracker", Card, data, clock.GetUtcNow()), ct);
        await copies.ChangeAsync(db, Subject(collection.Id), Card, _ => data, ct);
    }

    private async Task<Dictionary<string, object>> DataAsync(BilanCollection c, CancellationToken ct)
    {
        var theme = await db.Themes.AsNoTracking().SingleAsync(t => t.Id == c.ThemeId, ct);
        var teams = await SelectedTeams.Of(db, c.CampaignId).AsNoTracking().Where(t => t.ThemeId == c.ThemeId)
            .OrderBy(t => t.AcademyCode).ThenBy(t => t.Name).ToListAsync(ct);
        var sent = await db.Bilans.AsNoTracking().Where(b => b.CollectionId == c.Id && b.Version > 0)
            .Select(b => new { b.TeamId, b.Version, b.SubmittedAt }).ToListAsync(ct);
        var teamIds = teams.Select(t => t.Id).ToList();
        var referents = await (
            from r in db.RoleAssignments.AsNoTracking()
            join p in db.People.AsNoTracking() on r.PersonId equals p.Id
            where r.Role == Role.Referent && r.TeamId != null && teamIds.Contains(r.TeamId.Value)
            orderby p.LastName
            select new { TeamId = r.TeamId!.Value, p.FirstName, p.LastName }).ToListAsync(ct);
        var today = LocalTime.Today(clock.GetUtcNow(), LocalTime.ZoneOf(null));

        TrackerCardData Data(string language)
        {
            string Team(AcademicTeam t) => t.Name + " (" + (Academies.ByCode(t.AcademyCode)?.Name ?? t.AcademyCode) + ")";
            var missing = teams.Where(t => sent.All(s => s.TeamId != t.Id)).Select(t =>
            {
                var names = string.Join(", ", referents.Where(r => r.TeamId == t.Id).Select(r => r.FirstName + " " + r.LastName).Distinct());
                return names.Length > 0 ? cards.Formatted("bilan.tracker.missingLine", language, Team(t), names) : Team(t);
            }).ToList();
            var received = teams.Select(t => (Team: t, Bilan: sent.FirstOrDefault(s => s.TeamId == t.Id))).Where(x => x.Bilan is not null)
                .Select(x => cards.Formatted("bilan.tracker.receivedLine", language, Team(x.Team), x.Bilan!.Version,
                    DateText.Day(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(x.Bilan.SubmittedAt!.Value, LocalTime.ZoneOf(x.Team.AcademyCode)).DateTime), language)))
                .ToList();
            var left = c.Closes.DayNumber - today.DayNumber;
            return new TrackerCardData(
                cards.Formatted("bilan.tracker.title", language, theme.Title),
                cards.Formatted("bilan.tracker.count", language, sent.Count, teams.Count),
                DateText.Day(c.Closes, language, withWeekday: true),
                left < 0 ? cards.Text("bilan.tracker.closed", language) : left == 0 ? cards.Text("bilan.tracker.lastDay", language) : cards.Formatted("bilan.tracker.daysLeft", language, left),
                [.. missing.Take(Listed).Select(l => new TrackerLine(l))],
                missing.Count > Listed ? cards.Formatted("bilan.tracker.more", language, missing.Count - Listed) : "",
                [.. received.Take(Listed).Select(l => new TrackerLine(l))],
                received.Count > Listed ? cards.Formatted("bilan.tracker.more", language, received.Count - Listed) : "");
        }

        return LocalizedData.Of(Data(Languages.French), Data(Languages.English));
    }
}

/// <summary>Data of cards/bilans/tracker.json (one language).</summary>
internal sealed record TrackerCardData(
    string Title, string Count, string Closes, string DaysLeft, IReadOnlyList<TrackerLine> Missing, string MoreMissing, IReadOnlyList<TrackerLine> Received, string MoreReceived);

internal sealed record TrackerLine(string Text);
