using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Data;
using TraAM.Bot.Forms;
using TraAM.Bot.People;
using TraAM.Bot.People.Access;

namespace TraAM.Bot.Candidacies;

/// <summary>
/// Everything a candidacy card shows or a rule checks about one team of a call: the team, its theme and campaign, the
/// members the directory lists, and the candidacy with its last submitted version (null before the first). Loaded from
/// the database by the team's id, which is all a card may say; the scope for <see cref="AccessPolicy"/> comes from here.
/// </summary>
public sealed record CandidacyFile(
    AcademicTeam Team,
    Theme Theme,
    Campaign Campaign,
    IReadOnlyList<Person> Referents,
    int Members,
    Candidacy? Candidacy,
    FormVersion? Submitted)
{
    public AccessScope Scope => AccessScope.ForTeam(Team, Theme);

    public string Subject => Candidacy is { } c ? SubjectOf(c.Id) : "";

    /// <summary>The outbox subject of a candidacy's cards: every copy of it is found (and updated) by this.</summary>
    public static string SubjectOf(long candidacyId) => $"candidacy:{candidacyId}";

    /// <summary>What the last submitted version says (what inspectors decide on), else the answers being edited.</summary>
    public FormAnswers SubmittedAnswers => FormAnswers.FromJson(Submitted?.AnswersJson ?? Candidacy?.AnswersJson);

    public static async Task<CandidacyFile?> ForTeamAsync(TraamDbContext db, long teamId, CancellationToken ct)
    {
        var team = await db.AcademicTeams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, ct);
        if (team is null) return null;
        var candidacy = await db.Candidacies.FirstOrDefaultAsync(c => c.TeamId == teamId, ct);
        return await CompleteAsync(db, team, candidacy, ct);
    }

    public static async Task<CandidacyFile?> ForCandidacyAsync(TraamDbContext db, long candidacyId, CancellationToken ct)
    {
        var candidacy = await db.Candidacies.FirstOrDefaultAsync(c => c.Id == candidacyId, ct);
        if (candidacy is null) return null;
        var team = await db.AcademicTeams.AsNoTracking().FirstAsync(t => t.Id == candidacy.TeamId, ct);
        return await CompleteAsync(db, team, candidacy, ct);
    }

    private static async Task<CandidacyFile> CompleteAsync(TraamDbContext db, AcademicTeam team, Candidacy? candidacy, CancellationToken ct)
    {
        var theme = await db.Themes.AsNoTracking().FirstAsync(t => t.Id == team.ThemeId, ct);
        var campaign = await db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == team.CampaignId, ct);
        var members = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.TeamId == team.Id && (r.Role == Role.Referent || r.Role == Role.Teacher))
            .Select(r => new { r.PersonId, r.Role }).ToListAsync(ct);
        var referentIds = members.Where(m => m.Role == Role.Referent).Select(m => m.PersonId).Distinct().ToList();
        var referents = await db.People.AsNoTracking().Where(p => referentIds.Contains(p.Id)).OrderBy(p => p.LastName).ToListAsync(ct);
        var submitted = candidacy is { Version: > 0 }
            ? await db.FormVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Kind == Candidacy.FormKind && v.SubjectId == candidacy.Id && v.Number == candidacy.Version, ct)
            : null;
        return new CandidacyFile(team, theme, campaign, referents, members.Select(m => m.PersonId).Distinct().Count(), candidacy, submitted);
    }
}
