using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.People;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Reminders;

/// <summary>Someone who must act before a deadline, with the roles that make them concerned.</summary>
public sealed record AudienceMember(Person Person, IReadOnlyList<RoleAssignment> Roles);

/// <summary>
/// Who is reminded of a deadline (its roles, in the campaign) and who is "above" them when it passes unmet: a
/// referent's inspectors (same académie and discipline), an inspector's DAN and DRAN, then the programme's admins
/// (DNE TN3) above DAN, DRAN, TN3 experts and IGÉSR.
/// </summary>
public sealed class ReminderAudience
{
    private static readonly Role[] Superiors = [Role.Inspector, Role.Dan, Role.Dran, Role.Admin];
    private readonly List<(RoleAssignment Role, Person Person)> _superiors;

    private ReminderAudience(List<(RoleAssignment, Person)> superiors) => _superiors = superiors;

    /// <summary>Loads, once, everyone who may be escalated to; then <see cref="Above"/> needs no more queries.</summary>
    public static async Task<ReminderAudience> LoadAsync(TraamDbContext db, CancellationToken ct)
    {
        var rows = await (
            from r in db.RoleAssignments.AsNoTracking()
            join p in db.People.AsNoTracking() on r.PersonId equals p.Id
            where Superiors.Contains(r.Role)
            select new { r, p }).ToListAsync(ct);
        return new ReminderAudience([.. rows.Select(x => (x.r, x.p))]);
    }

    public static async Task<List<AudienceMember>> OfAsync(TraamDbContext db, Deadline deadline, CancellationToken ct)
    {
        var roles = deadline.Audience.ToArray();
        var rows = await (
            from r in db.RoleAssignments.AsNoTracking()
            join p in db.People.AsNoTracking() on r.PersonId equals p.Id
            where roles.Contains(r.Role) && (r.CampaignId == null || r.CampaignId == deadline.CampaignId)
            orderby p.Id
            select new { r, p }).ToListAsync(ct);
        return [.. rows.GroupBy(x => x.p.Id).Select(g => new AudienceMember(g.First().p, [.. g.Select(x => x.r)]))];
    }

    public IReadOnlyList<Person> Above(AudienceMember member)
    {
        var above = new List<Person>();
        foreach (var r in member.Roles)
        {
            above.AddRange(r.Role switch
            {
                Role.Referent or Role.Teacher => Holding(Role.Inspector, s => s.AcademyCode == r.AcademyCode && s.DisciplineCode == r.DisciplineCode),
                Role.Inspector => Holding(Role.Dan, s => s.AcademyCode == r.AcademyCode)
                    .Concat(Holding(Role.Dran, s => s.RegionCode == Academies.ByCode(r.AcademyCode)?.RegionCode)),
                _ => Holding(Role.Admin, _ => true),
            });
        }

        return [.. above.Where(p => p.Id != member.Person.Id).DistinctBy(p => p.Id)];
    }

    private IEnumerable<Person> Holding(Role role, Func<RoleAssignment, bool> scope) =>
        _superiors.Where(s => s.Role.Role == role && scope(s.Role)).Select(s => s.Person);
}
