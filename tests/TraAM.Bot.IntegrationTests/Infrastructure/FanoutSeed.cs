using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Conversations;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.People;

namespace TraAM.Bot.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database with <c>count</c> people, each with a personal chat on <c>serviceUrl</c> and one
/// notification due now: one message per conversation, so a conversation that receives two is a duplicate.
/// Shared by the fault test and bench/fanout.
/// </summary>
public static class FanoutSeed
{
    public const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    public static async Task CreateAsync(string connectionString, int count, string serviceUrl, DateTimeOffset due, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<PostgresTraamDbContext>().UseNpgsql(connectionString).Options;
        await using var db = new PostgresTraamDbContext(options);
        await db.Database.MigrateAsync(ct);
        var now = DateTimeOffset.UtcNow;
        var people = Enumerable.Range(0, count).Select(i => new Person
        {
            Email = $"p{i:D5}@fanout.test", FirstName = "Personne", LastName = $"N{i:D5}", EntraObjectId = $"aad-{i:D5}",
            AcademyCode = "lyon", CreatedAt = now, UpdatedAt = now,
        }).ToList();
        db.People.AddRange(people);
        await db.SaveChangesAsync(ct);
        db.Conversations.AddRange(people.Select(p => new ConversationRecord
        {
            ConversationId = ConversationOf(p), ServiceUrl = serviceUrl, ChannelId = "msteams", ConversationType = "personal",
            TenantId = Tenant, BotId = "28:bot", UserId = $"29:{p.EntraObjectId}", UserAadObjectId = p.EntraObjectId,
            IsActive = true, InstalledAt = now, UpdatedAt = now,
        }));
        await db.SaveChangesAsync(ct);
        var outbox = new Outbox(TimeProvider.System, new NoDrainTrigger());
        await outbox.EnqueueAsync(db, people.Select(p => new NotificationRequest(
            "fanout", "bench", Recipient.Person(p.Id), "1", "delivery/app-missing", new { person = p.DisplayName }, due)), ct);
    }

    /// <summary>The conversation id of a seeded person: "a:fanout-00042".</summary>
    public static string ConversationOf(Person p) => $"a:fanout-{p.LastName[1..]}";

    public static async Task<Dictionary<NotificationState, int>> StatesAsync(string connectionString, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<PostgresTraamDbContext>().UseNpgsql(connectionString).Options;
        await using var db = new PostgresTraamDbContext(options);
        return await db.Notifications.GroupBy(n => n.State).ToDictionaryAsync(g => g.Key, g => g.Count(), ct);
    }

    /// <summary>The conversations of the notifications in doubt (still "sending", or unconfirmed).</summary>
    public static async Task<List<string>> InDoubtAsync(string connectionString, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<PostgresTraamDbContext>().UseNpgsql(connectionString).Options;
        await using var db = new PostgresTraamDbContext(options);
        var people = await (
            from n in db.Notifications
            join p in db.People on n.PersonId equals p.Id
            where n.State == NotificationState.Sending || n.State == NotificationState.Unconfirmed
            select p).ToListAsync(ct);
        return [.. people.Select(ConversationOf)];
    }

    /// <summary>Milliseconds from due to sent, of every sent notification.</summary>
    public static async Task<List<double>> QueueDelaysAsync(string connectionString, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<PostgresTraamDbContext>().UseNpgsql(connectionString).Options;
        await using var db = new PostgresTraamDbContext(options);
        var rows = await db.Notifications.Where(n => n.SentAt != null).Select(n => new { n.DueAt, n.SentAt }).ToListAsync(ct);
        return [.. rows.Select(r => (r.SentAt!.Value - r.DueAt).TotalMilliseconds)];
    }
}
