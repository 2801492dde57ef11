using TraAM.Bot.People.Access;

namespace TraAM.Bot.People.Identity;

/// <summary>
/// Who sent the activity, as the directory knows them: resolved from the authenticated activity's sender (Entra
/// object id, then e-mail from Teams' member API), never from a card's data. An unknown sender has no roles.
/// <paramref name="campaignId"/> is the current campaign: roles of other campaigns only read their own campaign's data.
/// </summary>
public sealed class Caller(Person? person, IReadOnlyList<RoleAssignment> roles, int campaignId)
{
    public static Caller Unknown { get; } = new(null, [], 0);

    public Person? Person { get; } = person;
    public IReadOnlyList<RoleAssignment> Roles { get; } = roles;
    public bool IsKnown => Person is not null;
    public int CampaignId { get; } = campaignId;

    public bool Can(Permission permission, AccessScope scope) => AccessPolicy.Allows(Roles, permission, scope, CampaignId);

    public bool CanSomewhere(Permission permission) => AccessPolicy.AllowsSomewhere(Roles, permission, CampaignId);

    /// <summary>May they grant or take away <paramref name="role"/> where <paramref name="scope"/> puts it?</summary>
    public bool CanManage(Role role, AccessScope scope) => Can(AccessPolicy.ToManage(role), scope);

    public bool CanManage(RoleAssignment held) => CanManage(held.Role, AccessScope.ForRole(held));
}
