using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.People.Import;

namespace TraAM.Bot.Campaigns.Opening;

/// <summary>What a themes import did, or every reason it did nothing.</summary>
public sealed record ThemeImportReport(string Campaign, IReadOnlyList<ImportProblem> Problems, int Added = 0, int Updated = 0, int Removed = 0)
{
    public string ToText() => Problems.Count > 0
        ? $"Import des thèmes refusé ({Problems.Count} problème(s)), rien n'a été modifié :{Environment.NewLine}"
          + string.Join(Environment.NewLine, Problems.Take(ImportReport.TextShown).Select(p => "  " + ImportReport.Describe(p)))
        : $"Thèmes de la campagne {Campaign} : {Added} ajouté(s), {Updated} modifié(s), {Removed} retiré(s).";
}

/// <summary>
/// Makes a campaign's themes those of the call's table, discipline by discipline (a discipline the file does not name
/// keeps its themes): matched by number, titles and years updated, missing themes added, themes the file no longer
/// lists removed unless a team already uses them. All or nothing; importing the same file again changes nothing.
/// </summary>
public sealed class ThemeImporter(TraamDbContext db, CampaignPhases phases)
{
    public async Task<ThemeImportReport> ImportAsync(Stream content, string fileName, string? campaignCode, CancellationToken ct)
    {
        var target = await phases.NamedOrWorkAsync(campaignCode, ct);
        if (target is null || target.Phase == CampaignPhase.Closed)
        {
            return new ThemeImportReport(campaignCode ?? "", [new ImportProblem(0, null, target is null
                ? $"Campagne inconnue : « {Excerpt.Of(campaignCode)} ». Ouvrez-la d'abord (commande « ouvrir campagne ») ou vérifiez son code (ex. 2027-2028)."
                : $"La campagne {target.Campaign.Code} est close : ses thèmes ne changent plus.")]);
        }

        var campaign = target.Campaign;
        var read = ThemeFileReader.Read(content, fileName);
        if (read.Problems.Count > 0) return new ThemeImportReport(campaign.Code, read.Problems);

        var disciplines = read.Rows.Select(r => r.DisciplineCode).ToHashSet(StringComparer.Ordinal);
        var themes = await db.Themes.Where(t => t.CampaignId == campaign.Id && disciplines.Contains(t.DisciplineCode)).ToListAsync(ct);
        var used = (await db.AcademicTeams.Where(t => t.CampaignId == campaign.Id).Select(t => t.ThemeId).Distinct().ToListAsync(ct)).ToHashSet();
        var gone = themes.Where(t => !read.Rows.Any(r => r.DisciplineCode == t.DisciplineCode && r.Number == t.Number)).ToList();
        var blocked = gone.Where(t => used.Contains(t.Id)).Select(t => new ImportProblem(0, null,
            $"Le thème « {Excerpt.Of(t.Title, 60)} » ({t.Code}) a déjà des équipes : il ne peut pas être retiré. Gardez sa ligne dans le fichier.")).ToList();
        if (blocked.Count > 0) return new ThemeImportReport(campaign.Code, blocked);

        db.Themes.RemoveRange(gone);
        var next = await db.Themes.MaxAsync(t => t.Id, ct) + 1;
        int added = 0, updated = 0;
        foreach (var row in read.Rows)
        {
            var code = read.Rows.Count(r => r.DisciplineCode == row.DisciplineCode) == 1 ? row.DisciplineCode : $"{row.DisciplineCode}-{row.Number}";
            var theme = themes.FirstOrDefault(t => t.DisciplineCode == row.DisciplineCode && t.Number == row.Number);
            if (theme is null)
            {
                db.Themes.Add(new Theme { Id = next++, CampaignId = campaign.Id, DisciplineCode = row.DisciplineCode, Code = code, Number = row.Number, Title = row.Title, Year = row.Year, RequiresYearOne = row.RequiresYearOne });
                added++;
                continue;
            }

            if ((theme.Code, theme.Title, theme.Year, theme.RequiresYearOne) == (code, row.Title, row.Year, row.RequiresYearOne)) continue;
            (theme.Code, theme.Title, theme.Year, theme.RequiresYearOne) = (code, row.Title, row.Year, row.RequiresYearOne);
            updated++;
        }

        await db.SaveChangesAsync(ct);
        return new ThemeImportReport(campaign.Code, [], added, updated, gone.Count);
    }
}
