using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery.Files;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Privacy;

/// <summary>
/// The answer to a "mes données" file's consent card: only the file's own person, as Teams signed the invoke (never
/// the card's context), gets it; accepted, <see cref="DeliverFileJob"/> uploads it to their OneDrive.
/// </summary>
internal sealed class AcceptPersonalDataFile(CallerResolver callers, TraamDbContext db, CardTemplates cards, IBackgroundJobClient jobs, ILogger<AcceptPersonalDataFile> logger) : Conversations.IFileConsentTarget
{
    public string ContextKey => PersonalDataExportFiles.Key;

    public async Task<InvokeResponse> HandleAsync(TurnContext turn, JsonElement value, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var answer = FileConsentAnswer.Read(value);
        var file = FileConsentAnswer.IdOf(answer, PersonalDataExportFiles.Key) is { } id
            ? await db.PersonalDataExports.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
            : null;
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (file is null || caller.Person is null || caller.Person.Id != file.PersonId)
            await turn.SendTextAsync(cards.Text("privacy.notYours", language), cancellationToken);
        else if (file.Content is null)
            await turn.SendTextAsync(cards.Text("privacy.noFile", language), cancellationToken);
        else if (!answer!.Accepted)
            await turn.SendTextAsync(cards.Text("privacy.declined", language), cancellationToken);
        else if (!FileConsentAnswer.Deliver(turn, answer, PersonalDataExportFiles.Key, file.Id, jobs, logger))
            await turn.SendTextAsync(cards.Text("transmission.badUpload", language), cancellationToken);
        return InvokeResponse.Ok;
    }
}
