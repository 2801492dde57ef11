using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TraAM.Bot.Protocol.Connector;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Conversations;

/// <summary>
/// Where the bot is installed: enough to write there later (a proactive message), and nothing more. No names of
/// people and no message content are kept; the user's ids are kept only for personal chats.
/// </summary>
public sealed class ConversationRecord
{
    public long Id { get; set; }
    public required string ConversationId { get; set; }
    public required string ServiceUrl { get; set; }
    public required string ChannelId { get; set; }
    public required string ConversationType { get; set; }
    public string? TenantId { get; set; }
    public string? TeamId { get; set; }
    public string? TeamName { get; set; }
    public required string BotId { get; set; }
    public string? UserId { get; set; }
    public string? UserAadObjectId { get; set; }
    public string? Locale { get; set; }
    public bool IsActive { get; set; }
    public DateTimeOffset InstalledAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? UninstalledAt { get; set; }
    public DateTimeOffset? WelcomedAt { get; set; }

    /// <summary>A new record for <paramref name="conversationId"/>, addressed as the activity says.</summary>
    public static ConversationRecord From(Activity a, string conversationId, string conversationType, DateTimeOffset now) => new()
    {
        ConversationId = conversationId,
        ServiceUrl = a.ServiceUrl!,
        ChannelId = a.ChannelId ?? "msteams",
        ConversationType = conversationType,
        BotId = a.Recipient?.Id ?? "",
        InstalledAt = now,
    };

    /// <summary>
    /// What the latest activity from this conversation says about where to write (Teams may move the serviceUrl),
    /// and that the bot is there: active again if it had been removed.
    /// </summary>
    public void RefreshFrom(Activity a, DateTimeOffset now)
    {
        ServiceUrl = a.ServiceUrl!;
        TenantId = a.TenantId ?? TenantId;
        TeamId = a.ChannelData?.Team?.Id ?? TeamId;
        TeamName = a.ChannelData?.Team?.Name ?? TeamName;
        IsActive = true;
        UninstalledAt = null;
        UpdatedAt = now;
    }

    public ConversationReference ToReference() => new(
        ServiceUrl, ChannelId, ConversationId, ConversationType, TenantId, BotId, null, UserId, UserAadObjectId, Locale);

    internal sealed class Configuration : IEntityTypeConfiguration<ConversationRecord>
    {
        public void Configure(EntityTypeBuilder<ConversationRecord> b)
        {
            b.HasIndex(c => c.ConversationId).IsUnique();
            b.HasIndex(c => c.UserAadObjectId);
            b.Property(c => c.ConversationId).HasMaxLength(400);
            b.Property(c => c.ServiceUrl).HasMaxLength(400);
            b.Property(c => c.ChannelId).HasMaxLength(64);
            b.Property(c => c.ConversationType).HasMaxLength(32);
            b.Property(c => c.TenantId).HasMaxLength(64);
            b.Property(c => c.TeamId).HasMaxLength(400);
            b.Property(c => c.TeamName).HasMaxLength(256);
            b.Property(c => c.BotId).HasMaxLength(128);
            b.Property(c => c.UserId).HasMaxLength(256);
            b.Property(c => c.UserAadObjectId).HasMaxLength(64);
            b.Property(c => c.Locale).HasMaxLength(32);
        }
    }
}
