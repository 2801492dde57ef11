using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Hosting;
using TraAM.Bot.People.Access;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Candidacies.Selection;

/// <summary>
/// "Publier les résultats" of a discipline: once. The publication is written on the discipline's themes in the same
/// transaction that checks nobody published before (under the discipline's lock); a second click says who published
/// and when. A job then decides every transmitted candidacy and tells teams, DAN and DRAN.
/// </summary>
internal sealed class PublishResults(
    SelectionRequests requests, SelectionCard card, TraamDbContext db, CardTemplates cards, TimeProvider clock, IBackgroundJobClient jobs,
    ILogger<PublishResults> logger) : ICardActionHandler
{
    public const string Verb = "selection.publish";

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var discipline = CardData.Text(data, "discipline");
        var request = await requests.ReadAsync(turn, cancellationToken);
        var themes = request?.Themes.Where(t => t.DisciplineCode == discipline).ToList() ?? [];
        if (request?.Caller.Person is not { } person || themes.Count == 0
            || !themes.All(t => request.Caller.Can(Permission.DecideNationalSelection, AccessScope.ForTheme(t))))
            return CardActionResult.Message(cards.Text("selection.notAllowed", language));

        var ids = themes.Select(t => t.Id).ToList();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await SelectionRequests.LockAsync(db, request.Campaign.Id, discipline, cancellationToken);
            var now = clock.GetUtcNow();
            var published = await db.Themes.Where(t => ids.Contains(t.Id) && t.ResultsPublishedAt == null).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.ResultsPublishedAt, now)
                .SetProperty(t => t.ResultsPublishedByName, person.DisplayName), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (published == 0)
            {
                var first = await db.Themes.AsNoTracking().FirstAsync(t => ids.Contains(t.Id) && t.ResultsPublishedAt != null, cancellationToken);
                var already = cards.Format("selection.alreadyPublished", language, first.ResultsPublishedByName ?? "", Transmission.TransmissionCard.Day(first.ResultsPublishedAt, language));
                return CardActionResult.Card(await card.RenderAsync(request.Campaign, discipline, language, "", already, ct: cancellationToken));
            }
        }

        jobs.TryEnqueue<PublishResultsJob>(j => j.RunAsync(request.Campaign.Id, discipline, CancellationToken.None), logger);
        return CardActionResult.Card(await card.RenderAsync(request.Campaign, discipline, language, cards.Text("selection.publishing", language), "", ct: cancellationToken));
    }
}
