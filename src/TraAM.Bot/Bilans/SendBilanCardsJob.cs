using System.Globalization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.People;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Bilans;

/// <summary>
/// Puts the bilan card of every open collection in the outbox for each selected team's referent whose team has not sent
/// its bilan, due at 9:00 on the launch day in the team's académie (at once when that hour has passed, as check-in
/// cards), and keeps the tracker up to date in the national group's channel (days left). Run at launch and every night,
/// so a referent who joins during the collection gets the card too; the outbox key (collection, team, person) makes
/// every run after the first a no-op.
/// </summary>
internal sealed partial class SendBilanCardsJob(TraamDbContext db, Outbox outbox, CardTemplates cards, BilanTracker tracker, TimeProvider clock, ILogger<SendBilanCardsJob> logger)
{
    public const string Id = "bilans:send";
    public const string Kind = "bilan.invite";
    public const string Card = "bilans/invite";

    [AutomaticRetry(Attempts = 3)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = LocalTime.Today(now, LocalTime.ZoneOf(null));
        var collections = await db.BilanCollections.Where(c => c.Opens <= today.AddDays(1) && c.Closes >= today.AddDays(-1)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var created = 0;
        foreach (var collection in collections)
        {
            created += await outbox.EnqueueAsync(db, await RequestsAsync(collection, now, cancellationToken), cancellationToken);
            collection.SentAt ??= now;
            await db.SaveChangesAsync(cancellationToken);
            await tracker.RefreshAsync(collection.Id, cancellationToken);
        }

        LogQueued(logger, collections.Count, created);
        return created;
    }

    private async Task<List<NotificationRequest>> RequestsAsync(BilanCollection c, DateTimeOffset now, CancellationToken ct)
    {
        var theme = await db.Themes.AsNoTracking().SingleAsync(t => t.Id == c.ThemeId, ct);
        var members = await (
            from t in SelectedTeams.Of(db, c.CampaignId).AsNoTracking()
            join r in db.RoleAssignments.AsNoTracking() on t.Id equals r.TeamId
            where t.ThemeId == c.ThemeId && r.Role == Role.Referent && r.CampaignId == c.CampaignId
                && !db.Bilans.Any(b => b.TeamId == t.Id && b.Version > 0)
            orderby t.Id, r.PersonId
            select new { Team = t, r.PersonId }).ToListAsync(ct);
        var requests = new List<NotificationRequest>();
        foreach (var m in members.DistinctBy(m => (m.Team.Id, m.PersonId)))
        {
            var zone = LocalTime.ZoneOf(m.Team.AcademyCode);
            var end = LocalTime.EndOf(c.Closes, zone);
            if (end <= now) continue;
            object Data(string language) => new BilanInviteCardData(
                cards.Formatted("bilan.invite.title", language, m.Team.Name),
                cards.Formatted("bilan.invite.text", language, theme.Title, DateText.Day(c.Closes, language, withWeekday: true)),
                c.Message is { Length: > 0 } message ? cards.Formatted("bilan.message", language, c.LaunchedByName, message) : "",
                DateText.Day(c.Closes, language, withWeekday: true),
                c.Id.ToString(CultureInfo.InvariantCulture));
            requests.Add(new NotificationRequest(Kind, string.Create(CultureInfo.InvariantCulture, $"bilan:{c.Id}:team:{m.Team.Id}"), Recipient.Person(m.PersonId), "invite", Card,
                LocalizedData.Of(Data(Languages.French), Data(Languages.English)), LocalTime.At(c.Opens, LocalTime.ReminderTime, zone), ExpiresAt: end));
        }

        return requests;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bilan cards: {Collections} collections open, {Created} new cards queued")]
    private static partial void LogQueued(ILogger logger, int collections, int created);
}

/// <summary>Data of cards/bilans/invite.json (one language).</summary>
internal sealed record BilanInviteCardData(string Title, string Text, string Message, string Closes, string Collection);
