using System.Text.RegularExpressions;

namespace TraAM.Bot.Privacy;

/// <summary>What the erasure does to a column that can hold personal data.</summary>
public enum Handling
{
    /// <summary>Replaced by "Personne supprimée n°N" (a name), an address of the .invalid domain (an e-mail), or the
    /// person's name and e-mail replaced inside the text (a card's data).</summary>
    Anonymise,

    /// <summary>Set to null (an id Teams or Entra gives, a file's bytes).</summary>
    Clear,

    /// <summary>The person's rows of this table are deleted.</summary>
    DeleteRow,

    /// <summary>Kept as it is: <see cref="PersonalColumn.Why"/> says why.</summary>
    Keep,
}

/// <summary>One column of the data register: entity (CLR type name), property, what erasure does, and why.</summary>
public sealed record PersonalColumn(string Entity, string Property, Handling Handling, string Why);

/// <summary>
/// The erasure's handling table: every column that can hold personal data, and what <see cref="PersonEraser"/> does
/// with it. <c>PersonalDataCoverageTests</c> walks the EF model and fails when a column that looks personal (a foreign
/// key to a person, or a name matching <see cref="LooksPersonal"/>) is missing here: a new table or column must be
/// decided here, one line each, before it ships. Person foreign keys that are kept point to the anonymised person
/// row, which is what "personne supprimée n°N" is.
/// </summary>
public static partial class PersonalData
{
    private const string PointsToAnonymised = "points to the anonymised person row: the record stays whole, nobody is named";
    private const string TeamRecord = "the team's (or group's) record, written for it: kept with the campaign, its author anonymised";

    public static IReadOnlyList<PersonalColumn> Columns { get; } =
    [
        // The directory.
        new("Person", "Email", Handling.Anonymise, "personne-supprimee-N@anonyme.invalid: unique, never matches an import"),
        new("Person", "FirstName", Handling.Anonymise, "\"Personne\""),
        new("Person", "LastName", Handling.Anonymise, "\"supprimée n°N\""),
        new("Person", "EntraObjectId", Handling.Clear, "Teams can no longer resolve them to this row"),
        new("Person", "TeamsUserId", Handling.Clear, "Teams can no longer resolve them to this row"),
        new("Person", "UnreachableReason", Handling.Anonymise, "\"personne supprimée\" (and not reachable)"),
        new("RoleAssignment", "PersonId", Handling.DeleteRow, "their roles end"),
        new("RevokedRole", "PersonId", Handling.Keep, "audit of roles taken away; " + PointsToAnonymised),
        new("RevokedRole", "RevokedByPersonId", Handling.Keep, PointsToAnonymised),
        new("RevokedRole", "RevokedByName", Handling.Anonymise, "where they revoked it"),
        new("AcademicTeam", "Name", Handling.Keep, "a team's name, not a person's"),
        new("AcademicTeam", "NameKey", Handling.Keep, "a team's name, not a person's"),
        new("WorkGroup", "LinkedByPersonId", Handling.Keep, PointsToAnonymised),

        // Where the bot is installed.
        new("ConversationRecord", "UserId", Handling.DeleteRow, "their personal chat's reference is deleted"),
        new("ConversationRecord", "UserAadObjectId", Handling.DeleteRow, "their personal chat's reference is deleted"),
        new("ConversationRecord", "TeamName", Handling.Keep, "a Teams team's name, not a person's"),
        new("ProcessedActivity", "ResponseBody", Handling.Keep, "an import's report card, purged after one day"),

        // Campaigns.
        new("Theme", "Title", Handling.Keep, "the call's text"),
        new("Theme", "ResultsPublishedByName", Handling.Anonymise, "where it is their name (no id is kept with it)"),
        new("CalendarChange", "ChangedByPersonId", Handling.Keep, PointsToAnonymised),
        new("CalendarChange", "ChangedByName", Handling.Anonymise, "where they made the change"),

        // The outbox.
        new("Notification", "PersonId", Handling.Keep, "rows kept as the outbox's history (purged after Delivery__KeepDays); pending ones to them are cancelled"),
        new("Notification", "DataJson", Handling.Anonymise, "to them: emptied; about them: their name and e-mail replaced in the card's data"),
        new("Notification", "Subject", Handling.Keep, "a technical key (\"campaign:1:submission\"), no name"),
        new("Notification", "FailureReason", Handling.Keep, "a French reason, no name"),
        new("DeadlineCompletion", "PersonId", Handling.Keep, "the team's duty was done: " + PointsToAnonymised),
        new("DeadlineCompletion", "Subject", Handling.Keep, "a technical key, no name"),

        // Forms, candidacies, check-ins.
        new("FormVersion", "AnswersJson", Handling.Keep, TeamRecord),
        new("FormVersion", "ByPersonId", Handling.Keep, PointsToAnonymised),
        new("FormVersion", "ByName", Handling.Anonymise, "where they wrote the version"),
        new("FormVersion", "SubjectId", Handling.Keep, "the id of what the form is about (a candidacy, a check-in), not a person"),
        new("Candidacy", "Title", Handling.Keep, TeamRecord),
        new("Candidacy", "AnswersJson", Handling.Keep, TeamRecord),
        new("Candidacy", "DecidedByPersonId", Handling.Keep, PointsToAnonymised),
        new("Candidacy", "DecidedByName", Handling.Anonymise, "where they decided"),
        new("Candidacy", "DecisionComment", Handling.Keep, "the decision's reason, part of the candidacy's audit; its author anonymised"),
        new("Candidacy", "TransmittedByName", Handling.Anonymise, "where it is their name (no id is kept with it)"),
        new("CandidacyDecision", "Comment", Handling.Keep, "the candidacy's audit; its author anonymised"),
        new("CandidacyDecision", "ByPersonId", Handling.Keep, PointsToAnonymised),
        new("CandidacyDecision", "ByName", Handling.Anonymise, "where they decided"),
        new("CandidacyExport", "ByPersonId", Handling.Keep, "audit of a transmission; " + PointsToAnonymised),
        new("CandidacyExport", "ByName", Handling.Anonymise, "where they transmitted"),
        new("CandidacyExport", "FileName", Handling.Keep, "names the place and the campaign, not a person"),
        new("CandidacyExport", "Content", Handling.Clear, "the file they had not accepted yet is erased (others' files go within 7 days)"),
        new("CheckInRound", "CreatedByPersonId", Handling.Keep, PointsToAnonymised),
        new("CheckInRound", "CreatedByName", Handling.Anonymise, "where they created the round"),
        new("CheckIn", "AnswersJson", Handling.Keep, TeamRecord),
        new("CheckIn", "ByPersonId", Handling.Keep, PointsToAnonymised),
        new("TeamRisk", "Detail", Handling.Keep, TeamRecord),
        new("TeamRisk", "Reasons", Handling.Keep, "flags from a closed list, no text"),

        // Meetings.
        new("Meeting", "Subject", Handling.Keep, "the national group's meeting"),
        new("Meeting", "Agenda", Handling.Keep, "the national group's meeting"),
        new("Meeting", "OrganizerPersonId", Handling.Keep, PointsToAnonymised),
        new("Meeting", "SecretaryPersonId", Handling.Keep, PointsToAnonymised),
        new("MeetingAttendance", "PersonId", Handling.Keep, PointsToAnonymised),
        new("MeetingAttendance", "Name", Handling.Anonymise, "the invitation stays, nameless"),
        new("MeetingAttendance", "Email", Handling.Anonymise, "the invitation stays, nameless"),
        new("MeetingMinutes", "AnswersJson", Handling.Keep, TeamRecord),
        new("MeetingMinutes", "ByPersonId", Handling.Keep, PointsToAnonymised),
        new("MeetingMinutes", "ReportedAttendanceJson", Handling.Anonymise, "Graph's attendance report: their name and e-mail replaced"),
        new("MeetingMinutes", "TranscriptVtt", Handling.Anonymise, "the transcript: their name as speaker replaced (what they said stays, as the group's record)"),
        new("MeetingAction", "OwnerPersonId", Handling.Keep, "the action stays the group's; " + PointsToAnonymised),

        // Bilans.
        new("BilanCollection", "LaunchedByPersonId", Handling.Keep, PointsToAnonymised),
        new("BilanCollection", "LaunchedByName", Handling.Anonymise, "where they launched the collection"),
        new("Bilan", "AnswersJson", Handling.Keep, TeamRecord),
        new("Bilan", "ByPersonId", Handling.Keep, PointsToAnonymised),
        new("BilanUrlCheck", "Detail", Handling.Keep, "where a production's address led (a host and path), no name"),

        // Syntheses.
        new("Campaign", "SynthesisRecipients", Handling.Keep, "institutional addresses (DGESCO, IH2EF), not a person's"),
        new("SynthesisDocument", "CreatedByPersonId", Handling.Keep, PointsToAnonymised),
        new("SynthesisDocument", "CreatedByName", Handling.Anonymise, "where they compiled it"),
        new("SynthesisDocument", "DiffusedByName", Handling.Anonymise, "where it is their name (no id is kept with it)"),
        new("SynthesisDocument", "Content", Handling.Keep, "a compiled official document that may name them (a referent); not rewritten: compile again for a version without them; deleted three years after the campaign"),
        new("SynthesisDocument", "FileName", Handling.Keep, "names the theme and the version, not a person"),
        new("SynthesisDocument", "MailedAt", Handling.Keep, "a date"),
        new("SynthesisDelivery", "PersonId", Handling.Keep, "who received which version: " + PointsToAnonymised),

        // The access right's own files.
        new("PersonalDataExport", "PersonId", Handling.DeleteRow, "copies of their data"),
        new("PersonalDataExport", "FileName", Handling.DeleteRow, "copies of their data"),
        new("PersonalDataExport", "Content", Handling.DeleteRow, "copies of their data"),
    ];

    /// <summary>
    /// Property names that can hold personal data: a person's id, e-mail, name, Entra or Teams id, or free text
    /// someone wrote. Deliberately wide: a false alarm costs one "Keep" line with its reason.
    /// </summary>
    public static bool LooksPersonal(string property) => PersonalName().IsMatch(property);

    [GeneratedRegex("Person|Author|Email|Mail|Name|Aad|Entra|UserId|Answers|Comment|Detail|Agenda|Minutes|Notes|Text|Summary|Body|Content|DataJson|Reason|Subject|Title|Synthesis|Transcript|Attendance|Vtt")]
    private static partial Regex PersonalName();

    public static PersonalColumn? Find(string entity, string property) =>
        Columns.FirstOrDefault(c => c.Entity == entity && c.Property == property);
}
