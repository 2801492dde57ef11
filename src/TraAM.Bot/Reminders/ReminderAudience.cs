using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.People;
using TraAM.Bot.People.Access;

namespace TraAM.Bot.Reminders;

/// <summary>Someone who must act before a deadline, with the roles that make them concerned.</summary>
public sealed record AudienceMember(Person Person, IReadOnlyList<RoleAssignment> Roles);

/// <summary>
/// Who is reminded of a deadline (its roles, in the campaign) and who is "above" them when it passes unmet: a
/// referent's inspectors (same académie and discipline), an inspector's DAN and DRAN, then the programme's admins
/// (DNE TN3) above DAN, DRAN, TN3 experts and IGÉSR. The hierarchy (which roles are the next level) is written here;
/// whether a given superior's scope covers the member's role is <see cref="AccessPolicy"/>'s answer (ReceiveEscalation),
/// and who holds a deadline its duty's.
/// </summary>
public sealed class ReminderAudience
{
    private static readonly Role[] Superiors = [Role.Inspector, Role.Dan, Role.Dran, Role.Admin];
    private readonly List<(RoleAssignment Role, Person Person)> _superiors;

    private readonly int _campaignId;

    private ReminderAudience(List<(RoleAssignment, Person)> superiors, int campaignId) => (_superiors, _campaignId) = (superiors, campaignId);

    /// <summary>Loads, once, everyone who may be escalated to; then <see cref="Above"/> needs no more queries.</summary>
    public static async Task<ReminderAudience> LoadAsync(TraamDbContext db, int campaignId, CancellationToken ct)
    {
        var rows = await (
            from r in db.RoleAssignments.AsNoTracking()
            join p in db.People.AsNoTracking() on r.PersonId equals p.Id
            where Superiors.Contains(r.Role)
            select new { r, p }).ToListAsync(ct);
        return new ReminderAudience([.. rows.Select(x => (x.r, x.p))], campaignId);
    }

    public static async Task<List<AudienceMember>> OfAsync(TraamDbContext db, Deadline deadline, CancellationToken ct)
    {
        if (deadline.OwnerPersonId is { } owner)
        {
            // An action is its owner's whatever their roles: no duty row to search by.
            var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == owner, ct);
            if (person is null) return [];
            var held = await db.RoleAssignments.AsNoTracking().Where(r => r.PersonId == owner && r.CampaignId == deadline.CampaignId).ToListAsync(ct);
            return [new AudienceMember(person, held)];
        }

        var roles = deadline.Audience.ToArray();
        var rows = await (
            from r in db.RoleAssignments.AsNoTracking()
            join p in db.People.AsNoTracking() on r.PersonId equals p.Id
            where roles.Contains(r.Role) && r.CampaignId == deadline.CampaignId
            orderby p.Id
            select new { r, p }).ToListAsync(ct);
        var concerned = await ConcernedRoles.ForAsync(db, deadline, ct);
        return [.. rows.Where(x => AccessPolicy.Allows([x.r], deadline.Duty, deadline.Scope, deadline.CampaignId) && concerned(x.r))
            .GroupBy(x => x.p.Id).Select(g => new AudienceMember(g.First().p, [.. g.Select(x => x.r)]))];
    }

    public IReadOnlyList<Person> Above(AudienceMember member)
    {
        var above = new List<Person>();
        foreach (var r in member.Roles)
        {
            Role[] next = r.Role switch
            {
                Role.Referent or Role.Teacher => [Role.Inspector],
                Role.Inspector => [Role.Dan, Role.Dran],
                _ => [Role.Admin],
            };
            var scope = AccessScope.ForRole(r);
            above.AddRange(_superiors
                .Where(s => next.Contains(s.Role.Role) && AccessPolicy.Allows([s.Role], Permission.ReceiveEscalation, scope, _campaignId))
                .Select(s => s.Person));
        }

        return [.. above.Where(p => p.Id != member.Person.Id).DistinctBy(p => p.Id)];
    }
}
