using Hangfire;
using TraAM.Bot.Cards;
using TraAM.Bot.Conversations;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.People.Import;

/// <summary>
/// A CSV or XLSX file sent to the bot in a personal chat by an admin or a TN3 expert: checked here, then imported by
/// <see cref="ImportDirectoryFileJob"/> outside the request, which replaces the "import en cours" answer with the
/// report card. "simulation" (or "dry run") in the message tests the file without saving. The file's content is
/// never logged.
/// </summary>
internal sealed class ImportDirectoryFile(CallerResolver callers, TeamsFileDownloader downloader, CardTemplates cards, IBackgroundJobClient jobs)
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
            await turn.SendTextAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, cards.Text("import.wrongType", language), Excerpt.Of(file.Name, 80)), cancellationToken);
            return;
        }

        if (!downloader.IsAllowed(file.DownloadUrl))
        {
            await turn.SendTextAsync(cards.Text("import.unreachable", language), cancellationToken);
            return;
        }

        var words = turn.Command.Normalized;
        // "remplacer": the file becomes the whole truth within the sender's rights, after they confirm a dry run.
        var replace = words.Contains("remplacer", StringComparison.Ordinal) || words.Contains("replace", StringComparison.Ordinal);
        var dryRun = replace || words.Contains("simulation", StringComparison.Ordinal) || words.Contains("dry run", StringComparison.Ordinal);
        // "campagne 2027-2028": the candidate teams of the next call, while the working campaign runs.
        var request = new ChatImportRequest(caller.Person!.Id, dryRun, replace, Campaigns.CampaignCode.InText(turn.Activity.Text));
        var received = await ReceivedFiles.AcknowledgeAsync(turn, file, cards, cancellationToken);
        jobs.Enqueue<ImportDirectoryFileJob>(j => j.RunAsync(received, request, CancellationToken.None));
    }
}

/// <summary>
/// Data of cards/people/import-report.json. Bounded whatever the file: a few problems and absent people are listed
/// (each cell quoted as a short excerpt), the others counted, so the card stays far below Teams' message size limit.
/// </summary>
internal sealed record ImportReportCard(
    string File, string Campaign, bool Ok, bool DryRun, int Rows, int ProblemCount, IReadOnlyList<ImportProblemLine> Problems,
    int PeopleCreated, int PeopleUpdated, int PeopleUnchanged, int RolesAdded, int RolesRemoved, int TeamsCreated,
    int AbsentCount, IReadOnlyList<AbsentLine> Absent, int MoreProblems, int MoreAbsent,
    int LostCount, IReadOnlyList<AbsentLine> Lost, int MoreLost, bool ConfirmReplace, string Pending)
{
    public const int Shown = 20;

    /// <summary>The card of a report; with <paramref name="pending"/> (a replacement awaiting its sender), its confirm button.</summary>
    public static ImportReportCard From(ImportReport r, string file, string? pending = null) => new(
        Excerpt.Of(file, 80), r.Campaign, !r.HasProblems, r.DryRun, r.Rows, r.Problems.Count,
        [.. r.Problems.Take(Shown).Select(p => new ImportProblemLine(p.Line > 0 ? $"{p.Line}" : "—", p.Column ?? "—", p.Message))],
        r.PeopleCreated, r.PeopleUpdated, r.PeopleUnchanged, r.RolesAdded, r.RolesRemoved, r.TeamsCreated,
        r.AbsentPeople.Count, [.. r.AbsentPeople.Take(Shown).Select(a => new AbsentLine(Excerpt.Of(a, 200)))],
        Math.Max(0, r.Problems.Count - Shown), Math.Max(0, r.AbsentPeople.Count - Shown),
        r.Lost.Count, [.. r.Lost.Take(Shown).Select(l => new AbsentLine(Excerpt.Of(l, 200)))], Math.Max(0, r.Lost.Count - Shown),
        pending is not null, pending ?? "");
}

internal sealed record ImportProblemLine(string Line, string Column, string Message);

internal sealed record AbsentLine(string Text);
