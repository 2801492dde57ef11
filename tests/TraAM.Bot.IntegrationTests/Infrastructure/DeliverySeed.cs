using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.Conversations;
using TraAM.Bot.Delivery;
using TraAM.Bot.People;

namespace TraAM.Bot.IntegrationTests.Infrastructure;

/// <summary>Conversations as installations leave them, and the outbox driven the way Hangfire drives it.</summary>
public static class DeliverySeed
{
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    public const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    /// <summary>The personal chat the bot got when <paramref name="person"/> installed it.</summary>
    public static async Task<ConversationRecord> ChatAsync(this TraamApp app, Person person, string? conversationId = null)
    {
        await using var db = app.CreateDbContext();
        var record = new ConversationRecord
        {
            ConversationId = conversationId ?? $"a:chat-{person.Id}", ServiceUrl = ServiceUrl, ChannelId = "msteams",
            ConversationType = "personal", TenantId = Tenant, BotId = "28:bot", UserId = person.TeamsUserId ?? $"29:user-{person.Id}",
            UserAadObjectId = person.EntraObjectId, IsActive = true, InstalledAt = app.Clock.GetUtcNow(), UpdatedAt = app.Clock.GetUtcNow(),
        };
        db.Conversations.Add(record);
        await db.SaveChangesAsync();
        return record;
    }

    /// <summary>The academic group of <paramref name="team"/>, linked to a channel.</summary>
    public static async Task<WorkGroup> LinkedGroupAsync(this TraamApp app, AcademicTeam team)
    {
        await using var db = app.CreateDbContext();
        var channel = new ConversationRecord
        {
            ConversationId = $"19:channel-{team.Id}@thread.tacv2", ServiceUrl = ServiceUrl, ChannelId = "msteams", ConversationType = "channel",
            TenantId = Tenant, BotId = "28:bot", TeamId = "19:team@thread.tacv2", IsActive = true, InstalledAt = app.Clock.GetUtcNow(), UpdatedAt = app.Clock.GetUtcNow(),
        };
        db.Conversations.Add(channel);
        await db.SaveChangesAsync();
        var group = new WorkGroup { Kind = GroupKind.Academic, CampaignId = team.CampaignId, ThemeId = team.ThemeId, TeamId = team.Id, ConversationRecordId = channel.Id };
        db.WorkGroups.Add(group);
        await db.SaveChangesAsync();
        return group;
    }

    public static async Task<int> EnqueueAsync(this TraamApp app, params NotificationRequest[] requests)
    {
        await using var db = app.CreateDbContext();
        return await app.Services.GetRequiredService<Outbox>().EnqueueAsync(db, requests, TestContext.Current.CancellationToken);
    }

    /// <summary>One drain run as the Hangfire job does it, returning when nothing more is due at the fake clock's time.</summary>
    public static async Task<DrainReport> DrainAsync(this TraamApp app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DrainAsync(waitForLater: false, TestContext.Current.CancellationToken);
    }

    public static async Task<List<Notification>> NotificationsAsync(this TraamApp app)
    {
        await using var db = app.CreateDbContext();
        return await db.Notifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync();
    }

    /// <summary>A test notification: the app-missing card is the simplest template with data.</summary>
    public static NotificationRequest Note(Recipient to, DateTimeOffset due, string occurrence = "1", string subject = "test", DateTimeOffset? expires = null) =>
        new("test.note", subject, to, occurrence, "delivery/app-missing", new { person = "Inès Moreau" }, due, expires);
}
