using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;

namespace TraAM.Bot.Delivery;

/// <summary>Who receives a notification: a person (their personal chat) or a working group (its channel).</summary>
public readonly record struct Recipient(long? PersonId, long? WorkGroupId)
{
    public static Recipient Person(long id) => new(id, null);

    public static Recipient Group(long id) => new(null, id);

    public override string ToString() => PersonId is { } p ? $"person:{p}" : $"group:{WorkGroupId}";
}

/// <summary>
/// A notification to create. <paramref name="Occurrence"/> tells two sends of the same kind apart (e.g. "J-7 of
/// 2027-03-31"); the same request twice is the same notification.
/// </summary>
public sealed record NotificationRequest(
    string Kind, string Subject, Recipient Recipient, string Occurrence, string Card, object Data, DateTimeOffset DueAt, DateTimeOffset? ExpiresAt = null)
{
    public string Key => KeyOf(Kind, Subject, Recipient, Occurrence);

    /// <summary>The key of a notification, for a caller that must recognise one without building it.</summary>
    public static string KeyOf(string kind, string subject, Recipient recipient, string occurrence) => $"{kind}|{subject}|{recipient}|{occurrence}";
}

/// <summary>
/// The only way features send proactively: they ask the outbox, in their own transaction or not, and the drain
/// jobs do the sending. Creating is idempotent (INSERT … ON CONFLICT DO NOTHING on the key, both providers).
/// </summary>
public sealed class Outbox(TimeProvider clock, IDeliveryTrigger trigger)
{
    private const int RowsPerStatement = 200; // 12 parameters a row: far under PostgreSQL's and SQLite's limits

    /// <summary>Creates the notifications not created yet; returns how many are new.</summary>
    public async Task<int> EnqueueAsync(TraamDbContext db, IEnumerable<NotificationRequest> requests, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var created = 0;
        var dueNow = false;
        foreach (var chunk in requests.DistinctBy(r => r.Key).Chunk(RowsPerStatement))
        {
            created += await InsertAsync(db, chunk, now, ct);
            dueNow |= chunk.Any(r => r.DueAt <= now);
        }

        if (created > 0 && dueNow) trigger.DrainSoon();
        return created;
    }

    public Task<int> EnqueueAsync(TraamDbContext db, NotificationRequest request, CancellationToken ct) => EnqueueAsync(db, [request], ct);

    /// <summary>
    /// Cancels what is still pending about <paramref name="subject"/> (and its sub-subjects "subject:…"), except the
    /// keys still wanted.
    /// </summary>
    public async Task<int> CancelPendingAsync(TraamDbContext db, string subject, IReadOnlySet<string> keep, string reason, CancellationToken ct)
    {
        var prefix = subject + ":";
        var pending = await db.Notifications
            .Where(n => (n.Subject == subject || n.Subject.StartsWith(prefix)) && n.State == NotificationState.Pending)
            .Select(n => new { n.Id, n.Key })
            .ToListAsync(ct);
        var ids = pending.Where(p => !keep.Contains(p.Key)).Select(p => p.Id).ToList();
        var cancelled = 0;
        foreach (var chunk in ids.Chunk(500))
        {
            cancelled += await db.Notifications.Where(n => chunk.Contains(n.Id) && n.State == NotificationState.Pending)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(n => n.State, NotificationState.Cancelled)
                    .SetProperty(n => n.FailureReason, reason)
                    .SetProperty(n => n.LeaseOwner, (string?)null), ct);
        }

        return cancelled;
    }

    /// <summary>What is pending for one person about a subject (and sub-subjects), when they did what it asked.</summary>
    public Task<int> CancelPendingForAsync(TraamDbContext db, string subject, long personId, string reason, CancellationToken ct)
    {
        var prefix = subject + ":";
        return db.Notifications
            .Where(n => n.State == NotificationState.Pending
                && ((n.Subject == subject && n.PersonId == personId) || n.Subject == $"{prefix}about:{personId}"))
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.State, NotificationState.Cancelled)
                .SetProperty(n => n.FailureReason, reason)
                .SetProperty(n => n.LeaseOwner, (string?)null), ct);
    }

    private static async Task<int> InsertAsync(TraamDbContext db, NotificationRequest[] rows, DateTimeOffset now, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(Notification))!;
        string[] columns = ["Key", "Kind", "Subject", "PersonId", "WorkGroupId", "Card", "DataJson", "DueAt", "NextAttemptAt", "ExpiresAt", "State", "Attempts", "CreatedAt"];
        var parameters = new List<object?>(rows.Length * columns.Length);
        var tuples = new List<string>(rows.Length);
        foreach (var r in rows)
        {
            object?[] values = [r.Key, r.Kind, r.Subject, r.Recipient.PersonId, r.Recipient.WorkGroupId, r.Card,
                JsonSerializer.Serialize(r.Data, CardTemplates.DataJson), r.DueAt.ToUniversalTime(), r.DueAt.ToUniversalTime(), r.ExpiresAt?.ToUniversalTime(),
                NotificationState.Pending, 0, now];
            var placeholders = new string[columns.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                placeholders[i] = $"{{{parameters.Count}}}";
                parameters.Add(values[i] is { } value ? entity.ToProvider(columns[i], value) : Null(db, parameters.Count));
            }

            tuples.Add($"({string.Join(", ", placeholders)})");
        }

        var sql = $"INSERT INTO \"{entity.GetTableName()}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES {string.Join(", ", tuples)} ON CONFLICT (\"Key\") DO NOTHING";
#pragma warning disable EF1002 // table and column names come from our model; every value is a parameter
        return await db.Database.ExecuteSqlRawAsync(sql, parameters!, ct);
#pragma warning restore EF1002
    }

    /// <summary>EF sends a null value only as a DbParameter (a bare null has no type to map).</summary>
    private static System.Data.Common.DbParameter Null(TraamDbContext db, int index)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        var parameter = command.CreateParameter();
        parameter.ParameterName = $"@null{index}";
        parameter.Value = DBNull.Value;
        return parameter;
    }
}

/// <summary>Asks for a drain run soon (a Hangfire job), when notifications are due now rather than at 9:00.</summary>
public interface IDeliveryTrigger
{
    void DrainSoon();
}
