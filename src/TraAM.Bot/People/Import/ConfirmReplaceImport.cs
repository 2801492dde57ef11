using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Conversations;
using TraAM.Bot.Data;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.People.Import;

/// <summary>
/// A file sent with "remplacer" is first imported as a dry run whose card lists who would lose which role; its
/// "Confirmer le remplacement" button lands here. The card only names which pending replacement (its file's
/// message); who may confirm is decided from the signed activity: the person who sent the file, if they may still
/// import. The first confirmation takes the pending row, so a second click or a retried invoke imports nothing more.
/// </summary>
internal sealed class ConfirmReplaceImport(CallerResolver callers, TraamDbContext db, CardTemplates cards, IBackgroundJobClient jobs) : ICardActionHandler
{
    public const string Verb = "import.confirmReplace";

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (!caller.CanSomewhere(Permission.ImportDirectory)) return CardActionResult.Message(cards.Text("import.notAllowed", language));

        var file = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("pending", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var key = PendingReplace.KeyOf(turn.Activity.Conversation?.Id ?? "", file ?? "");
        var pending = await db.ProcessedActivities.AsNoTracking().Where(a => a.Key == key).Select(a => a.ResponseBody).FirstOrDefaultAsync(cancellationToken);
        if (pending is null || JsonSerializer.Deserialize<PendingReplace>(pending) is not { } replace)
            return CardActionResult.Message(cards.Text("import.replaceGone", language));
        if (replace.ByPersonId != caller.Person!.Id) return CardActionResult.Message(cards.Text("import.replaceNotYours", language));
        if (await db.ProcessedActivities.Where(a => a.Key == key).ExecuteDeleteAsync(cancellationToken) == 0)
            return CardActionResult.Message(cards.Text("import.replaceGone", language)); // another click took it first

        // The report card this button is on is replaced by the import's answer, as "en cours" was for the dry run.
        var received = replace.File with { InboundActivityId = "replace:" + replace.File.InboundActivityId, ProgressActivityId = turn.Activity.ReplyToId };
        var request = new ChatImportRequest(caller.Person.Id, DryRun: false, Replace: true, replace.Campaign);
        jobs.Enqueue<ImportDirectoryFileJob>(j => j.RunAsync(received, request, CancellationToken.None));
        return CardActionResult.Message(cards.Text("import.replaceStarted", language));
    }
}

/// <summary>
/// A replacement shown as a dry run and waiting for its sender's confirmation; kept with the processed activities
/// (purged after a day: an older one must be sent again, Teams' download link would have expired anyway).
/// </summary>
internal sealed record PendingReplace(ReceivedFile File, long ByPersonId, string? Campaign = null)
{
    public static string KeyOf(string conversationId, string inboundActivityId) => $"replace-pending:{conversationId}:{inboundActivityId}";
}
