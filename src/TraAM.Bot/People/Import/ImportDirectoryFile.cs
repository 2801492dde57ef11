using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Conversations;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.People.Import;

/// <summary>
/// A CSV or XLSX file sent to the bot in a personal chat by an admin or a TN3 expert: imported all or nothing, and
/// answered with the report as a card. "simulation" (or "dry run") in the message tests the file without saving.
/// The file's content is never logged.
/// </summary>
internal sealed partial class ImportDirectoryFile(
    CallerResolver callers, DirectoryImporter importer, TeamsFileDownloader downloader, CardTemplates cards, ILogger<ImportDirectoryFile> logger)
    : ITurnHandler
{
    public const string Card = "people/import-report";

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var file = TeamsFileDownloader.Describe(turn.Activity);
        if (file is null) return;
        if (!turn.IsPersonal)
        {
            await turn.SendTextAsync(cards.Text("import.personalOnly", language), cancellationToken);
            return;
        }

        var caller = await callers.ResolveAsync(turn, cancellationToken);
        // Who may import at all; each row is then checked against the caller's rights by the importer.
        if (!caller.CanSomewhere(Permission.ImportDirectory))
        {
            await turn.SendTextAsync(cards.Text("import.notAllowed", language), cancellationToken);
            return;
        }

        if (file.Type is not ("csv" or "xlsx" or "txt"))
        {
            await turn.SendTextAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, cards.Text("import.wrongType", language), file.Name), cancellationToken);
            return;
        }

        var content = await downloader.ReceiveAsync(turn, file, DirectoryImporter.MaxFileBytes, "import.tooLarge", cards, cancellationToken);
        if (content is null) return;

        var dryRun = turn.Command.Normalized.Contains("simulation", StringComparison.Ordinal) || turn.Command.Normalized.Contains("dry run", StringComparison.Ordinal);
        ImportReport report;
        try
        {
            await using (content)
            {
                report = await importer.ImportAsync(content, file.Name, new DirectoryImportOptions(dryRun, caller), cancellationToken);
            }
        }
        catch (DbUpdateException)
        {
            // Another import (or a first message) changed the same people meanwhile: the transaction rolled back.
            LogConflict(logger);
            await turn.SendTextAsync(cards.Text("import.conflict", language), cancellationToken);
            return;
        }

        LogImported(logger, report.Applied, report.Rows, report.Problems.Count);
        await turn.SendCardAsync(cards.Render(Card, ImportReportCard.From(report, file.Name), language), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Directory import rolled back: the directory changed during the import")]
    private static partial void LogConflict(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Directory import: applied={Applied}, rows={Rows}, problems={Problems}")]
    private static partial void LogImported(ILogger logger, bool applied, int rows, int problems);
}

/// <summary>Data of cards/people/import-report.json.</summary>
internal sealed record ImportReportCard(
    string File, bool Ok, bool DryRun, int Rows, int ProblemCount, IReadOnlyList<ImportProblemLine> Problems,
    int PeopleCreated, int PeopleUpdated, int PeopleUnchanged, int RolesAdded, int RolesRemoved, int TeamsCreated,
    int AbsentCount, IReadOnlyList<AbsentLine> Absent, bool MoreProblems)
{
    private const int Shown = 50;

    public static ImportReportCard From(ImportReport r, string file) => new(
        file, !r.HasProblems, r.DryRun, r.Rows, r.Problems.Count,
        [.. r.Problems.Take(Shown).Select(p => new ImportProblemLine(p.Line > 0 ? $"{p.Line}" : "—", p.Column ?? "—", p.Message))],
        r.PeopleCreated, r.PeopleUpdated, r.PeopleUnchanged, r.RolesAdded, r.RolesRemoved, r.TeamsCreated,
        r.AbsentPeople.Count, [.. r.AbsentPeople.Take(Shown).Select(a => new AbsentLine(a))], r.Problems.Count > Shown);
}

internal sealed record ImportProblemLine(string Line, string Column, string Message);

internal sealed record AbsentLine(string Text);
