namespace TraAM.Bot.People.Access;

/// <summary>
/// Everything someone may ask the bot to do. Each feature checks one of these through <see cref="Identity.Caller"/>,
/// never a role directly, so "who may do what" is read and tested in one table (<see cref="AccessPolicy"/>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A permission is what this is; the word is the domain's.")]
public enum Permission
{
    /// <summary>See the campaign calendar.</summary>
    ViewCalendar,

    /// <summary>Change a date of the campaign calendar.</summary>
    EditCalendar,

    /// <summary>Import the directory (people and roles) from a file; each row also needs the right to grant its role.</summary>
    ImportDirectory,

    /// <summary>Export the directory to a spreadsheet (the rows within the caller's scope).</summary>
    ExportDirectory,

    /// <summary>Grant or take away a role of a discipline's teams and inspectors (référent, enseignant, inspecteur).</summary>
    ManageTeamRoles,

    /// <summary>Grant or take away any other role (DAN, DRAN, CARDIE, IGÉSR, TN3 expert, admin).</summary>
    ManageAllRoles,

    /// <summary>Import a school-holiday calendar.</summary>
    ManageHolidays,

    /// <summary>Open the next campaign (its code, calendar and quota); its themes are then each discipline's business.</summary>
    OpenCampaign,

    /// <summary>Set the selection quota of a campaign being opened (the call's rule for every discipline).</summary>
    SetSelectionQuota,

    /// <summary>Set up a discipline's themes of a campaign (copy, import, edit, add, remove before any team uses them).</summary>
    ManageThemes,

    /// <summary>Link a Teams channel to the national group of a theme or the academic group of a team.</summary>
    LinkChannel,

    /// <summary>Status of one academic team.</summary>
    ViewTeamStatus,

    /// <summary>Status of an académie's teams (in one discipline, or all of them for DAN/DRAN/CARDIE).</summary>
    ViewAcademyStatus,

    /// <summary>Status of every team of a theme.</summary>
    ViewThemeStatus,

    /// <summary>Answer a check-in card for a team.</summary>
    SubmitCheckIn,

    /// <summary>Answer a check-in card for a team in a round that teachers may not answer (the referent's own).</summary>
    SubmitTeamCheckIn,

    /// <summary>Open (or plan) the check-in rounds of a theme.</summary>
    OpenCheckInRound,

    /// <summary>Submit the team's candidacy.</summary>
    SubmitCandidacy,

    /// <summary>Approve or reject a candidacy at academic level.</summary>
    ApproveCandidacy,

    /// <summary>Export the académie's (or région's) selected candidacies for the DNE.</summary>
    ExportCandidacies,

    /// <summary>Decide the national selection of a theme.</summary>
    DecideNationalSelection,

    /// <summary>Schedule the kick-off and checkpoint meetings of a national group and file their minutes.</summary>
    ScheduleMeeting,

    /// <summary>Start the end-of-year bilan collection of a theme.</summary>
    TriggerBilan,

    /// <summary>Send the team's end-of-year bilan.</summary>
    SubmitBilan,

    /// <summary>Compile the theme's synthesis (national), or one académie's teams of it (academic).</summary>
    CompileSynthesis,

    /// <summary>Read the theme's synthesis.</summary>
    ReadSynthesis,

    /// <summary>Keep the campaign's DGESCO and IH2EF e-mail addresses, to which diffused syntheses are sent.</summary>
    SetSynthesisRecipients,

    /// <summary>Be told when someone below in the scope misses a deadline (a referent's inspectors, an inspector's DAN and DRAN).</summary>
    ReceiveEscalation,

    /// <summary>Duty: send the académie's candidacies (reminded, and may mark it done).</summary>
    MeetSubmissionDeadline,

    /// <summary>Duty: publish the national selection's results.</summary>
    MeetResultsDeadline,

    /// <summary>Duty: hold the national kick-off meeting.</summary>
    MeetKickoffDeadline,

    /// <summary>Duty: finish the team's productions.</summary>
    MeetCompletionDeadline,

    /// <summary>Duty: send the team's end-of-year bilan.</summary>
    MeetBilanDeadline,

    /// <summary>Duty: answer a check-in round for the team (the referent answers for it).</summary>
    MeetCheckInDeadline,

    /// <summary>Duty: carry out an action decided in a meeting's minutes. Held by no role: only its owner (see <see cref="AccessPolicy.AllowsOwnerOr"/>).</summary>
    MeetActionDeadline,

    /// <summary>See how the installation runs: version, start, database and migration, job storage, queue depths.</summary>
    ViewOperations,

    /// <summary>Deal with what the outbox could not settle ("envois"): resend an unconfirmed message, give one up.</summary>
    ManageDeliveries,

    /// <summary>Erase a person's personal data (RGPD art. 17): anonymise them everywhere, delete their roles.</summary>
    ErasePerson,
}
