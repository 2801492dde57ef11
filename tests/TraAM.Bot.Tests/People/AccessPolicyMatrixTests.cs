using TraAM.Bot.Campaigns;
using TraAM.Bot.People;
using TraAM.Bot.People.Access;

namespace TraAM.Bot.Tests.People;

/// <summary>
/// The whole authorization table, every permission × every role × in and out of the role's scope. The expected
/// answers are written here by hand from domain.md, independently of <see cref="AccessPolicy"/>'s own table.
/// </summary>
public sealed class AccessPolicyMatrixTests
{
    // A team of Lyon on the SVT year-1 theme, and the people around it.
    private static readonly AcademicTeam LyonSvt = new() { Id = 7, CampaignId = 1, ThemeId = 19, AcademyCode = "lyon", Name = "SVT Lyon", NameKey = "svt lyon" };
    private static readonly AcademicTeam NantesHg = new() { Id = 8, CampaignId = 1, ThemeId = 9, AcademyCode = "nantes", Name = "HG Nantes", NameKey = "hg nantes" };
    private static readonly Theme Svt1 = Call2026.Themes.Single(t => t.Id == 19);
    private static readonly Theme Hg = Call2026.Themes.Single(t => t.Id == 9);

    private const int Current = 1;

    private static readonly Dictionary<Role, RoleAssignment> Holders = new()
    {
        [Role.Referent] = new() { CampaignId = Current, Role = Role.Referent, TeamId = 7, ThemeId = 19, AcademyCode = "lyon", DisciplineCode = "svt" },
        [Role.Teacher] = new() { CampaignId = Current, Role = Role.Teacher, TeamId = 7, ThemeId = 19, AcademyCode = "lyon", DisciplineCode = "svt" },
        [Role.Inspector] = new() { CampaignId = Current, Role = Role.Inspector, AcademyCode = "lyon", DisciplineCode = "svt" },
        [Role.Dan] = new() { CampaignId = Current, Role = Role.Dan, AcademyCode = "lyon" },
        [Role.Dran] = new() { CampaignId = Current, Role = Role.Dran, RegionCode = "auvergne-rhone-alpes" },
        [Role.Cardie] = new() { CampaignId = Current, Role = Role.Cardie, AcademyCode = "lyon" },
        [Role.Igesr] = new() { CampaignId = Current, Role = Role.Igesr, DisciplineCode = "svt" },
        [Role.ExpertTn3] = new() { CampaignId = Current, Role = Role.ExpertTn3, DisciplineCode = "svt" },
        [Role.Admin] = new() { Role = Role.Admin },
    };

    private enum Kind { Programme, Team, Academy, Theme }

    private static readonly Dictionary<Kind, (AccessScope In, AccessScope Out)> Scopes = new()
    {
        [Kind.Programme] = (AccessScope.Programme, AccessScope.Programme),
        [Kind.Team] = (AccessScope.ForTeam(LyonSvt, Svt1), AccessScope.ForTeam(NantesHg, Hg)),
        [Kind.Academy] = (AccessScope.ForAcademy("lyon", "svt"), AccessScope.ForAcademy("nantes", "histoire-geographie")),
        [Kind.Theme] = (AccessScope.ForTheme(Svt1), AccessScope.ForTheme(Hg)),
    };

    private const string All = "Referent Teacher Inspector Dan Dran Cardie Igesr ExpertTn3 Admin";

    // Who may, in scope. Out of scope only the admin may, except for programme-wide permissions (no "out").
    private static readonly (Permission Permission, Kind Kind, string AllowedInScope)[] Expected =
    [
        (Permission.ViewCalendar, Kind.Programme, All),
        (Permission.EditCalendar, Kind.Programme, "ExpertTn3 Admin"),
        (Permission.ImportDirectory, Kind.Theme, "ExpertTn3 Admin"),
        (Permission.ExportDirectory, Kind.Theme, "ExpertTn3 Admin"),
        (Permission.ManageTeamRoles, Kind.Theme, "ExpertTn3 Admin"),
        (Permission.ManageAllRoles, Kind.Programme, "Admin"),
        (Permission.ManageHolidays, Kind.Programme, "Admin"),
        (Permission.OpenCampaign, Kind.Programme, "ExpertTn3 Admin"),
        (Permission.SetSelectionQuota, Kind.Programme, "Admin"),
        (Permission.ManageThemes, Kind.Theme, "ExpertTn3 Admin"),
        (Permission.LinkChannel, Kind.Theme, "ExpertTn3 Admin"),
        (Permission.ViewTeamStatus, Kind.Team, All),
        (Permission.ViewAcademyStatus, Kind.Academy, "Inspector Dan Dran Cardie Igesr ExpertTn3 Admin"),
        (Permission.ViewThemeStatus, Kind.Theme, "Igesr ExpertTn3 Admin"),
        (Permission.SubmitCheckIn, Kind.Team, "Referent Teacher Admin"),
        (Permission.SubmitTeamCheckIn, Kind.Team, "Referent Admin"),
        (Permission.OpenCheckInRound, Kind.Theme, "ExpertTn3 Admin"),
        (Permission.SubmitCandidacy, Kind.Team, "Referent Inspector Admin"),
        (Permission.ApproveCandidacy, Kind.Team, "Inspector Admin"),
        (Permission.ExportCandidacies, Kind.Academy, "Dan Dran Admin"),
        (Permission.DecideNationalSelection, Kind.Theme, "Igesr ExpertTn3 Admin"),
        (Permission.ScheduleMeeting, Kind.Theme, "ExpertTn3 Admin"),
        (Permission.TriggerBilan, Kind.Theme, "ExpertTn3 Admin"),
        (Permission.SubmitBilan, Kind.Team, "Referent Admin"),
        (Permission.CompileSynthesis, Kind.Theme, "ExpertTn3 Admin"),
        (Permission.ReadSynthesis, Kind.Theme, "Referent Teacher Inspector Igesr ExpertTn3 Admin"),
        (Permission.SetSynthesisRecipients, Kind.Programme, "Admin"),
        (Permission.ReceiveEscalation, Kind.Academy, "Inspector Dan Dran Admin"),
        (Permission.ViewOperations, Kind.Programme, "Admin"),
        (Permission.ManageDeliveries, Kind.Programme, "Admin"),
        (Permission.ErasePerson, Kind.Programme, "Admin"),

        // Duties: the deadline is the business of the roles it names, not of admins.
        (Permission.MeetSubmissionDeadline, Kind.Programme, "Inspector Dan Dran"),
        (Permission.MeetResultsDeadline, Kind.Programme, "Igesr ExpertTn3"),
        (Permission.MeetKickoffDeadline, Kind.Programme, "ExpertTn3"),
        (Permission.MeetCompletionDeadline, Kind.Programme, "Referent"),
        (Permission.MeetBilanDeadline, Kind.Programme, "Referent"),
        (Permission.MeetCheckInDeadline, Kind.Programme, "Referent"),

        // A meeting action is its owner's alone (AllowsOwnerOr, below), whatever the role: no role holds it.
        (Permission.MeetActionDeadline, Kind.Programme, ""),
    ];

    public static TheoryData<Permission, Role, bool, bool> Matrix()
    {
        var data = new TheoryData<Permission, Role, bool, bool>();
        foreach (var (permission, kind, allowed) in Expected)
        {
            var roles = allowed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<Role>).ToHashSet();
            foreach (var role in Enum.GetValues<Role>())
            {
                data.Add(permission, role, true, roles.Contains(role));
                data.Add(permission, role, false, kind == Kind.Programme ? roles.Contains(role) : roles.Contains(role) && role == Role.Admin);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Allows(Permission permission, Role role, bool inScope, bool expected)
    {
        var kind = Expected.Single(e => e.Permission == permission).Kind;
        var scope = inScope ? Scopes[kind].In : Scopes[kind].Out;

        Assert.Equal(expected, AccessPolicy.Allows([Holders[role]], permission, scope, Current));
    }

    [Fact]
    public void EveryPermission_IsInTheMatrix()
    {
        Assert.Equal(Enum.GetValues<Permission>().Order(), Expected.Select(e => e.Permission).Order());
    }

    // An academic synthesis: the theme's scope with the académie. The national one (Kind.Theme above) never names one.
    private static readonly AccessScope LyonSvtSynthesis = AccessScope.ForTheme(Svt1) with { AcademyCode = "lyon", RegionCode = "auvergne-rhone-alpes" };

    [Theory]
    [InlineData(Role.Dan, true)]
    [InlineData(Role.Inspector, true)]
    [InlineData(Role.ExpertTn3, true)]
    [InlineData(Role.Admin, true)]
    [InlineData(Role.Dran, false)]
    [InlineData(Role.Cardie, false)]
    [InlineData(Role.Igesr, false)]
    [InlineData(Role.Referent, false)]
    [InlineData(Role.Teacher, false)]
    public void AnAcademicSynthesis_IsCompiledByTheAcademysDanAndInspector_AndTheDisciplinesExperts(Role role, bool expected) =>
        Assert.Equal(expected, AccessPolicy.Allows([Holders[role]], Permission.CompileSynthesis, LyonSvtSynthesis, Current));

    [Fact]
    public void ADanOrInspector_CompilesNeitherTheNationalSynthesis_NorAnotherAcademysOrDisciplines()
    {
        RoleAssignment[] dan = [Holders[Role.Dan]], inspector = [Holders[Role.Inspector]];
        Assert.False(AccessPolicy.Allows(dan, Permission.CompileSynthesis, AccessScope.ForTheme(Svt1), Current));
        Assert.False(AccessPolicy.Allows(inspector, Permission.CompileSynthesis, AccessScope.ForTheme(Svt1), Current));
        var grenoble = LyonSvtSynthesis with { AcademyCode = "grenoble" };
        Assert.False(AccessPolicy.Allows(dan, Permission.CompileSynthesis, grenoble, Current));
        Assert.False(AccessPolicy.Allows(inspector, Permission.CompileSynthesis, grenoble, Current));
        var lyonHg = AccessScope.ForTheme(Hg) with { AcademyCode = "lyon" };
        Assert.True(AccessPolicy.Allows(dan, Permission.CompileSynthesis, lyonHg, Current)); // a DAN: every discipline of the académie
        Assert.False(AccessPolicy.Allows(inspector, Permission.CompileSynthesis, lyonHg, Current));
        Assert.True(AccessPolicy.Allows(dan, Permission.ReadSynthesis, LyonSvtSynthesis, Current));
        Assert.False(AccessPolicy.Allows(dan, Permission.ReadSynthesis, grenoble, Current));
    }

    [Fact]
    public void TheMinutesSecretary_EditsWithoutARole_OthersNeedScheduleMeetingForTheTheme()
    {
        var campaigns = CampaignContext.Only(Current);
        long?[] writers = [42, null];
        var svt = AccessScope.ForTheme(Svt1);
        Assert.True(AccessPolicy.AllowsOwnerOr(42, writers, [], Permission.ScheduleMeeting, svt, campaigns));
        Assert.False(AccessPolicy.AllowsOwnerOr(43, writers, [Holders[Role.Referent]], Permission.ScheduleMeeting, svt, campaigns));
        Assert.False(AccessPolicy.AllowsOwnerOr(null, writers, [], Permission.ScheduleMeeting, svt, campaigns));
        Assert.True(AccessPolicy.AllowsOwnerOr(43, writers, [Holders[Role.ExpertTn3]], Permission.ScheduleMeeting, svt, campaigns));
        Assert.False(AccessPolicy.AllowsOwnerOr(43, writers, [Holders[Role.ExpertTn3]], Permission.ScheduleMeeting, AccessScope.ForTheme(Hg), campaigns));
        // A closed campaign's minutes are read only, even for their secretary.
        Assert.False(AccessPolicy.AllowsOwnerOr(42, writers, [], Permission.ScheduleMeeting, svt with { CampaignId = 2 }, campaigns));
    }

    [Fact]
    public void AnAction_IsItsOwnersAlone_NotAnAdminsNorAnExperts()
    {
        var campaigns = CampaignContext.Only(Current);
        Assert.True(AccessPolicy.AllowsOwnerOr(42, [42], [], Permission.MeetActionDeadline, AccessScope.ForCampaign(Current), campaigns));
        Assert.False(AccessPolicy.AllowsOwnerOr(7, [42], [Holders[Role.Admin], Holders[Role.ExpertTn3]], Permission.MeetActionDeadline, AccessScope.ForCampaign(Current), campaigns));
    }

    [Fact]
    public void ADran_CoversEveryAcademyOfTheRegion_AndNoOther()
    {
        RoleAssignment[] dran = [Holders[Role.Dran]];
        Assert.True(AccessPolicy.Allows(dran, Permission.ExportCandidacies, AccessScope.ForAcademy("grenoble"), Current));
        Assert.True(AccessPolicy.Allows(dran, Permission.ExportCandidacies, AccessScope.ForAcademy("clermont-ferrand"), Current));
        Assert.False(AccessPolicy.Allows(dran, Permission.ExportCandidacies, AccessScope.ForAcademy("dijon"), Current));
    }

    [Fact]
    public void AnInspector_OfAnotherDisciplineInTheSameAcademy_IsOutOfScope()
    {
        RoleAssignment[] maths = [new() { CampaignId = Current, Role = Role.Inspector, AcademyCode = "lyon", DisciplineCode = "mathematiques" }];
        Assert.False(AccessPolicy.Allows(maths, Permission.ApproveCandidacy, AccessScope.ForTeam(LyonSvt, Svt1), Current));
    }

    [Fact]
    public void ATeamRole_DoesNotReachTheNeighbouringTeam_OfTheSameAcademyAndTheme()
    {
        var neighbour = new AcademicTeam { Id = 9, CampaignId = 1, ThemeId = 19, AcademyCode = "lyon", Name = "SVT Lyon 2", NameKey = "svt lyon 2" };
        Assert.False(AccessPolicy.Allows([Holders[Role.Referent]], Permission.SubmitCheckIn, AccessScope.ForTeam(neighbour, Svt1), Current));
        Assert.True(AccessPolicy.Allows([Holders[Role.Referent]], Permission.ReadSynthesis, AccessScope.ForTheme(Svt1), Current));
    }

    [Fact]
    public void ADan_DoesNotReachAnotherAcademyOfTheSameRegion()
    {
        Assert.False(AccessPolicy.Allows([Holders[Role.Dan]], Permission.ExportCandidacies, AccessScope.ForAcademy("grenoble"), Current));
        Assert.False(AccessPolicy.Allows([Holders[Role.Cardie]], Permission.ViewAcademyStatus, AccessScope.ForAcademy("grenoble"), Current));
    }

    [Fact]
    public void ARoleWithAMissingScope_NeverMatchesAScopeMissingTheSameField()
    {
        RoleAssignment[] broken = [new() { Role = Role.Inspector }];
        Assert.False(AccessPolicy.Allows(broken, Permission.ViewAcademyStatus, AccessScope.Programme, Current));
        Assert.False(AccessPolicy.Allows([], Permission.ViewCalendar, AccessScope.Programme, Current));
    }

    [Fact]
    public void SeveralRoles_AnyOneGrants()
    {
        RoleAssignment[] both = [Holders[Role.Teacher], new() { CampaignId = Current, Role = Role.Inspector, AcademyCode = "nantes", DisciplineCode = "histoire-geographie" }];
        Assert.True(AccessPolicy.Allows(both, Permission.ApproveCandidacy, AccessScope.ForTeam(NantesHg, Hg), Current));
        Assert.False(AccessPolicy.Allows(both, Permission.ApproveCandidacy, AccessScope.ForTeam(LyonSvt, Svt1), Current));
    }

    [Fact]
    public void ARoleOfAPastCampaign_GrantsNothingNow_ButReadsItsOwnCampaignsData()
    {
        RoleAssignment[] lastYear = [new() { Role = Role.ExpertTn3, DisciplineCode = "svt", CampaignId = Current - 1 }];
        var pastTheme = AccessScope.ForTheme(Svt1) with { CampaignId = Current - 1 };

        Assert.False(AccessPolicy.Allows(lastYear, Permission.EditCalendar, AccessScope.Programme, Current));
        Assert.False(AccessPolicy.Allows(lastYear, Permission.ManageTeamRoles, AccessScope.ForTheme(Svt1), Current));
        Assert.False(AccessPolicy.AllowsSomewhere(lastYear, Permission.ImportDirectory, Current));
        Assert.True(AccessPolicy.Allows(lastYear, Permission.ReadSynthesis, pastTheme, Current));
        Assert.False(AccessPolicy.Allows(lastYear, Permission.CompileSynthesis, pastTheme, Current));
    }

    [Fact]
    public void APastCampaign_IsReadOnly_EvenForAdminsAndThisYearsRoles()
    {
        var pastTheme = AccessScope.ForTheme(Svt1) with { CampaignId = Current - 1 };

        Assert.False(AccessPolicy.Allows([Holders[Role.Admin]], Permission.CompileSynthesis, pastTheme, Current));
        Assert.True(AccessPolicy.Allows([Holders[Role.Admin]], Permission.ViewThemeStatus, pastTheme, Current));
        Assert.False(AccessPolicy.Allows([Holders[Role.ExpertTn3]], Permission.ViewThemeStatus, pastTheme, Current));
    }

    [Fact]
    public void ATeamOrInspectorRole_IsManagedByTheDisciplinesExpert_EveryOtherRoleByAdminsOnly()
    {
        Assert.Equal(Permission.ManageTeamRoles, AccessPolicy.ToManage(Role.Inspector));
        Assert.Equal(Permission.ManageTeamRoles, AccessPolicy.ToManage(Role.Referent));
        Assert.All([Role.Dan, Role.Dran, Role.Cardie, Role.Igesr, Role.ExpertTn3, Role.Admin], r => Assert.Equal(Permission.ManageAllRoles, AccessPolicy.ToManage(r)));
    }

    [Fact]
    public void AllowsSomewhere_DecidesTheHelpLines()
    {
        Assert.True(AccessPolicy.AllowsSomewhere([Holders[Role.ExpertTn3]], Permission.LinkChannel, Current));
        Assert.False(AccessPolicy.AllowsSomewhere([Holders[Role.Referent]], Permission.LinkChannel, Current));
        Assert.True(AccessPolicy.AllowsSomewhere([Holders[Role.Admin]], Permission.ManageHolidays, Current));
        Assert.False(AccessPolicy.AllowsSomewhere([], Permission.ViewCalendar, Current));
    }
}
