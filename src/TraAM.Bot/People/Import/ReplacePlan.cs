using TraAM.Bot.People.Identity;

namespace TraAM.Bot.People.Import;

/// <summary>
/// An import with "replace": the file is the whole truth within the importer's rights. Whoever it does not list loses
/// the roles of the current campaign that the importer could have given them (an admin or the operator: every role;
/// a TN3 expert: their discipline's teams and inspectors). A dry run lists them; applying audits each removal.
/// </summary>
internal static class ReplacePlan
{
    /// <summary>From the whole directory, loaded once by the import (never one query parameter per listed person).</summary>
    public static List<(Person Person, RoleAssignment Role)> Losers(
        IEnumerable<Person> directory, IReadOnlySet<string> listed, int campaignId, Caller? by)
    {
        return
        [
            // Never the importer's own roles: a file that forgets its sender must not lock them out.
            .. directory.Where(p => !listed.Contains(p.Email) && p.Id != by?.Person?.Id).SelectMany(p => p.Roles
                .Where(r => (r.CampaignId is null || r.CampaignId == campaignId) && ImportRights.MayManage(by, r))
                .Select(r => (p, r))),
        ];
    }

    /// <summary>"Camille Martin &lt;camille@…&gt; : référent (team:12)", for the report.</summary>
    public static string Describe(Person p, RoleAssignment r) =>
        $"{p.FirstName} {p.LastName} <{p.Email}> : {DirectoryFormat.RoleWord(r.Role)}{(r.ScopeKey.Length > 0 ? $" ({r.ScopeKey})" : "")}";
}
