using TraAM.Bot.Campaigns;
using TraAM.Bot.Campaigns.Opening;
using TraAM.Bot.People;
using TraAM.Bot.People.Access;

namespace TraAM.Bot.Tests.Campaigns;

/// <summary>Which phase a campaign is in on a given day, at each boundary of the yearly cycle, and which one features pick.</summary>
public sealed class CampaignPhasesTests
{
    private static readonly Campaign Working = Call2026.Campaign; // submission 31/03/2026, results 15/06/2026, work 01/09/2026
    private static readonly Campaign Next = CampaignOpener.Proposal(Working, "2027-2028", 2);

    [Theory]
    [InlineData("2026-03-31", CampaignPhase.Candidacy)] // the day of the submission deadline still belongs to candidacies
    [InlineData("2026-04-01", CampaignPhase.Selection)]
    [InlineData("2026-06-15", CampaignPhase.Selection)] // results day
    [InlineData("2026-06-16", CampaignPhase.Preparation)]
    [InlineData("2026-08-31", CampaignPhase.Preparation)]
    [InlineData("2026-09-01", CampaignPhase.Work)] // work start
    [InlineData("2027-08-31", CampaignPhase.Work)]
    [InlineData("2027-09-01", CampaignPhase.Closed)] // the next campaign's work start
    public void PhaseOf_TheWorkingCampaign_AtEachBoundary(string day, CampaignPhase expected)
    {
        Assert.Equal(expected, CampaignPhases.PhaseOf(Working, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), Next.WorkStart));
    }

    [Fact]
    public void WithoutANextCampaign_TheWorkingOneNeverCloses()
    {
        Assert.Equal(CampaignPhase.Work, CampaignPhases.PhaseOf(Working, new DateOnly(2030, 1, 1), null));
    }

    [Theory]
    [InlineData("2026-12-02", CampaignPhase.Work, CampaignPhase.Candidacy, "2026-2027", "2027-2028")]
    [InlineData("2027-03-31", CampaignPhase.Work, CampaignPhase.Candidacy, "2026-2027", "2027-2028")]
    [InlineData("2027-04-01", CampaignPhase.Work, CampaignPhase.Selection, "2026-2027", "2027-2028")]
    [InlineData("2027-06-16", CampaignPhase.Work, CampaignPhase.Preparation, "2026-2027", "2027-2028")]
    [InlineData("2027-09-01", CampaignPhase.Closed, CampaignPhase.Work, "2027-2028", null)]
    public void Phases_OfTwoCampaigns_AndWhichOneWorkAndCandidaciesPick(string day, CampaignPhase working, CampaignPhase next, string work, string? call)
    {
        var phases = CampaignPhases.Phases([Working, Next], DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal([working, next], phases.Select(p => p.Phase));
        Assert.Equal(work, CampaignPhases.WorkOf(phases).Code);
        Assert.Equal(call, CampaignPhases.CallOf(phases)?.Code);
    }

    [Fact]
    public void TheNextCallsCalendar_IsTheWorkingOnesAYearLater()
    {
        Assert.Equal(
            (new DateOnly(2027, 3, 31), new DateOnly(2027, 6, 15), new DateOnly(2027, 9, 1), new DateOnly(2028, 4, 30), new DateOnly(2028, 6, 30)),
            (Next.SubmissionDeadline, Next.ResultsDate, Next.WorkStart, Next.CompletionDeadline, Next.BilanDeadline));
    }

    [Theory]
    [InlineData("2027-2028", "2027-2028")]
    [InlineData(" 2027–2028 ", "2027-2028")]
    [InlineData("2027/2028", "2027-2028")]
    [InlineData("2027-2029", null)]
    [InlineData("27-28", null)]
    [InlineData("", null)]
    public void CampaignCodes_AreTwoConsecutiveYears(string typed, string? expected) => Assert.Equal(expected, CampaignCode.Normalize(typed));

    [Theory]
    [InlineData("voici les candidats, campagne 2027-2028 merci", "2027-2028")]
    [InlineData("Campaign 2027–2028", "2027–2028")]
    [InlineData("simulation", null)]
    public void AMessage_NamesItsCampaign(string text, string? expected) => Assert.Equal(expected, CampaignCode.InText(text));

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
