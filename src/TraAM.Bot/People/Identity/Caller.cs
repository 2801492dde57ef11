using TraAM.Bot.People.Access;

namespace TraAM.Bot.People.Identity;

/// <summary>
/// Who sent the activity, as the directory knows them: resolved from the authenticated activity's sender (Entra
/// object id, then e-mail from Teams' member API), never from a card's data. An unknown sender has no roles.
/// </summary>
public sealed class Caller(Person? person, IReadOnlyList<RoleAssignment> roles)
{
    public static Caller Unknown { get; } = new(null, []);

    public Person? Person { get; } = person;
    public IReadOnlyList<RoleAssignment> Roles { get; } = roles;
    public bool IsKnown => Person is not null;

    public bool Can(Permission permission, AccessScope scope) => AccessPolicy.Allows(Roles, permission, scope);

    public bool CanSomewhere(Permission permission) => AccessPolicy.AllowsSomewhere(Roles, permission);
}
