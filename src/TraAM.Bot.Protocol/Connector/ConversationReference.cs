using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Protocol.Connector;

/// <summary>
/// Where a conversation lives, kept so the bot can write to it later (proactive messages), as the SDK's
/// <c>Activity.GetConversationReference()</c>.
/// </summary>
public sealed record ConversationReference(
    string ServiceUrl,
    string ChannelId,
    string ConversationId,
    string? ConversationType,
    string? TenantId,
    string BotId,
    string? BotName,
    string? UserId,
    string? UserAadObjectId,
    string? Locale,
    string? ActivityId = null)
{
    public static ConversationReference From(Activity activity) => new(
        activity.ServiceUrl ?? throw new ArgumentException("activity has no serviceUrl", nameof(activity)),
        activity.ChannelId ?? "msteams",
        activity.Conversation?.Id ?? throw new ArgumentException("activity has no conversation", nameof(activity)),
        activity.Conversation.ConversationType,
        activity.TenantId,
        activity.Recipient?.Id ?? throw new ArgumentException("activity has no recipient", nameof(activity)),
        activity.Recipient.Name,
        activity.From?.Id,
        activity.From?.AadObjectId,
        activity.Locale,
        activity.Id);

    /// <summary>Addresses an outgoing activity to this conversation (SDK: ApplyConversationReference).</summary>
    public Activity Apply(Activity activity)
    {
        activity.ChannelId = ChannelId;
        activity.ServiceUrl = ServiceUrl;
        activity.From = new ChannelAccount { Id = BotId, Name = BotName };
        activity.Recipient = UserId is null ? null : new ChannelAccount { Id = UserId, AadObjectId = UserAadObjectId };
        activity.Conversation = new ConversationAccount
        {
            Id = ConversationId,
            ConversationType = ConversationType,
            TenantId = TenantId,
            IsGroup = ConversationType is null ? null : ConversationType != ConversationTypes.Personal,
        };
        activity.Locale ??= Locale;
        return activity;
    }
}
