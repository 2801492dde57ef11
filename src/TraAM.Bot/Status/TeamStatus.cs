using TraAM.Bot.Campaigns;
using TraAM.Bot.CheckIns;
using TraAM.Bot.People;

namespace TraAM.Bot.Status;

/// <summary>A team's last submitted check-in, as <c>statut</c> shows it (no answer text: the few columns kept for this).</summary>
public sealed record LastCheckIn(DateTimeOffset SubmittedAt, OverallProgress? Overall, int? Confidence, bool HelpWanted, bool HasBlocker);

/// <summary>One production of the tracker as last reported.</summary>
public sealed record ProductionLine(ProductionKind Kind, ProductionState State, string? Url, DateTimeOffset ChangedAt)
{
    public bool IsPublished => State >= ProductionState.Published;
}

/// <summary>An open risk: why, what was said, when.</summary>
public sealed record OpenRisk(RiskReasons Reasons, string? Detail, DateTimeOffset RaisedAt);

/// <summary>Everything <c>statut</c> says about one team.</summary>
public sealed record TeamStatus(AcademicTeam Team, Theme Theme, LastCheckIn? LastCheckIn, IReadOnlyList<ProductionLine> Productions, IReadOnlyList<OpenRisk> Risks)
{
    public const int ProductionCount = 4;

    public int Published => Productions.Count(p => p.IsPublished);

    /// <summary>
    /// 0: an open risk; 1: reported late; 2: no check-in yet; 3: the rest. The table shows the lowest first, so the
    /// teams that need someone come first whatever their académie.
    /// </summary>
    public int Urgency => Risks.Count > 0 ? 0 : LastCheckIn?.Overall == OverallProgress.Late ? 1 : LastCheckIn is null ? 2 : 3;
}
