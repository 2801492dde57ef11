using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Data;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Candidacies.Selection;

/// <summary>Who asks about which discipline's selection, in the call being selected. Whether they may is each handler's question.</summary>
internal sealed record SelectionRequest(Caller Caller, Campaign Campaign, IReadOnlyList<Theme> Themes);

/// <summary>The caller Teams signed for (never a card's data) and the call whose candidacies are being selected.</summary>
internal sealed class SelectionRequests(CallerResolver callers, CampaignPhases phases, TraamDbContext db)
{
    /// <summary>The request, or null when no call is open (say <c>selection.noCall</c>).</summary>
    public async Task<SelectionRequest?> ReadAsync(TurnContext turn, CancellationToken ct)
    {
        var caller = await callers.ResolveAsync(turn, ct);
        if (await phases.ForCandidaciesAsync(ct) is not { } campaign) return null;
        var themes = await db.Themes.AsNoTracking().Where(t => t.CampaignId == campaign.Id).OrderBy(t => t.Id).ToListAsync(ct);
        return new SelectionRequest(caller, campaign, themes);
    }

    /// <summary>
    /// Holds the discipline's themes (row locks, PostgreSQL) until the transaction ends: a retained project, a withdrawal
    /// and the publication of one discipline happen one after the other, so the quota and "published once" hold across
    /// instances. SQLite has one writer at a time anyway.
    /// </summary>
    public static async Task LockAsync(TraamDbContext db, int campaignId, string discipline, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Themes\" WHERE \"CampaignId\" = {campaignId} AND \"DisciplineCode\" = {discipline} FOR UPDATE", ct);
    }
}
