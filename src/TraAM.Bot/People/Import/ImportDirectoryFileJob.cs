using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Conversations;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Reminders;

namespace TraAM.Bot.People.Import;

/// <summary>
/// A directory import asked for in chat, as the job receives it: who asked (the person resolved from the signed
/// activity, whose rights the job checks again when it runs) and how. One record, so every option travels with the job.
/// </summary>
public sealed record ChatImportRequest(long ByPersonId, bool DryRun, bool Replace = false, string? Campaign = null);

/// <summary>
/// Imports a directory file sent in chat, outside the HTTP request, and replaces the "import en cours" message with
/// the report card; reminders are re-planned when the directory changed. Never retried automatically: a failure is
/// told to the person (the transaction rolled back), and a run after a crash repeats the kept answer
/// (<see cref="ReceivedFiles"/>).
/// </summary>
internal sealed partial class ImportDirectoryFileJob(
    DirectoryImporter importer, ReceivedFiles files, CallerResolver callers, CardTemplates cards, IBackgroundJobClient jobs,
    ILogger<ImportDirectoryFileJob> logger)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(ReceivedFile file, ChatImportRequest request, CancellationToken cancellationToken)
    {
        if (await files.RepeatAnswerAsync(file, cancellationToken)) return;
        // Rights as they are now, not as they were when the file was sent: a role taken away meanwhile no longer counts.
        var by = await callers.ForPersonAsync(request.ByPersonId, cancellationToken);
        if (!by.CanSomewhere(Permission.ImportDirectory))
        {
            await files.AnswerAsync(file, ReceivedFiles.Text(cards.Text("import.notAllowed", file.Language)), cancellationToken);
            return;
        }

        var options = new DirectoryImportOptions(request.DryRun, by, request.Replace, request.Campaign);
        var content = await files.DownloadAsync(file, DirectoryImporter.MaxFileBytes, "import.tooLarge", cancellationToken);
        if (content is null) return;

        ImportReport report;
        try
        {
            await using (content)
            {
                report = await importer.ImportAsync(content, file.Name, options, cancellationToken);
            }
        }
        catch (DbUpdateException)
        {
            // Another import (or a first message) changed the same people meanwhile: the transaction rolled back.
            LogConflict(logger);
            await files.AnswerAsync(file, ReceivedFiles.Text(cards.Text("import.conflict", file.Language)), cancellationToken);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug or the database down: the transaction rolled back; say so rather than leave "en cours" forever.
            LogFailed(logger, ex);
            await files.AnswerAsync(file, ReceivedFiles.Text(cards.Text("import.failed", file.Language)), cancellationToken);
            return;
        }

        LogImported(logger, report.Applied, report.Rows, report.Problems.Count);
        if (report.Applied) ReminderPlanJob.Enqueue(jobs, logger);
        var pending = request.Replace && report.DryRun && !report.HasProblems ? await AwaitConfirmationAsync(file, request, cancellationToken) : null;
        var card = cards.Render(ImportDirectoryFile.Card, ImportReportCard.From(report, file.Name, pending), file.Language);
        await files.AnswerAsync(file, ReceivedFiles.Card(card), cancellationToken);
    }

    /// <summary>Keeps the dry run of a replacement for its sender's confirmation (<see cref="ConfirmReplaceImport"/>).</summary>
    private async Task<string> AwaitConfirmationAsync(ReceivedFile file, ChatImportRequest request, CancellationToken ct)
    {
        await files.KeepAsync(PendingReplace.KeyOf(file.ConversationId, file.InboundActivityId), JsonSerializer.Serialize(new PendingReplace(file, request.ByPersonId, request.Campaign)), ct);
        return file.InboundActivityId;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Directory import rolled back: the directory changed during the import")]
    private static partial void LogConflict(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Directory import failed; nothing was saved")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Directory import: applied={Applied}, rows={Rows}, problems={Problems}")]
    private static partial void LogImported(ILogger logger, bool applied, int rows, int problems);
}
