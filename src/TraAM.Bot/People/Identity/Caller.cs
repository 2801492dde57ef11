using TraAM.Bot.People.Access;

namespace TraAM.Bot.People.Identity;

/// <summary>
/// Who sent the activity, as the directory knows them: resolved from the authenticated activity's sender (Entra
/// object id, then e-mail from Teams' member API), never from a card's data. An unknown sender has no roles.
/// <paramref name="campaigns"/> says which campaigns are live: roles of a closed campaign only read its data.
/// </summary>
public sealed class Caller(Person? person, IReadOnlyList<RoleAssignment> roles, CampaignContext campaigns)
{
    public Caller(Person? person, IReadOnlyList<RoleAssignment> roles, int campaignId)
        : this(person, roles, CampaignContext.Only(campaignId))
    {
    }

    public static Caller Unknown { get; } = new(null, [], 0);

    /// <summary>Whoever runs the command line: an operator holding the database's keys, so an admin (no person, no campaign).</summary>
    public static Caller Operator(CampaignContext campaigns) => new(null, [new RoleAssignment { Role = Role.Admin }], campaigns);

    public Person? Person { get; } = person;
    public IReadOnlyList<RoleAssignment> Roles { get; } = roles;
    public bool IsKnown => Person is not null;
    public CampaignContext Campaigns { get; } = campaigns;

    /// <summary>The working campaign: what an action means when it names no campaign.</summary>
    public int CampaignId => Campaigns.DefaultId;

    public bool Can(Permission permission, AccessScope scope) => AccessPolicy.Allows(Roles, permission, scope, Campaigns);

    /// <summary>As <see cref="Can"/>, or the caller is one of <paramref name="owners"/> (see <see cref="AccessPolicy.AllowsOwnerOr"/>).</summary>
    public bool CanAsOwnerOr(IEnumerable<long?> owners, Permission permission, AccessScope scope) =>
        AccessPolicy.AllowsOwnerOr(Person?.Id, owners, Roles, permission, scope, Campaigns);

    public bool CanSomewhere(Permission permission) => AccessPolicy.AllowsSomewhere(Roles, permission, Campaigns);

    /// <summary>May they grant or take away <paramref name="role"/> where <paramref name="scope"/> puts it?</summary>
    public bool CanManage(Role role, AccessScope scope) => Can(AccessPolicy.ToManage(role), scope);

    public bool CanManage(RoleAssignment held) => CanManage(held.Role, AccessScope.ForRole(held));
}
