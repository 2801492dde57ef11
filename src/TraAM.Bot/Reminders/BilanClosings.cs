using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.People;

namespace TraAM.Bot.Reminders;

/// <summary>
/// The bilan deadline of a referent whose theme's collection is launched is the collection's closing day, not the
/// campaign's: a TN3 expert chooses it when launching (default: the campaign's) and may move it. The subject stays the
/// campaign's bilan deadline, so "done" marks, reminders and escalations are the same ones, only dated by the
/// collection (a moved day re-plans them). Teams of a theme without a collection keep the campaign's day.
/// </summary>
internal sealed class BilanClosings
{
    private readonly Dictionary<long, (long Collection, DateOnly Opens, DateOnly Closes)> _byTeam;

    private BilanClosings(Dictionary<long, (long, DateOnly, DateOnly)> byTeam) => _byTeam = byTeam;

    public static async Task<BilanClosings> ForAsync(TraamDbContext db, int campaignId, CancellationToken ct)
    {
        var rows = await (
            from c in db.BilanCollections.AsNoTracking()
            join t in db.AcademicTeams.AsNoTracking() on new { c.CampaignId, c.ThemeId } equals new { t.CampaignId, t.ThemeId }
            where c.CampaignId == campaignId
            select new { TeamId = t.Id, c.Id, c.Opens, c.Closes }).ToListAsync(ct);
        return new BilanClosings(rows.ToDictionary(r => r.TeamId, r => (r.Id, r.Opens, r.Closes)));
    }

    /// <summary>The bilan deadline as it stands for someone holding <paramref name="roles"/> (itself for any other deadline).</summary>
    public Deadline For(Deadline deadline, IEnumerable<RoleAssignment> roles)
    {
        if (deadline.Kind != DeadlineKind.Bilan) return deadline;
        var own = roles.Where(r => r.Role == Role.Referent && r.CampaignId == deadline.CampaignId && r.TeamId is { } t && _byTeam.ContainsKey(t))
            .Select(r => _byTeam[r.TeamId!.Value]).OrderByDescending(c => c.Closes).FirstOrDefault();
        return own.Collection == 0 ? deadline : deadline with { Day = own.Closes, Opens = own.Opens, CollectionId = own.Collection };
    }
}
