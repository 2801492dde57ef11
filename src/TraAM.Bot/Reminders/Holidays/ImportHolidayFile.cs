using Hangfire;
using TraAM.Bot.Cards;
using TraAM.Bot.Conversations;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Reminders.Holidays;

/// <summary>
/// An ICS file sent in a personal chat by an admin (holidays apply to every zone, so ManageHolidays is admin-only): the
/// ministry's school-holiday calendar, imported by <see cref="ImportHolidayFileJob"/> outside the request. The message
/// may name the zone ("zone A") when the file does not.
/// </summary>
internal sealed class ImportHolidayFile(CallerResolver callers, TeamsFileDownloader downloader, CardTemplates cards, IBackgroundJobClient jobs) : ITurnHandler
{
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

        if (!downloader.IsAllowed(file.DownloadUrl))
        {
            await turn.SendTextAsync(cards.Text("import.unreachable", language), cancellationToken);
            return;
        }

        var zones = SchoolZones.Mentioned(turn.Command.Text);
        var zone = zones.Count > 0 ? zones[0] : null;
        var received = await ReceivedFiles.AcknowledgeAsync(turn, file, cards, cancellationToken);
        jobs.Enqueue<ImportHolidayFileJob>(j => j.RunAsync(received, zone, CancellationToken.None));
    }
}
