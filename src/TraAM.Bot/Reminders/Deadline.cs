using TraAM.Bot.Campaigns;
using TraAM.Bot.People;

namespace TraAM.Bot.Reminders;

/// <summary>The deadlines of the yearly cycle that people are reminded of (domain.md, "The yearly cycle").</summary>
public enum DeadlineKind
{
    /// <summary>DAN/DRAN send the académie's selected candidacies to the DNE (end of March); inspectors pre-select before.</summary>
    Submission,

    /// <summary>The national selection's results go to DAN/DRAN (mid-June): decided by TN3 experts with the IGÉSR.</summary>
    Results,

    /// <summary>The national kick-off meeting, organised by the TN3 expert, before the end of October.</summary>
    Kickoff,

    /// <summary>The team's productions are finished (before May): the referent answers for the team.</summary>
    Completion,

    /// <summary>Each referent's end-of-year bilan.</summary>
    Bilan,
}

/// <summary>
/// One deadline of a campaign: a calendar day (the deadline is the end of that day where each person works), who must
/// act, and a subject that names it in the outbox so that a change can re-plan or cancel its reminders.
/// </summary>
public sealed record Deadline(int CampaignId, DeadlineKind Kind, DateOnly Day)
{
    public string Code => Kind.ToString().ToLowerInvariant();

    public string Subject => $"deadline:{CampaignId}:{Code}";

    /// <summary>The roles that must act; people holding them in the campaign are reminded, then escalated about.</summary>
    public IReadOnlyList<Role> Audience => Kind switch
    {
        DeadlineKind.Submission => [Role.Dan, Role.Dran, Role.Inspector],
        DeadlineKind.Results => [Role.ExpertTn3, Role.Igesr],
        DeadlineKind.Kickoff => [Role.ExpertTn3],
        _ => [Role.Referent],
    };

    /// <summary>Whether holding <paramref name="role"/> makes this deadline one's own (a role of the campaign, or of none).</summary>
    public bool Concerns(RoleAssignment role) =>
        Audience.Contains(role.Role) && (role.CampaignId is null || role.CampaignId == CampaignId);

    public static IReadOnlyList<Deadline> Of(Campaign c) =>
    [
        new(c.Id, DeadlineKind.Submission, c.SubmissionDeadline),
        new(c.Id, DeadlineKind.Results, c.ResultsDate),
        new(c.Id, DeadlineKind.Kickoff, c.KickoffDeadline),
        new(c.Id, DeadlineKind.Completion, c.CompletionDeadline),
        new(c.Id, DeadlineKind.Bilan, c.BilanDeadline),
    ];

    public static Deadline? Parse(Campaign c, string? subject) => Of(c).FirstOrDefault(d => d.Subject == subject);
}
