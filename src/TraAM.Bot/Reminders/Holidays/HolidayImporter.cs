using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Reminders.Holidays;

/// <summary>What an import changed: periods per zone (French labels), and what the file could not say.</summary>
public sealed record HolidayImportResult(IReadOnlyList<(string Zone, int Periods)> Zones, IReadOnlyList<string> Problems)
{
    public bool Applied => Zones.Count > 0;
}

/// <summary>
/// Imports a ministry school-holiday calendar: for each zone the file covers, its periods replace the ones known
/// (the latest file of a zone is the reference), in one transaction; then reminders are re-planned.
/// </summary>
public sealed class HolidayImporter(TraamDbContext db, TimeProvider clock)
{
    public const long MaxFileBytes = 2 * 1024 * 1024;

    public async Task<HolidayImportResult> ImportAsync(Stream ics, string? zoneHint, CancellationToken ct)
    {
        var read = HolidayCalendarReader.Read(ics, zoneHint);
        if (read.Periods.Count == 0) return new HolidayImportResult([], read.Problems.Count > 0 ? read.Problems : ["Le fichier ne contient aucune période de vacances."]);

        var now = clock.GetUtcNow();
        var zones = read.Periods.Select(p => p.Zone).Distinct().ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SchoolHolidays.Where(h => zones.Contains(h.Zone)).ExecuteDeleteAsync(ct);
        db.SchoolHolidays.AddRange(read.Periods.Select(p => new SchoolHoliday { Zone = p.Zone, FirstDay = p.FirstDay, LastDay = p.LastDay, Label = p.Label, ImportedAt = now }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new HolidayImportResult([.. zones.Order().Select(z => (SchoolZones.Label(z), read.Periods.Count(p => p.Zone == z)))], read.Problems);
    }
}
