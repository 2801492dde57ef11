using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;

namespace TraAM.Bot.People.Import;

/// <summary>The directory back to XLSX, in the import's own format: exporting then importing changes nothing.</summary>
public sealed class DirectoryExporter(TraamDbContext db)
{
    public async Task<int> ExportAsync(Stream output, CancellationToken ct)
    {
        var themes = await db.Themes.AsNoTracking().ToDictionaryAsync(t => t.Id, ct);
        var teams = await db.AcademicTeams.AsNoTracking().ToDictionaryAsync(t => t.Id, ct);
        var people = await db.People.AsNoTracking().Include(p => p.Roles)
            .OrderBy(p => p.LastName).ThenBy(p => p.FirstName).ThenBy(p => p.Email).ToListAsync(ct);
        var rows = people.SelectMany(p => p.Roles.OrderBy(r => r.Role).ThenBy(r => r.ScopeKey).Select(r => new DirectoryExportRow(
            p.LastName, p.FirstName, p.Email, r.Role, r.AcademyCode, r.RegionCode, r.DisciplineCode,
            r.ThemeId is { } th && themes.TryGetValue(th, out var theme) ? theme : null,
            r.TeamId is { } tm && teams.TryGetValue(tm, out var team) ? team.Name : null,
            p.EntraObjectId,
            p.AcademyCode))).ToList();
        DirectoryXlsxWriter.Write(output, rows, [.. themes.Values]);
        return rows.Count;
    }
}
