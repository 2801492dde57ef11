using System.Globalization;
using TraAM.Bot.Cards;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Operations;

/// <summary>
/// "version": which build runs, since when, on which database and schema, with which job storage, and how much
/// waits in the outbox and in Hangfire. Admins only: it describes the installation, not the programme.
/// </summary>
internal sealed class ShowVersion(CallerResolver callers, OperationsReport report, RunningInstance instance, CardTemplates cards) : ITurnHandler
{
    public const string Card = "ops/version";

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (!caller.Can(Permission.ViewOperations, AccessScope.Programme))
        {
            await turn.SendTextAsync(cards.Text("ops.notAllowed", language), cancellationToken);
            return;
        }

        var zone = LocalTime.ZoneOf(caller.Person?.AcademyCode);
        var started = DateText.DayAndTime(TimeZoneInfo.ConvertTime(instance.StartedAt, zone).DateTime, language) + $" ({zone.Id})";
        var database = await report.DatabaseAsync(cancellationToken);
        var outbox = await report.OutboxAsync(cancellationToken);
        var jobs = report.Jobs();
        var data = new VersionCard(
            instance.Version,
            started,
            database.Provider,
            database.LastMigration ?? cards.Text("ops.none", language),
            database.Pending == 0 ? "" : Format(cards.Text("ops.pending", language), database.Pending),
            jobs is not null,
            jobs?.Storage ?? "",
            Number(jobs?.Servers ?? 0),
            [.. outbox.Select(o => new VersionCount(cards.Text($"ops.states.{o.State.ToString().ToLowerInvariant()}", language), Number(o.Count)))],
            jobs is null ? [] :
            [
                new VersionCount(cards.Text("ops.jobs.enqueued", language), Number(jobs.Enqueued)),
                new VersionCount(cards.Text("ops.jobs.scheduled", language), Number(jobs.Scheduled)),
                new VersionCount(cards.Text("ops.jobs.processing", language), Number(jobs.Processing)),
                new VersionCount(cards.Text("ops.jobs.failed", language), Number(jobs.Failed)),
            ]);
        await turn.SendCardAsync(cards.Render(Card, data, language), cancellationToken);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(string text, int value) => string.Format(CultureInfo.InvariantCulture, text, value);
}

/// <summary>Data of cards/ops/version.json.</summary>
internal sealed record VersionCard(
    string Version, string StartedAt, string Provider, string Migration, string Pending,
    bool JobsReachable, string JobStorage, string JobServers, IReadOnlyList<VersionCount> Outbox, IReadOnlyList<VersionCount> Jobs);

internal sealed record VersionCount(string Label, string Count);
