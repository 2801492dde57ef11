using System.Globalization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.People;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Reference;

namespace TraAM.Bot.CheckIns;

/// <summary>
/// Puts the check-in card of every round opening by tomorrow and not closed in the outbox, for each selected team's
/// referent (and its teachers when the round lets them answer), due at 9:00 on the opening day in the team's
/// académie (Paris, Cayenne, Nouméa…). Run when rounds are created and every night, so people who join a team during a
/// round get it too; the outbox key (round, team, person) makes every run after the first a no-op.
/// </summary>
public sealed partial class SendCheckInRoundsJob(TraamDbContext db, Outbox outbox, CardTemplates cards, TimeProvider clock, ILogger<SendCheckInRoundsJob> logger)
{
    public const string Id = "checkins:send";
    public const string Kind = "checkin";
    public const string Card = "checkins/invite";

    [AutomaticRetry(Attempts = 3)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Tomorrow in Paris covers 9:00 of the opening day everywhere: the Pacific's 9:00 is the evening before in Paris.
        var today = LocalTime.Today(now, LocalTime.ZoneOf(null));
        var rounds = await db.CheckInRounds.Where(r => r.Opens <= today.AddDays(1) && r.Closes >= today.AddDays(-1)).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var created = 0;
        foreach (var round in rounds)
        {
            var requests = await RequestsAsync(round, now, cancellationToken);
            created += await outbox.EnqueueAsync(db, requests, cancellationToken);
            round.SentAt ??= now;
        }

        await db.SaveChangesAsync(cancellationToken);
        LogQueued(logger, rounds.Count, created);
        return created;
    }

    private async Task<List<NotificationRequest>> RequestsAsync(CheckInRound round, DateTimeOffset now, CancellationToken ct)
    {
        var theme = await db.Themes.AsNoTracking().SingleAsync(t => t.Id == round.ThemeId, ct);
        var roles = round.TeachersMayAnswer ? new[] { Role.Referent, Role.Teacher } : [Role.Referent];
        var members = await (
            from t in SelectedTeams.Of(db, round.CampaignId).AsNoTracking()
            join r in db.RoleAssignments.AsNoTracking() on t.Id equals r.TeamId
            where t.ThemeId == round.ThemeId && roles.Contains(r.Role) && r.CampaignId == round.CampaignId
            orderby t.Id, r.PersonId
            select new { Team = t, r.PersonId }).ToListAsync(ct);
        var requests = new List<NotificationRequest>();
        foreach (var m in members.DistinctBy(m => (m.Team.Id, m.PersonId)))
        {
            var zone = LocalTime.ZoneOf(m.Team.AcademyCode);
            var end = LocalTime.EndOf(round.Closes, zone);
            if (end <= now) continue;
            object Data(string language) => new InviteCardData(
                cards.Format("checkin.invite.title", language, m.Team.Name),
                cards.Format("checkin.invite.text", language, theme.Title, CheckInFormCard.Period(round, cards, language)),
                CheckInFormCard.Period(round, cards, language),
                round.Id.ToString(CultureInfo.InvariantCulture));
            requests.Add(new NotificationRequest(Kind, $"checkin:{round.Id}:team:{m.Team.Id}", Recipient.Person(m.PersonId), "invite", Card,
                LocalizedData.Of(Data(Languages.French), Data(Languages.English)), LocalTime.At(round.Opens, LocalTime.ReminderTime, zone), ExpiresAt: end));
        }

        return requests;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Check-in cards: {Rounds} rounds open or opening, {Created} new cards queued")]
    private static partial void LogQueued(ILogger logger, int rounds, int created);
}

/// <summary>Data of cards/checkins/invite.json (one language).</summary>
internal sealed record InviteCardData(string Title, string Text, string Period, string Round);
