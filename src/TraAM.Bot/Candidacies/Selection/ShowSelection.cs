using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.People.Access;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Candidacies.Selection;

/// <summary>
/// "sélection" / "selection" [discipline]: one card per discipline the caller selects for (TN3 experts and IGÉSR of
/// the discipline, admins) that has transmitted candidacies, or the discipline named even if it has none yet.
/// </summary>
internal sealed class ShowSelection(SelectionRequests requests, SelectionCard card, TraamDbContext db, CardTemplates cards) : ITurnHandler
{
    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var request = await requests.ReadAsync(turn, cancellationToken);
        if (request is null)
        {
            await turn.SendTextAsync(cards.Text("selection.noCall", language), cancellationToken);
            return;
        }

        var typed = turn.Command.Arguments.Trim();
        var named = typed.Length == 0 ? null : Disciplines.Find(typed);
        if (typed.Length > 0 && named is null)
        {
            await turn.SendTextAsync(cards.Format("selection.unknownDiscipline", language, typed), cancellationToken);
            return;
        }

        var mine = request.Themes
            .Where(t => request.Caller.Can(Permission.DecideNationalSelection, AccessScope.ForTheme(t)) && (named is null || t.DisciplineCode == named.Code))
            .Select(t => t.DisciplineCode).Distinct().ToList();
        if (mine.Count == 0)
        {
            await turn.SendTextAsync(cards.Text("selection.notAllowed", language), cancellationToken);
            return;
        }

        var themeIds = request.Themes.Where(t => mine.Contains(t.DisciplineCode)).Select(t => t.Id).ToList();
        var withCandidacies = await db.Candidacies.AsNoTracking()
            .Where(c => themeIds.Contains(c.ThemeId) && SelectionCard.InSelection.Contains(c.State))
            .Select(c => c.ThemeId).Distinct().ToListAsync(cancellationToken);
        var shown = named is not null ? mine : mine.Where(d => request.Themes.Any(t => t.DisciplineCode == d && withCandidacies.Contains(t.Id))).ToList();
        if (shown.Count == 0)
        {
            await turn.SendTextAsync(cards.Text("selection.nothing", language), cancellationToken);
            return;
        }

        foreach (var discipline in shown)
            await turn.SendCardAsync(await card.RenderAsync(request.Campaign, discipline, language, "", "", ct: cancellationToken), cancellationToken);
    }
}
