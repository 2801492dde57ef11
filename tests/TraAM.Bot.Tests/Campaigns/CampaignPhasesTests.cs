using TraAM.Bot.Campaigns;
using TraAM.Bot.People;
using TraAM.Bot.People.Access;

namespace TraAM.Bot.Tests.Campaigns;

/// <summary>Two campaigns at once: the call of 2027-2028 in its candidacy phase while 2026-2027 works.</summary>
public sealed class CampaignPhasesTests
{
    private static readonly Campaign Working = Call2026.Campaign;

    private static readonly Campaign Next = new()
    {
        Id = 2, Code = "2027-2028", SubmissionDeadline = new(2027, 3, 31), ResultsDate = new(2027, 6, 15), WorkStart = new(2027, 9, 1),
        KickoffDeadline = new(2027, 10, 31), CompletionDeadline = new(2028, 4, 30), BilanDeadline = new(2028, 6, 30),
    };

    [Theory]
    [InlineData("2026-12-02", CampaignPhase.Work, CampaignPhase.Candidacy)]
    [InlineData("2027-03-31", CampaignPhase.Work, CampaignPhase.Candidacy)] // the deadline's day is still open
    [InlineData("2027-04-01", CampaignPhase.Work, CampaignPhase.Selection)]
    [InlineData("2027-06-16", CampaignPhase.Work, CampaignPhase.Preparation)]
    [InlineData("2027-08-31", CampaignPhase.Work, CampaignPhase.Preparation)] // 2026-2027 works until the next one starts
    [InlineData("2027-09-01", CampaignPhase.Closed, CampaignPhase.Work)]
    public void EachCampaign_HasItsPhase(string day, CampaignPhase working, CampaignPhase next)
    {
        var phases = CampaignPhases.Phases([Working, Next], DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((working, next), (phases[0].Phase, phases[1].Phase));
    }

    [Fact]
    public void Features_PickTheirCampaignByPhase()
    {
        var winter = CampaignPhases.Phases([Working, Next], new DateOnly(2026, 12, 2));
        var autumn = CampaignPhases.Phases([Working, Next], new DateOnly(2027, 10, 1));

        Assert.Equal((1, 2), (CampaignPhases.WorkOf(winter).Id, CampaignPhases.CallOf(winter)!.Id));
        Assert.Equal(2, CampaignPhases.WorkOf(autumn).Id);
        Assert.Null(CampaignPhases.CallOf(autumn)); // no next call opened yet
    }

    [Fact]
    public void ARole_ActsInItsOwnLiveCampaign_AndOnlyReadsAClosedOne()
    {
        var winter = new CampaignContext(1, new HashSet<int> { 1, 2 });
        var nextReferent = new RoleAssignment { Role = Role.Referent, CampaignId = 2, TeamId = 20 };
        var oldReferent = new RoleAssignment { Role = Role.Referent, CampaignId = 1, TeamId = 10 };

        Assert.True(AccessPolicy.Allows([nextReferent], Permission.SubmitCandidacy, new AccessScope(TeamId: 20, CampaignId: 2), winter));
        Assert.False(AccessPolicy.Allows([oldReferent], Permission.SubmitCandidacy, new AccessScope(TeamId: 20, CampaignId: 2), winter));
        Assert.False(AccessPolicy.Allows([nextReferent], Permission.SubmitCheckIn, new AccessScope(TeamId: 20, CampaignId: 1), winter));

        var autumn = new CampaignContext(2, new HashSet<int> { 2 });
        Assert.False(AccessPolicy.Allows([oldReferent], Permission.SubmitCheckIn, new AccessScope(TeamId: 10, CampaignId: 1), autumn));
        Assert.True(AccessPolicy.Allows([oldReferent], Permission.ViewTeamStatus, new AccessScope(TeamId: 10, CampaignId: 1), autumn));
    }
}
