using System.Globalization;
using System.Text;
using Hangfire;
using TraAM.Bot.Conversations;
using TraAM.Bot.Cards;
using TraAM.Bot.People.Import;

namespace TraAM.Bot.Reminders.Holidays;

/// <summary>
/// Imports a school-holiday calendar sent in chat, outside the HTTP request, replaces the "import en cours" message
/// with what was imported, and re-plans reminders. Never retried automatically; a run after a crash repeats the kept
/// answer (<see cref="ReceivedFiles"/>).
/// </summary>
public sealed partial class ImportHolidayFileJob(
    HolidayImporter importer, ReceivedFiles files, CardTemplates cards, IBackgroundJobClient jobs, ILogger<ImportHolidayFileJob> logger)
{
    private const int ProblemsShown = 10;

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(ReceivedFile file, string? zone, CancellationToken cancellationToken)
    {
        if (await files.RepeatAnswerAsync(file, cancellationToken)) return;
        var content = await files.DownloadAsync(file, HolidayImporter.MaxFileBytes, "holidays.tooLarge", cancellationToken);
        if (content is null) return;

        HolidayImportResult result;
        await using (content)
        {
            result = await importer.ImportAsync(content, zone, cancellationToken);
        }

        if (result.Applied) ReminderPlanJob.Enqueue(jobs, logger);
        LogImported(logger, result.Zones.Count, result.Zones.Sum(z => z.Periods), result.Problems.Count);
        await files.AnswerAsync(file, ReceivedFiles.Text(Answer(file.Name, result, file.Language)), cancellationToken);
    }

    private string Answer(string fileName, HolidayImportResult result, string language)
    {
        var text = new StringBuilder();
        var name = Excerpt.Of(fileName, 80);
        if (result.Applied)
        {
            var zones = string.Join(", ", result.Zones.Select(z => $"{z.Zone} ({z.Periods})"));
            text.Append(string.Format(CultureInfo.InvariantCulture, cards.Text("holidays.imported", language), name, zones));
        }
        else
        {
            text.Append(string.Format(CultureInfo.InvariantCulture, cards.Text("holidays.nothing", language), name));
        }

        foreach (var problem in result.Problems.Take(ProblemsShown)) text.Append("\n\n- ").Append(Excerpt.Of(problem, 300));
        if (result.Problems.Count > ProblemsShown)
            text.Append("\n\n").Append(string.Format(CultureInfo.InvariantCulture, cards.Text("holidays.moreProblems", language), result.Problems.Count - ProblemsShown));
        return text.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Holiday calendar import: {Zones} zones, {Periods} periods, {Problems} problems")]
    private static partial void LogImported(ILogger logger, int zones, int periods, int problems);
}
