using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.People;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Candidacies;

/// <summary>
/// "Approuver", "Refuser", "Demander des modifications" on the inspector's view of a candidacy. The caller is checked
/// through the policy on the candidacy's team, never the card. A decision is about the version the card showed: if the
/// referent submitted another since, it is refused and the card shows the new one. Of two inspectors deciding at once,
/// one conditional update passes; the other is shown who decided first. Teams' retry of the same invoke gets the first
/// answer (activity deduplication) and has no second effect. Every decision is audited with its version and comment.
/// </summary>
internal sealed class DecideCandidacy(CallerResolver callers, TraamDbContext db, CandidacyCard card, CandidacyNotices notices, CardTemplates cards, TimeProvider clock)
    : ICardActionHandler
{
    public const string Verb = "candidacy.decide";
    private const int CommentMax = 2000;

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (ViewCandidacy.CandidacyIdOf(data) is not { } id || await CandidacyFile.ForCandidacyAsync(db, id, cancellationToken) is not { } file)
            return CardActionResult.Message(cards.Text("candidacy.review.gone", language));

        var caller = await callers.ResolveAsync(turn, cancellationToken);
        var view = ViewCandidacy.ViewFor(caller, file);
        if (!caller.Can(Permission.ApproveCandidacy, file.Scope))
        {
            return view is { } v
                ? CardActionResult.Card(card.Render(file, v, language, banner: cards.Text("candidacy.review.notAllowed", language)))
                : CardActionResult.Message(cards.Text("candidacy.review.notAllowed", language));
        }

        var c = file.Candidacy!;
        var comment = Text(data, "comment");
        var kind = Text(data, "decision") switch
        {
            "approve" => CandidacyDecisionKind.Approved,
            "reject" => CandidacyDecisionKind.Rejected,
            "changes" => CandidacyDecisionKind.ChangesRequested,
            _ => (CandidacyDecisionKind?)null,
        };
        var shown = int.TryParse(Text(data, "version"), NumberStyles.None, CultureInfo.InvariantCulture, out var v2) ? v2 : -1;
        if (shown != c.Version)
            return Answer(file, language, banner: string.Format(CultureInfo.InvariantCulture, cards.Text("candidacy.review.stale", language), c.Version));
        if (c.State != CandidacyState.Pending) return Answer(file, language, banner: AlreadyDecided(file, language));
        if (kind is null) return Answer(file, language, comment: comment);
        if (kind != CandidacyDecisionKind.Approved && comment.Length == 0)
            return Answer(file, language, comment: comment, commentError: cards.Text("candidacy.review.commentRequired", language));
        if (comment.Length > CommentMax)
            return Answer(file, language, comment: comment, commentError: string.Format(CultureInfo.InvariantCulture, cards.Text("forms.errors.tooLong", language), comment.Length, CommentMax));

        var decision = await DecideAsync(c, kind.Value, shown, comment, caller, cancellationToken);
        db.ChangeTracker.Clear();
        if (decision is null)
        {
            var latest = (await CandidacyFile.ForCandidacyAsync(db, id, cancellationToken))!;
            // Someone else's decision or a new version passed first: say which, change nothing.
            return latest.Candidacy!.Version != shown
                ? Answer(latest, language, banner: string.Format(CultureInfo.InvariantCulture, cards.Text("candidacy.review.stale", language), latest.Candidacy.Version))
                : Answer(latest, language, banner: AlreadyDecided(latest, language));
        }

        // Won: the row is what the conditional update wrote, so the file needs no second load (half the invoke's queries).
        Decided(c, decision, caller.Person!);
        await notices.DecidedAsync(file, decision, cancellationToken);
        return Answer(file, language, done: string.Format(CultureInfo.InvariantCulture, cards.Text("candidacy.review.decided", language), cards.Text($"candidacy.decisions.{kind}", language)));
    }

    /// <summary>The decision and its audit row, if the candidacy still waits for one on that version; else null.</summary>
    private async Task<CandidacyDecision?> DecideAsync(Candidacy c, CandidacyDecisionKind kind, int version, string comment, Caller caller, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var state = StateAfter(kind);
        var by = caller.Person!;
        var text = comment.Length == 0 ? null : comment;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var won = await db.Candidacies
            .Where(x => x.Id == c.Id && x.State == CandidacyState.Pending && x.Version == version)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.State, state)
                .SetProperty(x => x.DecidedAt, now)
                .SetProperty(x => x.DecidedByPersonId, by.Id)
                .SetProperty(x => x.DecidedByName, by.DisplayName)
                .SetProperty(x => x.DecisionComment, text)
                .SetProperty(x => x.UpdatedAt, now)
                .SetProperty(x => x.Revision, x => x.Revision + 1), ct);
        if (won == 0) return null;
        var decision = new CandidacyDecision { CandidacyId = c.Id, Version = version, Kind = kind, Comment = text, ByPersonId = by.Id, ByName = by.DisplayName, At = now };
        db.CandidacyDecisions.Add(decision);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return decision;
    }

    /// <summary>The (no longer tracked) candidacy as <see cref="DecideAsync"/>'s update left it in the database.</summary>
    private static void Decided(Candidacy c, CandidacyDecision decision, Person by)
    {
        c.State = StateAfter(decision.Kind);
        c.DecidedAt = decision.At;
        c.DecidedByPersonId = by.Id;
        c.DecidedByName = by.DisplayName;
        c.DecisionComment = decision.Comment;
        c.UpdatedAt = decision.At;
        c.Revision++;
    }

    private static CandidacyState StateAfter(CandidacyDecisionKind kind) => kind switch
    {
        CandidacyDecisionKind.Approved => CandidacyState.Approved,
        CandidacyDecisionKind.Rejected => CandidacyState.Rejected,
        _ => CandidacyState.ChangesRequested,
    };

    private CardActionResult Answer(CandidacyFile file, string language, string banner = "", string done = "", string comment = "", string commentError = "") =>
        CardActionResult.Card(card.Render(file, file.Candidacy!.State == CandidacyState.Pending ? CandidacyView.Decide : CandidacyView.Status,
            language, banner, done, comment, commentError));

    private string AlreadyDecided(CandidacyFile file, string language)
    {
        var c = file.Candidacy!;
        if (c.DecidedByName is null) return string.Format(CultureInfo.InvariantCulture, cards.Text("candidacy.review.notPending", language), cards.Text($"candidacy.states.{c.State}", language));
        return string.Format(CultureInfo.InvariantCulture, cards.Text("candidacy.review.alreadyDecided", language),
            cards.Text($"candidacy.states.{c.State}", language), c.DecidedByName, DateText.Day(DateOnly.FromDateTime(c.DecidedAt!.Value.UtcDateTime), language));
    }

    private static string Text(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? v.ToString().Trim() : "";
}
