using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.People;
using TraAM.Bot.People.Access;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Candidacies;

/// <summary>
/// Who hears about a candidacy, through the outbox (once per key: a retry sends nothing twice). On each submitted
/// version the inspectors who may decide get the card in their chat and the team's academic channel, if linked, a
/// read-only copy; every earlier copy is updated in place to the new state. On a decision every copy is updated and
/// the referents are told.
/// </summary>
public sealed class CandidacyNotices(TraamDbContext db, CampaignPhases phases, Outbox outbox, CardCopies copies, CandidacyCard card, CardTemplates cards, TimeProvider clock)
{
    public const string ReviewKind = "candidacy.review";
    public const string ToldKind = "candidacy.told";

    public async Task SubmittedAsync(CandidacyFile file, CancellationToken ct)
    {
        var c = file.Candidacy!;
        var reviewers = await ReviewersAsync(file, ct);
        var refresh = RefreshIds(reviewers);
        var now = clock.GetUtcNow();
        var version = "v" + c.Version.ToString(CultureInfo.InvariantCulture);
        var requests = reviewers.Select(p => new NotificationRequest(ReviewKind, file.Subject, Recipient.Person(p.Id), version,
            CandidacyCard.Template, card.Queued(file, CandidacyView.StatusForReviewer, refresh), now)).ToList();
        var channel = await db.WorkGroups.AsNoTracking()
            .Where(g => g.Kind == GroupKind.Academic && g.TeamId == file.Team.Id && g.ConversationRecordId != null).Select(g => (long?)g.Id).FirstOrDefaultAsync(ct);
        if (channel is { } group)
            requests.Add(new NotificationRequest(ReviewKind, file.Subject, Recipient.Group(group), version, CandidacyCard.Template, card.Queued(file, CandidacyView.Status, refresh), now));
        await outbox.EnqueueAsync(db, requests, ct);
        await UpdateCopiesAsync(file, reviewers, ct);
    }

    public async Task DecidedAsync(CandidacyFile file, CandidacyDecision decision, CancellationToken ct)
    {
        var reviewers = await ReviewersAsync(file, ct);
        await UpdateCopiesAsync(file, reviewers, ct);
        var told = file.Referents.Select(r => new NotificationRequest(ToldKind, file.Subject + ":told", Recipient.Person(r.Id),
            "d" + decision.Id.ToString(CultureInfo.InvariantCulture), CandidacyCard.Template,
            LocalizedData.Of(Told(file, decision, Languages.French), Told(file, decision, Languages.English)), clock.GetUtcNow()));
        await outbox.EnqueueAsync(db, told, ct);
    }

    /// <summary>Every copy shows the candidacy as it is now; inspectors' own copies keep their "Examiner" button.</summary>
    private Task<int> UpdateCopiesAsync(CandidacyFile file, IReadOnlyList<Person> reviewers, CancellationToken ct)
    {
        var refresh = RefreshIds(reviewers);
        var reviewer = card.Queued(file, CandidacyView.StatusForReviewer, refresh);
        var status = card.Queued(file, CandidacyView.Status, refresh);
        return copies.ChangeAsync(db, file.Subject, CandidacyCard.Template, r => r.PersonId is not null ? reviewer : status, ct);
    }

    private CandidacyCardData Told(CandidacyFile file, CandidacyDecision decision, string language)
    {
        var text = string.Format(CultureInfo.InvariantCulture, cards.Text($"candidacy.told.{decision.Kind}", language),
            file.SubmittedAnswers["title"], decision.Version, decision.ByName);
        return card.Data(file, CandidacyView.Editable, language, [], done: decision.Kind == CandidacyDecisionKind.Approved ? text : "",
            banner: decision.Kind == CandidacyDecisionKind.Approved ? "" : text);
    }

    /// <summary>The inspectors of the team's académie and discipline in the call's campaign, as the policy sees them.</summary>
    public async Task<IReadOnlyList<Person>> ReviewersAsync(CandidacyFile file, CancellationToken ct)
    {
        var campaigns = await phases.ContextAsync(ct);
        var people = await db.People.AsNoTracking().Include(p => p.Roles)
            .Where(p => p.Roles.Any(r => r.Role == Role.Inspector && r.CampaignId == file.Campaign.Id
                && r.AcademyCode == file.Team.AcademyCode && r.DisciplineCode == file.Theme.DisciplineCode))
            .OrderBy(p => p.LastName).ToListAsync(ct);
        return [.. people.Where(p => AccessPolicy.Allows(p.Roles, Permission.ApproveCandidacy, file.Scope, campaigns))];
    }

    /// <summary>Teams refreshes the card by itself for these users (at most 60), giving each their own view.</summary>
    private static IReadOnlyList<string> RefreshIds(IReadOnlyList<Person> reviewers) =>
        [.. reviewers.Where(p => p.TeamsUserId is not null).Select(p => p.TeamsUserId!).Take(60)];
}
