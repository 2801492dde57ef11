using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Protocol.Connector;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Conversations;

/// <summary>
/// A file sent in a personal chat, handed to a job: where to answer (the conversation and the "en cours" message the
/// answer replaces), in which language, and the file itself. <paramref name="InboundActivityId"/> names the request.
/// </summary>
public sealed record ReceivedFile(
    string ServiceUrl, string ConversationId, string InboundActivityId, string? ProgressActivityId, string Language, string Name, string DownloadUrl);

/// <summary>
/// Files sent in chat are imported by jobs, not inside the HTTP request (Teams cuts it after 15 s and retries): the
/// handler answers "import en cours" at once (<see cref="AcknowledgeAsync"/>); the job downloads the file, imports
/// it and replaces that message with its answer (<see cref="AnswerAsync"/>). The answer is kept (with the ids of
/// processed activities, a day), so a job run twice (a retry after a crash) shows the same answer again instead of
/// importing again. Only a crash between the import and keeping its answer makes the next run import again, which
/// the imports' idempotence makes harmless.
/// </summary>
public sealed class ReceivedFiles(IConnector connector, TeamsFileDownloader downloader, CardTemplates cards, TraamDbContext db, TimeProvider clock)
{
    /// <summary>Says "import en cours" in the chat and returns what the job needs to answer there.</summary>
    public static async Task<ReceivedFile> AcknowledgeAsync(TurnContext turn, TeamsFile file, CardTemplates cards, CancellationToken ct)
    {
        var progress = await turn.SendTextAsync(cards.Text("import.inProgress", turn.Language), ct);
        return new ReceivedFile(turn.Activity.ServiceUrl!, turn.Activity.Conversation!.Id!, turn.Activity.Id ?? "", progress.Id, turn.Language,
            file.Name, file.DownloadUrl);
    }

    /// <summary>True after showing again the answer a previous run of the job kept.</summary>
    public async Task<bool> RepeatAnswerAsync(ReceivedFile file, CancellationToken ct)
    {
        var kept = await db.ProcessedActivities.AsNoTracking().Where(a => a.Key == KeyOf(file)).Select(a => a.ResponseBody).FirstOrDefaultAsync(ct);
        if (kept is null) return false;
        await PostAsync(file, JsonSerializer.Deserialize(kept, ProtocolJson.Context.Activity)!, ct);
        return true;
    }

    /// <summary>The file's bytes; null after answering why not (unreachable, or over <paramref name="maxBytes"/>).</summary>
    public async Task<MemoryStream?> DownloadAsync(ReceivedFile file, long maxBytes, string tooLargeKey, CancellationToken ct)
    {
        var (content, problem) = await downloader.ReceiveAsync(new TeamsFile(file.Name, "", file.DownloadUrl), maxBytes, tooLargeKey, ct);
        if (problem is not null) await AnswerAsync(file, Text(cards.Text(problem, file.Language)), ct);
        return content;
    }

    public static Activity Text(string text) => new() { Type = ActivityTypes.Message, Text = text, TextFormat = TextFormats.Markdown };

    public static Activity Card(JsonElement card) => new() { Type = ActivityTypes.Message, Attachments = [Attachment.AdaptiveCard(card)] };

    /// <summary>Keeps the answer, then puts it in place of the "en cours" message.</summary>
    public async Task AnswerAsync(ReceivedFile file, Activity answer, CancellationToken ct)
    {
        await KeepAsync(KeyOf(file), JsonSerializer.Serialize(answer, ProtocolJson.Context.Activity), ct);
        await PostAsync(file, answer, ct);
    }

    /// <summary>
    /// Keeps what a job decided about a file, for a day, with the processed activities; the first run's copy wins (a
    /// second run of the job decided the same).
    /// </summary>
    public async Task KeepAsync(string key, string body, CancellationToken ct)
    {
        db.ProcessedActivities.Add(new ProcessedActivity { Key = key, ReceivedAt = clock.GetUtcNow(), Completed = true, ResponseBody = body });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // another run kept it first
        }
    }

    private Task<ResourceResponse> PostAsync(ReceivedFile file, Activity answer, CancellationToken ct) => file.ProgressActivityId is { Length: > 0 } id
        ? connector.UpdateAsync(file.ServiceUrl, file.ConversationId, id, answer, ct)
        : connector.SendAsync(file.ServiceUrl, file.ConversationId, answer, ct);

    private static string KeyOf(ReceivedFile file) => $"file-answer:{file.ConversationId}:{file.InboundActivityId}";
}
