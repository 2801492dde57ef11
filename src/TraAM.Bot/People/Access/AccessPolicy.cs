namespace TraAM.Bot.People.Access;

/// <summary>How a role's own scope must relate to the scope of the action for the role to count.</summary>
public enum ScopeMatch
{
    /// <summary>The role counts whatever the action is about.</summary>
    Anywhere,

    /// <summary>The action is about the role's team.</summary>
    SameTeam,

    /// <summary>The action is about the theme of the role's team (national group members).</summary>
    SameTheme,

    /// <summary>Same académie and same discipline (inspectors).</summary>
    SameAcademyAndDiscipline,

    /// <summary>Same académie (DAN, CARDIE).</summary>
    SameAcademy,

    /// <summary>Same région académique (DRAN).</summary>
    SameRegion,

    /// <summary>Same discipline (IGÉSR, TN3 experts).</summary>
    SameDiscipline,
}

/// <summary>
/// The one table of who may do what (domain.md, "People and groups"). A permission is granted when one of the
/// person's roles appears in its row and that role's scope matches the action's scope as the row says. Admins may do
/// everything except a duty (a deadline is only the business of the roles it names). Anything not written here is
/// refused. Roles are bound to their campaign: a role counts only in its campaign, and a closed campaign is read only.
/// </summary>
public static class AccessPolicy
{
    private static readonly (Role Role, ScopeMatch Match)[] TeamReaders =
    [
        (Role.Referent, ScopeMatch.SameTeam),
        (Role.Teacher, ScopeMatch.SameTeam),
        (Role.Inspector, ScopeMatch.SameAcademyAndDiscipline),
        (Role.Dan, ScopeMatch.SameAcademy),
        (Role.Dran, ScopeMatch.SameRegion),
        (Role.Cardie, ScopeMatch.SameAcademy),
        (Role.Igesr, ScopeMatch.SameDiscipline),
        (Role.ExpertTn3, ScopeMatch.SameDiscipline),
    ];

    public static IReadOnlyDictionary<Permission, (Role Role, ScopeMatch Match)[]> Rules { get; } =
        new Dictionary<Permission, (Role, ScopeMatch)[]>
        {
            [Permission.ViewCalendar] = [.. Enum.GetValues<Role>().Select(r => (r, ScopeMatch.Anywhere))],
            [Permission.EditCalendar] = [(Role.ExpertTn3, ScopeMatch.Anywhere)],
            // A TN3 expert manages their discipline's teams and inspectors; every other role is the admins' (issue 9).
            [Permission.ImportDirectory] = [(Role.ExpertTn3, ScopeMatch.SameDiscipline)],
            [Permission.ExportDirectory] = [(Role.ExpertTn3, ScopeMatch.SameDiscipline)],
            [Permission.ManageTeamRoles] = [(Role.ExpertTn3, ScopeMatch.SameDiscipline)],
            [Permission.ManageAllRoles] = [],
            [Permission.ManageHolidays] = [],
            // A TN3 expert may open the next call so that their discipline's themes can be set up; the quota is the admins'.
            [Permission.OpenCampaign] = [(Role.ExpertTn3, ScopeMatch.Anywhere)],
            [Permission.SetSelectionQuota] = [],
            [Permission.ManageThemes] = [(Role.ExpertTn3, ScopeMatch.SameDiscipline)],
            [Permission.LinkChannel] = [(Role.ExpertTn3, ScopeMatch.SameDiscipline)],
            [Permission.ViewTeamStatus] = TeamReaders,
            [Permission.ViewAcademyStatus] =
            [
                (Role.Inspector, ScopeMatch.SameAcademyAndDiscipline),
                (Role.Dan, ScopeMatch.SameAcademy),
                (Role.Dran, ScopeMatch.SameRegion),
                (Role.Cardie, ScopeMatch.SameAcademy),
                (Role.Igesr, ScopeMatch.SameDiscipline),
                (Role.ExpertTn3, ScopeMatch.SameDiscipline),
            ],
            [Permission.ViewThemeStatus] = [(Role.Igesr, ScopeMatch.SameDiscipline), (Role.ExpertTn3, ScopeMatch.SameDiscipline)],
            [Permission.SubmitCheckIn] = [(Role.Referent, ScopeMatch.SameTeam), (Role.Teacher, ScopeMatch.SameTeam)],
            // A round answered by the referent only; SubmitCheckIn above applies when the round lets the teachers answer too.
            [Permission.SubmitTeamCheckIn] = [(Role.Referent, ScopeMatch.SameTeam)],
            // The theme's TN3 experts run its check-in rounds (admins too, as everywhere).
            [Permission.OpenCheckInRound] = [(Role.ExpertTn3, ScopeMatch.SameDiscipline)],
            [Permission.SubmitCandidacy] = [(Role.Referent, ScopeMatch.SameTeam), (Role.Inspector, ScopeMatch.SameAcademyAndDiscipline)], // inspectors often fill it in
            [Permission.ApproveCandidacy] = [(Role.Inspector, ScopeMatch.SameAcademyAndDiscipline)],
            [Permission.ExportCandidacies] = [(Role.Dan, ScopeMatch.SameAcademy), (Role.Dran, ScopeMatch.SameRegion)],
            [Permission.DecideNationalSelection] = [(Role.Igesr, ScopeMatch.SameDiscipline), (Role.ExpertTn3, ScopeMatch.SameDiscipline)],
            [Permission.ScheduleMeeting] = [(Role.ExpertTn3, ScopeMatch.SameDiscipline)],
            [Permission.TriggerBilan] = [(Role.ExpertTn3, ScopeMatch.SameDiscipline)],
            [Permission.SubmitBilan] = [(Role.Referent, ScopeMatch.SameTeam)],
            // The theme's synthesis is the TN3 expert's; a DAN or an inspector compiles their académie's teams of a theme
            // (an academic synthesis: its scope names the académie, which the national one never does).
            [Permission.CompileSynthesis] =
            [
                (Role.ExpertTn3, ScopeMatch.SameDiscipline),
                (Role.Dan, ScopeMatch.SameAcademy),
                (Role.Inspector, ScopeMatch.SameAcademyAndDiscipline),
            ],
            [Permission.ReadSynthesis] =
            [
                (Role.Dan, ScopeMatch.SameAcademy),
                (Role.Referent, ScopeMatch.SameTheme),
                (Role.Teacher, ScopeMatch.SameTheme),
                (Role.Inspector, ScopeMatch.SameDiscipline),
                (Role.Igesr, ScopeMatch.SameDiscipline),
                (Role.ExpertTn3, ScopeMatch.SameDiscipline),
            ],
            // National addresses of the whole campaign: the admins'.
            [Permission.SetSynthesisRecipients] = [],
            [Permission.ReceiveEscalation] =
            [
                (Role.Inspector, ScopeMatch.SameAcademyAndDiscipline),
                (Role.Dan, ScopeMatch.SameAcademy),
                (Role.Dran, ScopeMatch.SameRegion),
            ],
            [Permission.MeetSubmissionDeadline] = [(Role.Dan, ScopeMatch.Anywhere), (Role.Dran, ScopeMatch.Anywhere), (Role.Inspector, ScopeMatch.Anywhere)],
            [Permission.MeetResultsDeadline] = [(Role.ExpertTn3, ScopeMatch.Anywhere), (Role.Igesr, ScopeMatch.Anywhere)],
            [Permission.MeetKickoffDeadline] = [(Role.ExpertTn3, ScopeMatch.Anywhere)],
            [Permission.MeetCompletionDeadline] = [(Role.Referent, ScopeMatch.Anywhere)],
            [Permission.MeetBilanDeadline] = [(Role.Referent, ScopeMatch.Anywhere)],
            [Permission.MeetCheckInDeadline] = [(Role.Referent, ScopeMatch.Anywhere)],
            // An action of a meeting's minutes is its owner's alone, whatever their role (AllowsOwnerOr).
            [Permission.MeetActionDeadline] = [],
            // The installation's state ("version") is the admins' business, who run the bot; nobody else's.
            [Permission.ViewOperations] = [],
            // A resend may reach someone twice: decided by who runs the bot, after checking with the person.
            [Permission.ManageDeliveries] = [],
            // Erasing someone cannot be undone and reaches every table: the administration team's, on a DPO's request.
            [Permission.ErasePerson] = [],
        };

    /// <summary>What a role of a past campaign still allows on that campaign's data.</summary>
    private static readonly HashSet<Permission> Reads =
        [Permission.ViewCalendar, Permission.ViewTeamStatus, Permission.ViewAcademyStatus, Permission.ViewThemeStatus, Permission.ReadSynthesis];

    /// <summary>Duties, not rights: an admin is not reminded of, nor answers for, someone else's deadline.</summary>
    private static readonly HashSet<Permission> Duties =
    [
        Permission.MeetSubmissionDeadline, Permission.MeetResultsDeadline, Permission.MeetKickoffDeadline,
        Permission.MeetCompletionDeadline, Permission.MeetBilanDeadline, Permission.MeetCheckInDeadline, Permission.MeetActionDeadline,
    ];

    /// <summary>The permission needed to grant or take away <paramref name="role"/> (by import, replace or revocation).</summary>
    public static Permission ToManage(Role role) =>
        role is Role.Referent or Role.Teacher or Role.Inspector ? Permission.ManageTeamRoles : Permission.ManageAllRoles;

    /// <summary>
    /// May someone holding <paramref name="roles"/> do <paramref name="permission"/> on <paramref name="scope"/>? The
    /// scope's campaign (the default one when it names none) must be live for anything but reading, and only roles given
    /// for that campaign count.
    /// </summary>
    public static bool Allows(IEnumerable<RoleAssignment> roles, Permission permission, AccessScope scope, CampaignContext campaigns)
    {
        var campaign = scope.CampaignId ?? campaigns.DefaultId;
        if (!campaigns.IsLive(campaign) && !Reads.Contains(permission)) return false;
        var rules = Rules[permission];
        foreach (var role in roles.Where(r => Counts(r, campaign)))
        {
            if (role.Role == Role.Admin && !Duties.Contains(permission)) return true;
            foreach (var (ruleRole, match) in rules)
            {
                if (ruleRole == role.Role && Matches(role, match, scope)) return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Someone's own piece of work (the minutes of a meeting they organise or are secretary of, an action they own):
    /// theirs while the scope's campaign is live, whatever their roles; otherwise whoever <paramref name="permission"/>
    /// grants (e.g. the theme's TN3 experts for minutes). <paramref name="owners"/> come from the database, never a card.
    /// </summary>
    public static bool AllowsOwnerOr(long? personId, IEnumerable<long?> owners, IEnumerable<RoleAssignment> roles, Permission permission, AccessScope scope,
        CampaignContext campaigns)
    {
        var campaign = scope.CampaignId ?? campaigns.DefaultId;
        if (personId is { } id && owners.Contains(id) && (campaigns.IsLive(campaign) || Reads.Contains(permission))) return true;
        return Allows(roles, permission, scope, campaigns);
    }

    /// <summary>With one live campaign, <paramref name="currentCampaignId"/>.</summary>
    public static bool Allows(IEnumerable<RoleAssignment> roles, Permission permission, AccessScope scope, int currentCampaignId) =>
        Allows(roles, permission, scope, CampaignContext.Only(currentCampaignId));

    /// <summary>Could the person do it somewhere now (in a live campaign)? Decides which commands their help shows; each use is still checked.</summary>
    public static bool AllowsSomewhere(IEnumerable<RoleAssignment> roles, Permission permission, CampaignContext campaigns) =>
        roles.Where(r => campaigns.LiveIds.Any(c => Counts(r, c)))
            .Any(r => (r.Role == Role.Admin && !Duties.Contains(permission)) || Rules[permission].Any(rule => rule.Role == r.Role));

    public static bool AllowsSomewhere(IEnumerable<RoleAssignment> roles, Permission permission, int currentCampaignId) =>
        AllowsSomewhere(roles, permission, CampaignContext.Only(currentCampaignId));

    // Admins run the bot whatever the campaign (their role has none); every other role is given for one campaign.
    private static bool Counts(RoleAssignment role, int campaignId) =>
        role.CampaignId == campaignId || (role.Role == Role.Admin && role.CampaignId is null);

    private static bool Matches(RoleAssignment role, ScopeMatch match, AccessScope scope) => match switch
    {
        ScopeMatch.Anywhere => true,
        ScopeMatch.SameTeam => role.TeamId is not null && role.TeamId == scope.TeamId,
        ScopeMatch.SameTheme => role.ThemeId is not null && role.ThemeId == scope.ThemeId,
        ScopeMatch.SameAcademyAndDiscipline => Same(role.AcademyCode, scope.AcademyCode) && Same(role.DisciplineCode, scope.DisciplineCode),
        ScopeMatch.SameAcademy => Same(role.AcademyCode, scope.AcademyCode),
        ScopeMatch.SameRegion => Same(role.RegionCode, scope.RegionCode),
        ScopeMatch.SameDiscipline => Same(role.DisciplineCode, scope.DisciplineCode),
        _ => false,
    };

    // Both known and equal: a missing scope never matches (fail closed).
    private static bool Same(string? mine, string? theirs) => mine is not null && string.Equals(mine, theirs, StringComparison.Ordinal);
}
