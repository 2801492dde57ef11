using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.People;
using TraAM.Bot.People.Access;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Reference;

namespace TraAM.Bot.CheckIns;

/// <summary>
/// A check-in saying "late", "help wanted" or a blocker raises the team's risk for the round (one row per team and
/// round, by the unique index) and tells the theme's TN3 experts and the team's inspectors once, with one card each
/// (keyed per team and round in the outbox: a second send of the round updates the risk, sends nothing more). A
/// check-in raising none closes the team's open risks.
/// </summary>
internal sealed class CheckInRisks(TraamDbContext db, Outbox outbox, CardTemplates cards, TimeProvider clock)
{
    public const string Kind = "checkin.risk";
    public const string Card = "checkins/risk";

    public async Task RaiseOrCloseAsync(CheckInFile file, RiskReasons reasons, string? detail, int? confidence, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (reasons == RiskReasons.None)
        {
            await db.TeamRisks.Where(r => r.TeamId == file.Team.Id && r.ClosedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClosedAt, now), ct);
            return;
        }

        var risk = await db.TeamRisks.SingleOrDefaultAsync(r => r.TeamId == file.Team.Id && r.RoundId == file.Round.Id, ct);
        if (risk is null)
        {
            db.TeamRisks.Add(new TeamRisk { TeamId = file.Team.Id, RoundId = file.Round.Id, Reasons = reasons, Detail = detail, RaisedAt = now });
        }
        else
        {
            (risk.Reasons, risk.Detail, risk.ClosedAt) = (reasons, detail, null);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // raised meanwhile by another member's send of the same round: one risk, theirs
        }

        await outbox.EnqueueAsync(db, await NoticesAsync(file, reasons, detail, confidence, now, ct), ct);
    }

    private async Task<List<NotificationRequest>> NoticesAsync(CheckInFile file, RiskReasons reasons, string? detail, int? confidence, DateTimeOffset now, CancellationToken ct)
    {
        var campaign = file.Round.CampaignId;
        var rows = await (
            from r in db.RoleAssignments.AsNoTracking()
            where (r.Role == Role.ExpertTn3 || r.Role == Role.Inspector) && r.CampaignId == campaign
            select r).ToListAsync(ct);
        var theme = AccessScope.ForTheme(file.Theme);
        var recipients = rows
            .Where(r => r.Role == Role.ExpertTn3
                ? AccessPolicy.Allows([r], Permission.OpenCheckInRound, theme, campaign)
                : AccessPolicy.Allows([r], Permission.ReceiveEscalation, file.Scope, campaign))
            .Select(r => r.PersonId).Distinct().Order().ToList();
        var subject = $"checkin:{file.Round.Id}:team:{file.Team.Id}";
        object Data(string language) => new RiskCardData(
            cards.Format("checkin.risk.title", language, file.Team.Name),
            cards.Format("checkin.risk.text", language, file.Team.Name, Academies.ByCode(file.Team.AcademyCode)?.Name ?? file.Team.AcademyCode, Reasons(reasons, language)),
            CheckInFormCard.Period(file.Round, cards, language),
            detail ?? "",
            confidence?.ToString(CultureInfo.InvariantCulture) ?? "");
        var data = LocalizedData.Of(Data(Languages.French), Data(Languages.English));
        return [.. recipients.Select(p => new NotificationRequest(Kind, subject, Recipient.Person(p), "risk", Card, data, now))];
    }

    private string Reasons(RiskReasons reasons, string language) => string.Join(", ", new[]
    {
        reasons.HasFlag(RiskReasons.Late) ? cards.Text("checkin.risk.late", language) : null,
        reasons.HasFlag(RiskReasons.HelpWanted) ? cards.Text("checkin.risk.help", language) : null,
        reasons.HasFlag(RiskReasons.Blocker) ? cards.Text("checkin.risk.blocker", language) : null,
    }.OfType<string>());
}

/// <summary>Data of cards/checkins/risk.json (one language).</summary>
internal sealed record RiskCardData(string Title, string Text, string Period, string Detail, string Confidence);
