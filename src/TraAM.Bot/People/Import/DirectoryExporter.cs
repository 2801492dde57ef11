using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;

namespace TraAM.Bot.People.Import;

/// <summary>
/// The directory back to XLSX, in the import's own format: exporting then importing changes nothing. Exported for a
/// person (<c>by</c>), only the roles <see cref="AccessPolicy"/> lets them export (a TN3 expert: their
/// discipline's); for the operator at the command line, everything.
/// </summary>
public sealed class DirectoryExporter(TraamDbContext db, Campaigns.CampaignPhases phases)
{
    public Task<int> ExportAsync(Stream output, CancellationToken ct) => ExportAsync(output, by: null, ct);

    public async Task<int> ExportAsync(Stream output, Caller? by, CancellationToken ct)
    {
        // The current campaign's directory: a past campaign's roles are history, not rows to import again.
        var campaign = (await phases.ForWorkAsync(ct)).Id;
        var themes = await db.Themes.AsNoTracking().ToDictionaryAsync(t => t.Id, ct);
        var teams = await db.AcademicTeams.AsNoTracking().ToDictionaryAsync(t => t.Id, ct);
        var people = await db.People.AsNoTracking().Include(p => p.Roles)
            .OrderBy(p => p.LastName).ThenBy(p => p.FirstName).ThenBy(p => p.Email).ToListAsync(ct);
        bool Exported(RoleAssignment r) => (r.CampaignId is null || r.CampaignId == campaign)
            && (by is null || by.Can(Permission.ExportDirectory, AccessScope.ForRole(r)));
        var rows = people.SelectMany(p => p.Roles.Where(Exported).OrderBy(r => r.Role).ThenBy(r => r.ScopeKey).Select(r => new DirectoryExportRow(
            p.LastName, p.FirstName, p.Email, r.Role, r.AcademyCode, r.RegionCode, r.DisciplineCode,
            r.ThemeId is { } th && themes.TryGetValue(th, out var theme) ? theme : null,
            r.TeamId is { } tm && teams.TryGetValue(tm, out var team) ? team.Name : null,
            p.EntraObjectId,
            p.AcademyCode))).ToList();
        DirectoryXlsxWriter.Write(output, rows, [.. themes.Values]);
        return rows.Count;
    }
}
