using TraAM.Bot.Campaigns;
using TraAM.Bot.People;
using TraAM.Bot.People.Access;

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

    /// <summary>A check-in round of a theme closes: each selected team's referent answers (one deadline per round).</summary>
    CheckIn,

    /// <summary>An action decided in a meeting's minutes is due: its owner alone carries it out (one deadline per action).</summary>
    Action,
}

/// <summary>
/// One deadline of a campaign: a calendar day (the deadline is the end of that day where each person works), who must
/// act, and a subject that names it in the outbox so that a change can re-plan or cancel its reminders.
/// </summary>
public sealed record Deadline(int CampaignId, DeadlineKind Kind, DateOnly Day)
{
    /// <summary>The check-in round this deadline is (null: a deadline of the campaign calendar).</summary>
    public long? RoundId { get; init; }

    /// <summary>The theme a round's deadline concerns (its selected teams).</summary>
    public int? ThemeId { get; init; }

    /// <summary>A round's opening day: nobody is reminded of a round before its card has come.</summary>
    public DateOnly? Opens { get; init; }

    /// <summary>The bilan collection that dates this bilan deadline (<see cref="BilanClosings"/>): its reminder opens the bilan.</summary>
    public long? CollectionId { get; init; }

    /// <summary>Days before the deadline to remind (null: the campaign's "Rappels" field).</summary>
    public IReadOnlyList<int>? Offsets { get; init; }

    /// <summary>The meeting action this deadline is (null: not an action).</summary>
    public long? ActionId { get; init; }

    /// <summary>An action's owner: the one person concerned, whatever their roles (<see cref="AccessPolicy.AllowsOwnerOr"/>).</summary>
    public long? OwnerPersonId { get; init; }

    /// <summary>What the reminder says is awaited, when it is not the kind's generic text (an action's own words).</summary>
    public string? Label { get; init; }

    /// <summary>Who holds the deadline besides its duty's roles: an action's owner (no one for the calendar's).</summary>
    public IReadOnlyList<long?> Owners => OwnerPersonId is { } o ? [o] : [];

    public string Code => Kind.ToString().ToLowerInvariant();

    public string Subject => (RoundId ?? ActionId) is { } item ? $"deadline:{CampaignId}:{Code}:{item}" : $"deadline:{CampaignId}:{Code}";

    /// <summary>The duty in <see cref="AccessPolicy"/> that makes this deadline someone's own.</summary>
    public Permission Duty => Kind switch
    {
        DeadlineKind.Submission => Permission.MeetSubmissionDeadline,
        DeadlineKind.Results => Permission.MeetResultsDeadline,
        DeadlineKind.Kickoff => Permission.MeetKickoffDeadline,
        DeadlineKind.Completion => Permission.MeetCompletionDeadline,
        DeadlineKind.CheckIn => Permission.MeetCheckInDeadline,
        DeadlineKind.Action => Permission.MeetActionDeadline,
        _ => Permission.MeetBilanDeadline,
    };

    /// <summary>The deadline's campaign: only roles given for it make the deadline one's own.</summary>
    public AccessScope Scope => AccessScope.ForCampaign(CampaignId);

    /// <summary>The roles the duty names, to find in SQL who may be concerned; each is then checked by the policy.</summary>
    public IReadOnlyList<Role> Audience => [.. AccessPolicy.Rules[Duty].Select(r => r.Role)];

    public static IReadOnlyList<Deadline> Of(Campaign c) =>
    [
        new(c.Id, DeadlineKind.Submission, c.SubmissionDeadline),
        new(c.Id, DeadlineKind.Results, c.ResultsDate),
        new(c.Id, DeadlineKind.Kickoff, c.KickoffDeadline),
        new(c.Id, DeadlineKind.Completion, c.CompletionDeadline),
        new(c.Id, DeadlineKind.Bilan, c.BilanDeadline),
    ];

    /// <summary>
    /// The deadlines a campaign's phase makes current: a call in its candidacy or selection phase has its submission and
    /// results; from the results on (preparation, work) every deadline counts (one passed plans nothing but a week of
    /// escalation); a closed campaign has none.
    /// </summary>
    public static IReadOnlyList<Deadline> Current(CampaignInPhase c) => c.Phase switch
    {
        CampaignPhase.Candidacy or CampaignPhase.Selection => [.. Of(c.Campaign).Where(d => d.Kind is DeadlineKind.Submission or DeadlineKind.Results)],
        CampaignPhase.Closed => [],
        _ => Of(c.Campaign),
    };

    /// <summary>
    /// A check-in round as a deadline source: its closing day, reminded once two days before (J-2), escalated to the
    /// team's inspectors the first working day after, like the calendar's deadlines.
    /// </summary>
    public static Deadline OfRound(CheckIns.CheckInRound round) =>
        new(round.CampaignId, DeadlineKind.CheckIn, round.Closes) { RoundId = round.Id, ThemeId = round.ThemeId, Opens = round.Opens, Offsets = RoundReminderDays };

    public static readonly IReadOnlyList<int> RoundReminderDays = [2];

    /// <summary>
    /// A meeting's action as a deadline source: its due day, its owner reminded J-7 and J-1 at 9:00 where they work
    /// ("C'est fait" on the card), the theme's TN3 experts told the first working day after if not done.
    /// </summary>
    public static Deadline OfAction(Meetings.Minutes.MeetingAction action, Meetings.Meeting meeting) =>
        new(meeting.CampaignId, DeadlineKind.Action, action.Due!.Value)
        {
            ActionId = action.Id, OwnerPersonId = action.OwnerPersonId, ThemeId = meeting.ThemeId, Offsets = ActionReminderDays, Label = action.What,
        };

    public static readonly IReadOnlyList<int> ActionReminderDays = [7, 1];

    /// <summary>The kinds a plan run covers: the current calendar deadlines, and check-in rounds and meeting actions once the teams work.</summary>
    public static IReadOnlyList<DeadlineKind> CurrentKinds(CampaignInPhase c) =>
        [.. Current(c).Select(d => d.Kind), .. c.Phase is CampaignPhase.Preparation or CampaignPhase.Work ? [DeadlineKind.CheckIn, DeadlineKind.Action] : Array.Empty<DeadlineKind>()];

    public static Deadline? Parse(Campaign c, string? subject) => Of(c).FirstOrDefault(d => d.Subject == subject);
}
