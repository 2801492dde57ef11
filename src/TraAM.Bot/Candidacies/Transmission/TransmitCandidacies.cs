using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Hosting;
using TraAM.Bot.People.Access;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Reference;
using TraAM.Bot.Reminders;

namespace TraAM.Bot.Candidacies.Transmission;

/// <summary>
/// "Confirmer la transmission": the approved candidacies of the place become transmitted, in one transaction that
/// each candidacy's revision guards (of a double click or two DAN at once, one transmits, the other is told), with an
/// audit row each; the caller's submission deadline is done; a job then builds the document de synthèse and offers it
/// in this chat. Allowed after the deadline: the DNE waits for late académies.
/// </summary>
internal sealed partial class TransmitCandidacies(
    TransmissionRequests requests, TransmissionCard card, TraamDbContext db, DeadlineProgress progress, CardTemplates cards, TimeProvider clock,
    IBackgroundJobClient jobs, ILogger<TransmitCandidacies> logger) : ICardActionHandler
{
    public const string Verb = "transmission.send";

    /// <summary>How long the file waits for its person's consent before it is erased (README, what is stored).</summary>
    public static readonly TimeSpan ExportKept = TimeSpan.FromDays(7);

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var scopeKey = CardData.Text(data, "scope");
        var (request, refusal, quoted) = await requests.ReadAsync(turn, scopeKey, cancellationToken);
        if (request is null || !request.Caller.Can(Permission.ExportCandidacies, request.Access))
            return CardActionResult.Message(cards.Format(request is null ? refusal : "transmission.notAllowed", language, quoted));

        var (export, raced) = await TransmitAsync(request, cancellationToken);
        var done = "";
        var error = "";
        if (export is null)
        {
            error = cards.Text(raced ? "transmission.raced" : "transmission.nothing", language);
        }
        else
        {
            var deadline = new Deadline(request.Campaign.Id, DeadlineKind.Submission, request.Campaign.SubmissionDeadline);
            await progress.CompleteAsync(deadline.Subject, request.Caller.Person!.Id, "transmission", cancellationToken);
            var conversation = turn.Activity.Conversation!.Id!;
            jobs.TryEnqueue<BuildExportJob>(j => j.RunAsync(export.Id, turn.Activity.ServiceUrl!, conversation, CancellationToken.None), logger);
            done = cards.Format("transmission.done", language, export.Count);
        }

        return CardActionResult.Card(await card.RenderAsync(request.Campaign, request.Scope, request.Caller, language, done, error, cancellationToken));
    }

    /// <summary>The export recording what was transmitted now; none when nothing approved was left, or someone else wrote first.</summary>
    private async Task<(CandidacyExport? Export, bool Raced)> TransmitAsync(TransmissionRequest request, CancellationToken ct)
    {
        var academies = request.Scope.Academies;
        var approved = await db.Candidacies
            .Where(c => c.CampaignId == request.Campaign.Id && academies.Contains(c.AcademyCode) && c.State == CandidacyState.Approved)
            .ToListAsync(ct);
        if (approved.Count == 0) return (null, false);

        var now = clock.GetUtcNow();
        var person = request.Caller.Person!;
        var export = new CandidacyExport
        {
            CampaignId = request.Campaign.Id, ScopeKey = request.Scope.Key, ByPersonId = person.Id, ByName = person.DisplayName, At = now,
            FileName = $"TraAM-{request.Campaign.Code}-{TextKey.Of(request.Scope.Label).Replace(' ', '-')}-{now:yyyyMMdd-HHmm}.xlsx",
            ExpiresAt = now + ExportKept, Count = approved.Count,
        };
        db.CandidacyExports.Add(export);
        foreach (var c in approved)
        {
            c.State = CandidacyState.Transmitted;
            c.TransmittedAt = now; // also what ties the candidacy to this export's document
            c.TransmittedByName = person.DisplayName;
            c.UpdatedAt = now;
            c.Revision++;
            db.CandidacyDecisions.Add(new CandidacyDecision
            {
                CandidacyId = c.Id, Version = c.Version, Kind = CandidacyDecisionKind.Transmitted, ByPersonId = person.Id, ByName = person.DisplayName, At = now,
            });
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return (export, false);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another click, another DAN, or an inspector's decision passed first: nothing of ours was written.
            db.ChangeTracker.Clear();
            LogConcurrent(logger, request.Scope.Key);
            return (null, true);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Transmission of {Scope} lost a race; nothing written")]
    private static partial void LogConcurrent(ILogger logger, string scope);
}
