using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.People;

namespace TraAM.Bot.Privacy;

/// <summary>What erasing a person does (or did), table by table: the confirmation card and the CLI print it.</summary>
internal sealed record ErasureCounts(
    int Roles, int Conversations, int PendingNotifications, int Notifications, int AuthoredRecords, int MeetingInvitations, int Files)
{
    public int Total => Roles + Conversations + PendingNotifications + Notifications + AuthoredRecords + MeetingInvitations + Files;
}

/// <summary>
/// The right to erasure (RGPD art. 17), as <see cref="PersonalData.Columns"/> decides it column by column: the person
/// row anonymised ("Personne supprimée n°Id"), their roles and personal chat references deleted, notifications to
/// them cancelled and emptied, their name replaced wherever it was copied, the teams' records kept with an anonymous
/// author. One transaction; running it again finds an erased person and does nothing. The log names the row's id
/// only.
/// </summary>
internal sealed partial class PersonEraser(TraamDbContext db, TimeProvider clock, ILogger<PersonEraser> logger)
{
    public const string AnonymousDomain = "anonyme.invalid";

    public static string Label(long id) => $"Personne supprimée n°{id}";

    public static string AnonymousEmail(long id) => $"personne-supprimee-{id}@{AnonymousDomain}";

    /// <summary>The person the directory knows by this e-mail, erased ones excluded (their e-mail is no longer theirs).</summary>
    public Task<Person?> FindAsync(string email, CancellationToken ct)
    {
        var key = email.Trim().ToLowerInvariant();
        return db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Email == key && p.ErasedAt == null, ct);
    }

    /// <summary>What <see cref="EraseAsync"/> would change, for the confirmation card.</summary>
    public async Task<ErasureCounts> PlanAsync(Person person, CancellationToken ct)
    {
        var id = person.Id;
        var authored =
            await db.FormVersions.CountAsync(v => v.ByPersonId == id, ct)
            + await db.CandidacyDecisions.CountAsync(d => d.ByPersonId == id, ct)
            + await db.Candidacies.CountAsync(c => c.DecidedByPersonId == id, ct)
            + await db.CheckInRounds.CountAsync(r => r.CreatedByPersonId == id, ct)
            + await db.CalendarChanges.CountAsync(c => c.ChangedByPersonId == id, ct)
            + await db.RevokedRoles.CountAsync(r => r.RevokedByPersonId == id, ct)
            + await db.CandidacyExports.CountAsync(e => e.ByPersonId == id, ct);
        return new ErasureCounts(
            await db.RoleAssignments.CountAsync(r => r.PersonId == id, ct),
            await ChatsOf(person).CountAsync(ct),
            await db.Notifications.CountAsync(n => n.PersonId == id && n.State == NotificationState.Pending, ct),
            await db.Notifications.CountAsync(n => n.PersonId == id, ct),
            authored,
            await db.MeetingAttendances.CountAsync(a => a.PersonId == id || a.Email == person.Email, ct),
            await db.PersonalDataExports.CountAsync(e => e.PersonId == id, ct));
    }

    /// <summary>Erases the person; null when there is nobody (left) to erase under this id.</summary>
    public async Task<ErasureCounts?> EraseAsync(long personId, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        var counts = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId && p.ErasedAt == null, ct);
            if (person is null) return null;
            var plan = await PlanAsync(person, ct);
            await EraseRowsAsync(person, ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return plan;
        });
        if (counts is not null) LogErased(logger, personId, counts.Total);
        return counts;
    }

    /// <summary>
    /// The forget-person verb: the operator holds the database's keys (<see cref="People.Identity.Caller.Operator"/>),
    /// still asked of the policy. Unknown or already erased: nothing changes, and the line says so.
    /// </summary>
    public async Task<(bool Done, string Message)> ForgetFromCommandLineAsync(string email, People.Identity.Caller caller, CancellationToken ct)
    {
        if (!caller.Can(People.Access.Permission.ErasePerson, People.Access.AccessScope.Programme)) return (false, "Effacement refusé.");
        if (await FindAsync(email, ct) is not { } person || await EraseAsync(person.Id, ct) is not { } c)
            return (false, $"Aucune personne active avec l'adresse « {email} » dans l'annuaire (déjà supprimée, ou adresse mal tapée) : rien n'a été modifié.");
        return (true, $"Données personnelles effacées : la personne apparaît désormais comme « {Label(person.Id)} ». "
            + $"Rôles supprimés : {c.Roles} ; conversations oubliées : {c.Conversations} ; notifications en attente annulées : {c.PendingNotifications} ; "
            + $"notifications vidées : {c.Notifications} ; écrits gardés sans auteur : {c.AuthoredRecords} ; invitations anonymisées : {c.MeetingInvitations} ; "
            + $"copies de données supprimées : {c.Files}.");
    }

    private IQueryable<Conversations.ConversationRecord> ChatsOf(Person p) =>
        db.Conversations.Where(c => (p.EntraObjectId != null && c.UserAadObjectId == p.EntraObjectId) || (p.TeamsUserId != null && c.UserId == p.TeamsUserId));

    private async Task EraseRowsAsync(Person person, CancellationToken ct)
    {
        var id = person.Id;
        var label = Label(id);
        var now = clock.GetUtcNow();
        var (oldName, oldEmail) = (person.DisplayName, person.Email);

        await db.RoleAssignments.Where(r => r.PersonId == id).ExecuteDeleteAsync(ct);
        await ChatsOf(person).ExecuteDeleteAsync(ct);
        await db.PersonalDataExports.Where(e => e.PersonId == id).ExecuteDeleteAsync(ct);

        // Notifications to them: the pending ones cancelled, every one emptied (nobody will see them again) and never
        // updated in place again (shown revision caught up). About them: their name and e-mail replaced in the data.
        // Unconfirmed ones too: "envois" must not offer to resend an emptied card to someone who is gone.
        await db.Notifications.Where(n => n.PersonId == id && (n.State == NotificationState.Pending || n.State == NotificationState.Unconfirmed)).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.State, NotificationState.Cancelled)
            .SetProperty(n => n.FailureReason, "personne supprimée")
            .SetProperty(n => n.LeaseOwner, (string?)null), ct);
        await db.Notifications.Where(n => n.PersonId == id && n.State != NotificationState.Sending).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.DataJson, "{}")
            .SetProperty(n => n.ShownRevision, n => n.Revision), ct);
        var (name, escapedName, escapedEmail) = (oldName, JsonEncodedText.Encode(oldName).ToString(), JsonEncodedText.Encode(oldEmail).ToString());
        var about = await db.Notifications
            .Where(n => n.PersonId != id || n.PersonId == null)
            .Where(n => n.DataJson.Contains(name) || n.DataJson.Contains(escapedName) || n.DataJson.Contains(oldEmail) || n.DataJson.Contains(escapedEmail))
            .ToListAsync(ct);
        foreach (var n in about) n.DataJson = Replace(Replace(n.DataJson, oldEmail, AnonymousEmail(id)), oldName, label);

        // Authors of records that stay: the name copied next to the id becomes the label.
        await db.FormVersions.Where(v => v.ByPersonId == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.ByName, label), ct);
        await db.CandidacyDecisions.Where(d => d.ByPersonId == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.ByName, label), ct);
        await db.Candidacies.Where(c => c.DecidedByPersonId == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.DecidedByName, label), ct);
        await db.CheckInRounds.Where(r => r.CreatedByPersonId == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedByName, label), ct);
        await db.CalendarChanges.Where(c => c.ChangedByPersonId == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ChangedByName, label), ct);
        await db.RevokedRoles.Where(r => r.RevokedByPersonId == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.RevokedByName, label), ct);
        await db.CandidacyExports.Where(e => e.ByPersonId == id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.ByName, label)
            .SetProperty(e => e.Content, (byte[]?)null), ct);
        await db.BilanCollections.Where(c => c.LaunchedByPersonId == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.LaunchedByName, label), ct);
        await db.SynthesisDocuments.Where(d => d.CreatedByPersonId == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.CreatedByName, label), ct);
        await db.SynthesisDocuments.Where(d => d.DiffusedByName == oldName).ExecuteUpdateAsync(s => s.SetProperty(d => d.DiffusedByName, label), ct);
        // What Teams kept of the meetings they attended: the attendance report and the transcript name them.
        var minutes = await db.MeetingMinutes
            .Where(m => (m.ReportedAttendanceJson != null && (m.ReportedAttendanceJson.Contains(name) || m.ReportedAttendanceJson.Contains(escapedName)
                    || m.ReportedAttendanceJson.Contains(oldEmail) || m.ReportedAttendanceJson.Contains(escapedEmail)))
                || (m.TranscriptVtt != null && m.TranscriptVtt.Contains(name)))
            .ToListAsync(ct);
        foreach (var m in minutes)
        {
            if (m.ReportedAttendanceJson is { } report) m.ReportedAttendanceJson = Replace(Replace(report, oldEmail, AnonymousEmail(id)), oldName, label);
            if (m.TranscriptVtt is { } vtt) m.TranscriptVtt = vtt.Replace(oldName, label, StringComparison.Ordinal);
        }

        // Names kept without an id: matched by the name itself (a namesake's would be anonymised too, the safe side).
        await db.Candidacies.Where(c => c.TransmittedByName == oldName).ExecuteUpdateAsync(s => s.SetProperty(c => c.TransmittedByName, label), ct);
        await db.Themes.Where(t => t.ResultsPublishedByName == oldName).ExecuteUpdateAsync(s => s.SetProperty(t => t.ResultsPublishedByName, label), ct);
        await db.MeetingAttendances.Where(a => a.PersonId == id || a.Email == oldEmail).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.PersonId, id)
            .SetProperty(a => a.Name, label)
            .SetProperty(a => a.Email, AnonymousEmail(id)), ct);

        person.Email = AnonymousEmail(id);
        person.FirstName = "Personne";
        person.LastName = $"supprimée n°{id}";
        person.EntraObjectId = null;
        person.TeamsUserId = null;
        person.AcademyCode = null;
        person.IsReachable = false;
        person.UnreachableReason = "personne supprimée";
        person.ErasedAt = now;
        person.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Replaces <paramref name="text"/> in a card's data as it may be written there: as typed, or as System.Text.Json
    /// escapes it (by default, or relaxed), each by the replacement written the same way.
    /// </summary>
    private static string Replace(string json, string text, string by) => json
        .Replace(text, by, StringComparison.Ordinal)
        .Replace(JsonEncodedText.Encode(text).ToString(), JsonEncodedText.Encode(by).ToString(), StringComparison.Ordinal)
        .Replace(JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(),
            JsonEncodedText.Encode(by, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(), StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Person {PersonId} erased (RGPD): {Changes} rows changed")]
    private static partial void LogErased(ILogger logger, long personId, int changes);
}
