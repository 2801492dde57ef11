using TraAM.Bot.Campaigns;
using TraAM.Bot.CheckIns;
using TraAM.Bot.People;
using TraAM.Bot.Status;

namespace TraAM.Bot.Tests.Status;

/// <summary>Which teams the status table puts first, and what counts as published.</summary>
public sealed class TeamStatusTests
{
    private static readonly Theme Hg = new() { Id = 9, CampaignId = 1, DisciplineCode = "histoire-geographie", Code = "hg", Title = "t" };
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static TeamStatus Team(LastCheckIn? last, IReadOnlyList<OpenRisk>? risks = null, IReadOnlyList<ProductionLine>? productions = null) =>
        new(new AcademicTeam { AcademyCode = "lyon", Name = "A", NameKey = "a" }, Hg, last, productions ?? [], risks ?? []);

    [Fact]
    public void An_open_risk_comes_first_then_late_then_no_check_in_then_the_rest()
    {
        var risky = Team(new LastCheckIn(At, OverallProgress.OnTrack, 5, false, false), [new OpenRisk(RiskReasons.Blocker, null, At)]);
        var late = Team(new LastCheckIn(At, OverallProgress.Late, 2, false, false));
        var silent = Team(null);
        var fine = Team(new LastCheckIn(At, OverallProgress.InProgress, 4, false, false));

        Assert.Equal([0, 1, 2, 3], new[] { risky, late, silent, fine }.Select(t => t.Urgency));
    }

    [Fact]
    public void Published_and_indexed_count_as_published_out_of_four()
    {
        var team = Team(null, productions:
        [
            new ProductionLine(ProductionKind.Scenarios, ProductionState.Indexed, null, At),
            new ProductionLine(ProductionKind.Magistere, ProductionState.Published, null, At),
            new ProductionLine(ProductionKind.AcademicBilan, ProductionState.Tested, null, At),
        ]);

        Assert.Equal(2, team.Published);
        Assert.Equal(4, TeamStatus.ProductionCount);
    }
}
