using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Hosting;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Privacy;

/// <summary>
/// "mes données" / "my data" (RGPD art. 15): anyone the directory knows gets, for themself only (the sender Teams
/// signed, never an argument), everything the bot stores about them as two files offered in their personal chat.
/// The request only records the two files to build; <see cref="BuildPersonalDataExportJob"/> gathers and offers them.
/// </summary>
internal sealed class ShowMyData(CallerResolver callers, TraamDbContext db, CardTemplates cards, TimeProvider clock, IBackgroundJobClient jobs, ILogger<ShowMyData> logger) : ITurnHandler
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(7);

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (caller.Person is not { } person)
        {
            await turn.SendTextAsync(cards.Text("privacy.stranger", language), cancellationToken);
            return;
        }

        // Teams offers a file only in a personal chat: a channel would show everyone that a copy was asked for.
        if (!turn.IsPersonal)
        {
            await turn.SendTextAsync(cards.Text("privacy.personalOnly", language), cancellationToken);
            return;
        }

        var now = clock.GetUtcNow();
        var request = $"{turn.Activity.Conversation!.Id}|{turn.Activity.Id}";
        var day = now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var files = new[] { $"mes-donnees-traam-{day}.json", $"mes-donnees-traam-{day}.xlsx" }
            .Select(name => new PersonalDataExport { PersonId = person.Id, RequestKey = request, FileName = name, CreatedAt = now, ExpiresAt = now + KeptFor })
            .ToList();
        db.PersonalDataExports.AddRange(files);
        await db.SaveChangesAsync(cancellationToken);
        var ids = files.Select(f => f.Id).ToArray();
        jobs.TryEnqueue<BuildPersonalDataExportJob>(j => j.RunAsync(ids, turn.Activity.ServiceUrl!, turn.Activity.Conversation!.Id!, language, CancellationToken.None), logger);
        await turn.SendTextAsync(cards.Text("privacy.preparing", language), cancellationToken);
    }
}

/// <summary>
/// Gathers a person's data and offers each file of their request with Teams' file consent card. As the document de
/// synthèse: offered first, stored after, so a failed offer is retried whole and a finished one offers nothing again.
/// </summary>
internal sealed class BuildPersonalDataExportJob(TraamDbContext db, PersonalDataCollector collector, Protocol.Connector.IConnector connector, CardTemplates cards)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(long[] exportIds, string serviceUrl, string conversationId, string language, CancellationToken cancellationToken)
    {
        var files = await db.PersonalDataExports.Where(e => exportIds.Contains(e.Id) && e.Content == null && e.DeliveredAt == null).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        if (files.Count == 0) return;
        var report = await collector.CollectAsync(files[0].PersonId, cancellationToken);
        foreach (var file in files)
        {
            file.Content = file.FileName.EndsWith(".json", StringComparison.Ordinal) ? report.ToJson() : report.ToXlsx();
            var description = cards.Text(file.FileName.EndsWith(".json", StringComparison.Ordinal) ? "privacy.jsonDescription" : "privacy.xlsxDescription", language);
            var context = Delivery.Files.FileConsentAnswer.Context(PersonalDataExportFiles.Key, file.Id);
            await connector.SendAsync(serviceUrl, conversationId, new Protocol.Schema.Activity
            {
                Type = Protocol.Schema.ActivityTypes.Message,
                Attachments = [Protocol.Schema.FileConsent.ConsentCard(file.FileName, description, file.Content.LongLength, context)],
            }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
