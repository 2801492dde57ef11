using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Reference;

namespace TraAM.Bot.People.Access;

/// <summary>What became of a request to take a role away.</summary>
public enum RevocationOutcome
{
    Revoked,

    /// <summary>Already taken away (a second click on the card): nothing to do.</summary>
    AlreadyGone,

    /// <summary>The role is outside the caller's rights (<see cref="Permission.ManageAllRoles"/> or <see cref="Permission.ManageTeamRoles"/>).</summary>
    NotAllowed,
}

/// <summary>
/// Takes a role away, from the command line (the operator) or the "retirer rôle" card (an admin, or a discipline's TN3
/// expert for its teams and inspectors, as <see cref="AccessPolicy"/> says). Each revocation is audited in
/// <see cref="RevokedRole"/>: who, when, how. Only the current campaign's roles (and admin roles) are listed: a past
/// campaign's roles are its history and grant nothing now.
/// </summary>
public sealed class RoleRevocation(TraamDbContext db, Campaigns.CampaignPhases phases, TimeProvider clock)
{
    public async Task<(Person Person, List<RoleAssignment> Roles)?> FindAsync(string email, CancellationToken ct)
    {
        var key = email.Trim().ToLowerInvariant();
        var live = (await phases.ContextAsync(ct)).LiveIds;
        var person = await db.People.AsNoTracking().Include(p => p.Roles).FirstOrDefaultAsync(p => p.Email == key, ct);
        if (person is null) return null;
        return (person, [.. person.Roles.Where(r => r.CampaignId is null || live.Contains(r.CampaignId.Value)).OrderBy(r => r.Role).ThenBy(r => r.ScopeKey)]);
    }

    public async Task<RevocationOutcome> RevokeAsync(long roleId, Caller? by, string source, CancellationToken ct)
    {
        var role = await db.RoleAssignments.FirstOrDefaultAsync(r => r.Id == roleId, ct);
        if (role is null) return RevocationOutcome.AlreadyGone;
        if (by is not null && !by.CanManage(role)) return RevocationOutcome.NotAllowed;
        db.RoleAssignments.Remove(role);
        db.RevokedRoles.Add(RevokedRole.Of(role, by, source, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return RevocationOutcome.Revoked;
    }

    /// <summary>"Référent · Lyon · SVT – année 1 · Équipe SVT Lyon": the role and where it is held, for a card or the console.</summary>
    public async Task<Dictionary<long, string>> DescribeAsync(IReadOnlyList<RoleAssignment> roles, string language, CancellationToken ct)
    {
        var teamIds = roles.Where(r => r.TeamId is not null).Select(r => r.TeamId!.Value).ToList();
        var teams = await db.AcademicTeams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return roles.ToDictionary(r => r.Id, r => string.Join(" · ", new[]
        {
            Labels.Role(r.Role, language),
            r.AcademyCode is null ? null : Labels.Academy(r.AcademyCode),
            r.AcademyCode is null && r.RegionCode is not null ? Labels.Region(r.RegionCode) : null,
            r.DisciplineCode is null ? null : Labels.Discipline(r.DisciplineCode),
            r.TeamId is { } t && teams.TryGetValue(t, out var name) ? name : null,
        }.Where(s => !string.IsNullOrEmpty(s))));
    }

    /// <summary>
    /// <c>remove-role e-mail role [scope]</c>: the role of that kind whose description contains <paramref name="scope"/>
    /// (without regard to case or accents); when several match, nothing is done and they are listed.
    /// </summary>
    public async Task<(bool Done, string Message)> RevokeFromCommandLineAsync(string email, Role role, string? scope, CancellationToken ct)
    {
        if (await FindAsync(email, ct) is not { } found) return (false, $"Personne introuvable : aucun courriel « {email} » dans l'annuaire.");
        var (person, roles) = found;
        var labels = await DescribeAsync(roles, Protocol.Routing.Languages.French, ct);
        var matching = roles.Where(r => r.Role == role && (scope is null || TextKey.Of(labels[r.Id]).Contains(TextKey.Of(scope), StringComparison.Ordinal))).ToList();
        if (matching.Count != 1)
        {
            var held = roles.Count == 0 ? "aucun" : string.Join("; ", roles.Select(r => labels[r.Id]));
            var why = matching.Count == 0 ? "aucun rôle ne correspond" : "plusieurs rôles correspondent : précisez la portée (académie, discipline ou équipe)";
            return (false, $"Rien n'a été retiré : {why}. Rôles de {person.DisplayName} : {held}.");
        }

        await RevokeAsync(matching[0].Id, by: null, "cli", ct);
        return (true, $"Rôle retiré à {person.DisplayName} : {labels[matching[0].Id]}.");
    }
}
