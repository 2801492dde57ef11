using System.Text.Json;
using System.Text.Json.Serialization;

namespace TraAM.Bot.Protocol.Schema;

/// <summary>
/// A Bot Framework activity, limited to the fields TraAM reads or writes
/// (https://github.com/microsoft/botframework-sdk/blob/main/specs/botframework-activity/botframework-activity.md).
/// Every other field is kept in <see cref="Extra"/> so a round trip loses nothing.
/// </summary>
public sealed class Activity
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("timestamp")] public DateTimeOffset? Timestamp { get; set; }
    [JsonPropertyName("localTimezone")] public string? LocalTimezone { get; set; }
    [JsonPropertyName("serviceUrl")] public string? ServiceUrl { get; set; }
    [JsonPropertyName("channelId")] public string? ChannelId { get; set; }
    [JsonPropertyName("from")] public ChannelAccount? From { get; set; }
    [JsonPropertyName("conversation")] public ConversationAccount? Conversation { get; set; }
    [JsonPropertyName("recipient")] public ChannelAccount? Recipient { get; set; }
    [JsonPropertyName("textFormat")] public string? TextFormat { get; set; }
    [JsonPropertyName("text")] public string? Text { get; set; }
    [JsonPropertyName("summary")] public string? Summary { get; set; }
    [JsonPropertyName("attachmentLayout")] public string? AttachmentLayout { get; set; }
    [JsonPropertyName("attachments")] public IList<Attachment>? Attachments { get; set; }
    [JsonPropertyName("entities")] public IList<Entity>? Entities { get; set; }
    [JsonPropertyName("channelData")] public TeamsChannelData? ChannelData { get; set; }
    [JsonPropertyName("action")] public string? Action { get; set; }
    [JsonPropertyName("replyToId")] public string? ReplyToId { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("value")] public JsonElement? Value { get; set; }
    [JsonPropertyName("locale")] public string? Locale { get; set; }
    [JsonPropertyName("membersAdded")] public IList<ChannelAccount>? MembersAdded { get; set; }
    [JsonPropertyName("membersRemoved")] public IList<ChannelAccount>? MembersRemoved { get; set; }

    [JsonExtensionData] public IDictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>The tenant, wherever Teams put it (conversation.tenantId or channelData.tenant.id).</summary>
    [JsonIgnore]
    public string? TenantId => Conversation?.TenantId ?? ChannelData?.Tenant?.Id;

    [JsonIgnore]
    public bool IsFromBot => From?.Id is { } id && Recipient?.Id is { } bot && string.Equals(id, bot, StringComparison.Ordinal);

    /// <summary>Whether the bot itself is among the members added or removed (installation in a team or chat).</summary>
    public bool BotIn(IList<ChannelAccount>? members) =>
        members is not null && Recipient?.Id is { } bot && members.Any(m => string.Equals(m.Id, bot, StringComparison.Ordinal));

    /// <summary>A message addressed back to where this activity came from, as the SDK's CreateReply builds it.</summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        From = Recipient,
        Recipient = From,
        Conversation = Conversation is null ? null : new ConversationAccount
        {
            Id = Conversation.Id,
            IsGroup = Conversation.IsGroup,
            Name = Conversation.Name,
            ConversationType = Conversation.ConversationType,
            TenantId = Conversation.TenantId,
        },
        ReplyToId = Id,
        ServiceUrl = ServiceUrl,
        ChannelId = ChannelId,
        Locale = Locale,
        Text = text,
        TextFormat = text is null ? null : TextFormats.Markdown,
    };
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Invoke = "invoke";
    public const string InvokeResponse = "invokeResponse";
    public const string MessageReaction = "messageReaction";
    public const string Event = "event";
    public const string Typing = "typing";
}

public static class TextFormats
{
    public const string Plain = "plain";
    public const string Markdown = "markdown";
}

public static class ConversationTypes
{
    public const string Personal = "personal";
    public const string GroupChat = "groupChat";
    public const string Channel = "channel";
}
