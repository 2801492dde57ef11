using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.People.Access;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Candidacies.Selection;

/// <summary>
/// "Retenir" / "Retirer" on the selection card: saved at once, checked against the discipline's quota (NSI's two themes
/// share one) under the discipline's lock, so two experts clicking at once never exceed it. Over quota, the card comes
/// back with the reason next to the project and every choice as it was.
/// </summary>
internal sealed class ToggleSelection(SelectionRequests requests, SelectionCard card, TraamDbContext db, CardTemplates cards, TimeProvider clock, IOptions<CampaignOptions> options)
    : ICardActionHandler
{
    public const string Verb = "selection.toggle";

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var id = CardData.Long(data, "candidacyId");
        var keep = CardData.Bool(data, "keep");
        var request = await requests.ReadAsync(turn, cancellationToken);
        var candidacy = request is null ? null : await db.Candidacies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.CampaignId == request.Campaign.Id, cancellationToken);
        var theme = request?.Themes.FirstOrDefault(t => t.Id == candidacy?.ThemeId);
        if (request is null || theme is null || !request.Caller.Can(Permission.DecideNationalSelection, AccessScope.ForTheme(theme)))
            return CardActionResult.Message(cards.Text("selection.notAllowed", language));

        var (error, lineError) = await SaveAsync(request, theme.DisciplineCode, id, keep, language, cancellationToken);
        return CardActionResult.Card(await card.RenderAsync(request.Campaign, theme.DisciplineCode, language, "", error, id, lineError, cancellationToken));
    }

    /// <summary>The card's error and the error next to the project: empty when saved.</summary>
    private async Task<(string Error, string LineError)> SaveAsync(SelectionRequest request, string discipline, long id, bool keep, string language, CancellationToken ct)
    {
        var themeIds = request.Themes.Where(t => t.DisciplineCode == discipline).Select(t => t.Id).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await SelectionRequests.LockAsync(db, request.Campaign.Id, discipline, ct);
        if (await db.Themes.AsNoTracking().FirstOrDefaultAsync(t => themeIds.Contains(t.Id) && t.ResultsPublishedAt != null, ct) is { } published)
            return (cards.Format("selection.alreadyPublished", language, published.ResultsPublishedByName ?? "", Transmission.TransmissionCard.Day(published.ResultsPublishedAt, language)), "");

        var candidacy = await db.Candidacies.SingleAsync(c => c.Id == id, ct);
        if (candidacy.State != CandidacyState.Transmitted) return ("", cards.Text("selection.notFound", language));
        if (candidacy.PreSelected == keep) return ("", "");
        var quota = request.Campaign.QuotaOf(options.Value);
        var kept = await db.Candidacies.CountAsync(c => themeIds.Contains(c.ThemeId) && c.State == CandidacyState.Transmitted && c.PreSelected, ct);
        if (keep && kept >= quota) return ("", cards.Format("selection.overQuota", language, quota));

        candidacy.PreSelected = keep;
        candidacy.UpdatedAt = clock.GetUtcNow();
        candidacy.Revision++;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ("", "");
    }
}
