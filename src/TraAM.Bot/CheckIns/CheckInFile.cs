using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Data;
using TraAM.Bot.People;
using TraAM.Bot.People.Access;
using TraAM.Bot.Reference;

namespace TraAM.Bot.CheckIns;

/// <summary>
/// One team's check-in of one round, loaded from the database: the round, its theme, the team (one of the theme's
/// selected teams, or nothing is found) and the answer saved so far (tracked, to be saved again).
/// </summary>
internal sealed record CheckInFile(CheckInRound Round, Theme Theme, AcademicTeam Team, CheckIn? CheckIn)
{
    public AccessScope Scope => AccessScope.ForTeam(Team, Theme);

    /// <summary>What the card's buttons name: "round:team". Only which check-in; never who may answer it.</summary>
    public string Subject => $"{Round.Id}:{Team.Id}";

    public TimeZoneInfo Zone => LocalTime.ZoneOf(Team.AcademyCode);

    /// <summary>The days are read where the team works: a round closes at the end of its closing day there.</summary>
    public DateOnly Today(DateTimeOffset now) => LocalTime.Today(now, Zone);

    public bool IsClosed(DateTimeOffset now) => Today(now) > Round.Closes;

    public bool IsNotOpenYet(DateTimeOffset now) => Today(now) < Round.Opens;

    /// <summary>
    /// Who may answer: the referent (the policy's <see cref="Permission.SubmitTeamCheckIn"/>), and the team's teachers
    /// when the round lets them (<see cref="Permission.SubmitCheckIn"/>). The round's setting comes from the database.
    /// </summary>
    public Permission AnswerPermission => Round.TeachersMayAnswer ? Permission.SubmitCheckIn : Permission.SubmitTeamCheckIn;

    public static async Task<CheckInFile?> ForAsync(TraamDbContext db, long roundId, long teamId, CancellationToken ct)
    {
        var round = await db.CheckInRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null) return null;
        var team = await SelectedTeams.Of(db, round.CampaignId).AsNoTracking().SingleOrDefaultAsync(t => t.Id == teamId && t.ThemeId == round.ThemeId, ct);
        if (team is null) return null;
        var theme = await db.Themes.AsNoTracking().SingleAsync(t => t.Id == round.ThemeId, ct);
        var checkIn = await db.CheckIns.SingleOrDefaultAsync(c => c.RoundId == roundId && c.TeamId == teamId, ct);
        return new CheckInFile(round, theme, team, checkIn);
    }

    /// <summary>"12:34" → (12, 34); anything else → null.</summary>
    public static (long Round, long Team)? ParseSubject(string? subject)
    {
        var parts = (subject ?? "").Split(':');
        return parts.Length == 2
            && long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var r)
            && long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var t)
            ? (r, t) : null;
    }
}
