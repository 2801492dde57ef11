using TraAM.Bot.People.Access;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Tests.People;

/// <summary>
/// Every handler either asks <see cref="AccessPolicy"/> for the permissions written here (its source must name them
/// and go through the caller's check), or is listed as public by design with the reason. A new handler, or a handler
/// that stops asking, fails this test until someone decides which it is.
/// </summary>
public sealed class HandlerAuthorizationTests
{
    private static readonly Dictionary<string, string[]> Guarded = new()
    {
        ["CalendarCard"] = ["Permission.ViewCalendar", "Permission.EditCalendar"],
        ["ImportDirectoryFile"] = ["Permission.ImportDirectory"],
        ["ConfirmReplaceImport"] = ["Permission.ImportDirectory"],
        ["ImportHolidayFile"] = ["Permission.ManageHolidays"],
        ["LinkChannel"] = ["Permission.LinkChannel"],
        ["OpenCampaign"] = ["Permission.OpenCampaign", "Permission.SetSelectionQuota", "Permission.ManageThemes"],
        ["EditThemes"] = ["Permission.ManageThemes"],
        ["RemoveRole"] = ["Permission.ManageTeamRoles", "CanManage"],
        // A deadline's duty (Permission.Meet…Deadline) comes from the deadline itself.
        // An action of a meeting's minutes is its owner's alone (.Owners).
        ["ShowDeadlines"] = [".Duty", ".Owners"],
        ["MarkDeadlineDone"] = [".Duty", ".Owners"],
        ["FillCandidacy"] = ["Permission.SubmitCandidacy"],
        ["SaveCandidacy"] = ["Permission.SubmitCandidacy"],
        ["ViewCandidacy"] = ["Permission.ApproveCandidacy", "Permission.SubmitCandidacy", "Permission.ViewTeamStatus"],
        ["DecideCandidacy"] = ["Permission.ApproveCandidacy"],
        ["ListCandidacies"] = ["Permission.ViewTeamStatus", "CandidacyList"],
        ["ShowTransmission"] = ["Permission.ExportCandidacies"],
        ["TransmitCandidacies"] = ["Permission.ExportCandidacies"],
        // The file goes to the person it was built for, still allowed to transmit for its place.
        ["ResendExportFile"] = ["Permission.ExportCandidacies", "ByPersonId"],
        ["AcceptExportFile"] = ["Permission.ExportCandidacies", "ByPersonId"],
        ["ShowSelection"] = ["Permission.DecideNationalSelection"],
        ["ToggleSelection"] = ["Permission.DecideNationalSelection"],
        ["PublishResults"] = ["Permission.DecideNationalSelection"],
        ["OpenCheckInRound"] = ["Permission.OpenCheckInRound", "answers.FilesAsync"],
        // Referent only, or the team's teachers too when the round says so (CheckInFile.AnswerPermission names both).
        ["AnswerCheckIn"] = ["AnswerPermission"],
        ["SaveCheckIn"] = ["AnswerPermission"],
        // Team by team, then the table or the summary for who may read an académie's, a theme's or every theme's status.
        ["ShowStatus"] = ["Permission.ViewTeamStatus", "Permission.ViewAcademyStatus", "Permission.ViewThemeStatus"],
        ["ShowVersion"] = ["Permission.ViewOperations"],
        ["ShowDeliveries"] = ["Permission.ManageDeliveries"],
        ["SettleNotification"] = ["Permission.ManageDeliveries"],
        ["ScheduleMeeting"] = ["Permission.ScheduleMeeting"],
        // The theme's people read the card (ReadSynthesis, or invited); moving and cancelling need ScheduleMeeting.
        ["ManageMeeting"] = ["Permission.ScheduleMeeting", "Permission.ReadSynthesis"],
        // The theme's TN3 experts (admins) launch; anyone else typing "bilan" gets their own team's, as a referent.
        ["LaunchBilanCollection"] = ["Permission.TriggerBilan", "Permission.SubmitBilan"],
        ["OpenBilan"] = ["Permission.SubmitBilan"],
        ["SaveBilan"] = ["Permission.SubmitBilan"],
        // Compile (national or academic), else read the latest diffused; the recipients line is the admins'.
        ["RequestSynthesis"] = ["Permission.CompileSynthesis", "Permission.ReadSynthesis"],
        ["DiffuseSynthesis"] = ["Permission.CompileSynthesis"],
        ["GetSynthesisFile"] = ["Permission.ReadSynthesis", "Permission.CompileSynthesis", "DiffusedAt"],
        // The file goes to the person it was offered to, still allowed to read (or compile) that synthesis.
        ["AcceptSynthesisFile"] = ["Permission.ReadSynthesis", "Permission.CompileSynthesis", "PersonId"],
        // The meeting's secretary or organiser (Writers, from the database), else who schedules the theme's meetings.
        ["OpenMinutes"] = ["Permission.ScheduleMeeting", "file.Writers"],
        ["SaveMinutes"] = ["Permission.ScheduleMeeting", "file.Writers"],
        // On the command and again on "Confirmer" (a forged confirmation changes nothing).
        ["ErasePerson"] = ["Permission.ErasePerson"],
    };

    private static readonly Dictionary<string, string> PublicByDesign = new()
    {
        ["CaptureInstallation"] = "installation events from Teams: records where the bot lives, acts for nobody",
        ["ShowMe"] = "the caller's own profile, read from the directory",
        ["ListMeetings"] = "the caller's own meetings (organiser, secretary or invitee), read by their person id",
        ["ShowMyData"] = "the caller's own data only (RGPD access right): the person Teams signed, never an argument",
        ["AcceptPersonalDataFile"] = "a copy of someone's own data goes to the person it was built for only (PersonId of the file = the signed sender)",
        ["ShowHelp"] = "lists commands; each line is filtered by CanSomewhere, each command checks again",
        ["UnknownCommand"] = "a fixed hint",
        ["FileConsentRouter"] = "hands a file consent answer to the feature whose offer its context names, which checks the caller",
    };

    public static TheoryData<string> Handlers() =>
    [
        .. typeof(Program).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && (typeof(ITurnHandler).IsAssignableFrom(t) || typeof(ICardActionHandler).IsAssignableFrom(t) || typeof(IInvokeHandler).IsAssignableFrom(t)))
            .Select(t => t.Name),
    ];

    [Theory]
    [MemberData(nameof(Handlers))]
    public void EveryHandler_AsksThePolicy_OrIsPublicByDesign(string handler)
    {
        if (PublicByDesign.ContainsKey(handler)) return;
        Assert.True(Guarded.TryGetValue(handler, out var evidence), $"{handler} is neither guarded nor public by design: list it here.");

        var source = SourceOf(handler);
        Assert.Contains(".Can", source, StringComparison.Ordinal);
        Assert.All(evidence, e => Assert.Contains(e, source, StringComparison.Ordinal));
    }

    [Fact]
    public void TheListsNameOnlyHandlersThatExist_AndPermissionsOfTheTable()
    {
        var handlers = Handlers().Select(h => (string)h.Data).ToHashSet();
        Assert.DoesNotContain(Guarded.Keys.Concat(PublicByDesign.Keys), h => !handlers.Contains(h));
        var named = Guarded.Values.SelectMany(e => e).Where(e => e.StartsWith("Permission.", StringComparison.Ordinal));
        Assert.All(named, e => Assert.Contains(Enum.Parse<Permission>(e["Permission.".Length..]), AccessPolicy.Rules.Keys));
    }

    private static string SourceOf(string handler)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TraAM.Bot.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var file = Directory.EnumerateFiles(Path.Combine(dir.FullName, "src", "TraAM.Bot"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SingleOrDefault(f => File.ReadAllText(f).Contains($"class {handler}(", StringComparison.Ordinal));
        Assert.NotNull(file);
        return File.ReadAllText(file);
    }
}
