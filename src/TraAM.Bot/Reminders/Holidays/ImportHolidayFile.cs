using System.Globalization;
using System.Text;
using Hangfire;
using TraAM.Bot.Cards;
using TraAM.Bot.Conversations;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Reminders.Holidays;

/// <summary>
/// An ICS file sent in a personal chat by an admin (holidays apply to every zone, so ManageHolidays is admin-only): the ministry's school-holiday calendar. The
/// message may name the zone ("zone A") when the file does not. Reminders are re-planned once it is saved.
/// </summary>
internal sealed partial class ImportHolidayFile(
    CallerResolver callers, HolidayImporter importer, TeamsFileDownloader downloader, CardTemplates cards, IBackgroundJobClient jobs,
    ILogger<ImportHolidayFile> logger) : ITurnHandler
{
    private const int ProblemsShown = 10;

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (TeamsFileDownloader.Describe(turn.Activity) is not { } file) return;
        if (!turn.IsPersonal)
        {
            await turn.SendTextAsync(cards.Text("import.personalOnly", language), cancellationToken);
            return;
        }

        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (!caller.Can(Permission.ManageHolidays, AccessScope.Programme))
        {
            await turn.SendTextAsync(cards.Text("holidays.notAllowed", language), cancellationToken);
            return;
        }

        var content = await downloader.ReceiveAsync(turn, file, HolidayImporter.MaxFileBytes, "holidays.tooLarge", cards, cancellationToken);
        if (content is null) return;

        HolidayImportResult result;
        await using (content)
        {
            var zones = SchoolZones.Mentioned(turn.Command.Text);
            result = await importer.ImportAsync(content, zones.Count > 0 ? zones[0] : null, cancellationToken);
        }

        if (result.Applied) ReminderPlanJob.Enqueue(jobs, logger);
        LogImported(logger, result.Zones.Count, result.Zones.Sum(z => z.Periods), result.Problems.Count);
        await turn.SendTextAsync(Answer(file.Name, result, language), cancellationToken);
    }

    private string Answer(string fileName, HolidayImportResult result, string language)
    {
        var text = new StringBuilder();
        if (result.Applied)
        {
            var zones = string.Join(", ", result.Zones.Select(z => $"{z.Zone} ({z.Periods})"));
            text.Append(string.Format(CultureInfo.InvariantCulture, cards.Text("holidays.imported", language), fileName, zones));
        }
        else
        {
            text.Append(string.Format(CultureInfo.InvariantCulture, cards.Text("holidays.nothing", language), fileName));
        }

        foreach (var problem in result.Problems.Take(ProblemsShown)) text.Append("\n\n- ").Append(problem);
        if (result.Problems.Count > ProblemsShown)
            text.Append("\n\n").Append(string.Format(CultureInfo.InvariantCulture, cards.Text("holidays.moreProblems", language), result.Problems.Count - ProblemsShown));
        return text.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Holiday calendar import: {Zones} zones, {Periods} periods, {Problems} problems")]
    private static partial void LogImported(ILogger logger, int zones, int periods, int problems);
}
