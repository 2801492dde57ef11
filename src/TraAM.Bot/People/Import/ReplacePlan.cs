using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.People.Identity;

namespace TraAM.Bot.People.Import;

/// <summary>
/// An import with "replace": the file is the whole truth within the importer's rights. Whoever it does not list loses
/// the roles of the current campaign that the importer could have given them (an admin or the operator: every role;
/// a TN3 expert: their discipline's teams and inspectors). A dry run lists them; applying audits each removal.
/// </summary>
internal static class ReplacePlan
{
    public static async Task<List<(Person Person, RoleAssignment Role)>> LosersAsync(
        TraamDbContext db, IReadOnlyCollection<string> listed, int campaignId, Caller? by, CancellationToken ct)
    {
        var absent = await db.People.Include(p => p.Roles).Where(p => !listed.Contains(p.Email)).ToListAsync(ct);
        return
        [
            .. absent.SelectMany(p => p.Roles
                .Where(r => (r.CampaignId is null || r.CampaignId == campaignId) && ImportRights.MayManage(by, r))
                .Select(r => (p, r))),
        ];
    }

    /// <summary>"Camille Martin &lt;camille@…&gt; : référent (team:12)", for the report.</summary>
    public static string Describe(Person p, RoleAssignment r) =>
        $"{p.FirstName} {p.LastName} <{p.Email}> : {DirectoryFormat.RoleWord(r.Role)}{(r.ScopeKey.Length > 0 ? $" ({r.ScopeKey})" : "")}";
}
