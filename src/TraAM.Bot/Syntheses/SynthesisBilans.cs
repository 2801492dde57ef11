using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Bilans;
using TraAM.Bot.Data;
using TraAM.Bot.Forms;

namespace TraAM.Bot.Syntheses;

/// <summary>
/// Each team's last SENT bilan version (a draft is not the team's word yet), read from <c>FormVersions</c> as it was
/// sent: the synthesis cites that version's number, date and author, so every paragraph can be traced back to it.
/// </summary>
internal sealed class SynthesisBilans(TraamDbContext db) : ISynthesisBilans
{
    public async Task<IReadOnlyDictionary<long, BilanInput>> LoadAsync(int campaignId, IReadOnlyDictionary<long, string> teamLabels, CancellationToken ct)
    {
        var teams = teamLabels.Keys.ToList();
        var bilans = await (from b in db.Bilans.AsNoTracking()
                            join c in db.BilanCollections on b.CollectionId equals c.Id
                            where c.CampaignId == campaignId && teams.Contains(b.TeamId)
                            select new { b.Id, b.TeamId }).ToListAsync(ct);
        var ids = bilans.Select(b => b.Id).ToList();
        var versions = await db.FormVersions.AsNoTracking()
            .Where(v => v.Kind == Bilan.FormKind && ids.Contains(v.SubjectId))
            .GroupBy(v => v.SubjectId)
            .Select(g => g.OrderByDescending(v => v.Number).First())
            .ToListAsync(ct);
        var teamOf = bilans.ToDictionary(b => b.Id, b => b.TeamId);
        return versions.ToDictionary(v => teamOf[v.SubjectId], v => BilanInput.FromAnswers(FormAnswers.FromJson(v.AnswersJson).Values,
            new SynthesisSource(SourceKind.Bilan, teamLabels[teamOf[v.SubjectId]], "Bilan de fin d'année", v.Number, v.At, v.ByName)));
    }
}
