using System.Text.Json;
using System.Text.Json.Serialization;

namespace TraAM.Bot.Protocol.Schema;

/// <summary>Body of <c>POST v3/conversations</c>.</summary>
public sealed class ConversationParameters
{
    [JsonPropertyName("isGroup")] public bool IsGroup { get; set; }
    [JsonPropertyName("bot")] public ChannelAccount? Bot { get; set; }
    [JsonPropertyName("members")] public IList<ChannelAccount>? Members { get; set; }
    [JsonPropertyName("topicName")] public string? TopicName { get; set; }
    [JsonPropertyName("tenantId")] public string? TenantId { get; set; }
    [JsonPropertyName("activity")] public Activity? Activity { get; set; }
    [JsonPropertyName("channelData")] public TeamsChannelData? ChannelData { get; set; }

    /// <summary>A 1:1 chat with a user who has the app (Teams needs the user's 29: id and the tenant, not an e-mail).</summary>
    public static ConversationParameters PersonalChat(string botId, string userId, string tenantId) => new()
    {
        IsGroup = false,
        Bot = new ChannelAccount { Id = botId },
        Members = [new ChannelAccount { Id = userId }],
        TenantId = tenantId,
        ChannelData = new TeamsChannelData { Tenant = new TenantInfo { Id = tenantId } },
    };

    /// <summary>A new thread in a channel, opened by <paramref name="firstMessage"/> (the answer's activityId is its root).</summary>
    public static ConversationParameters ChannelThread(string botId, string channelId, string tenantId, Activity firstMessage) => new()
    {
        IsGroup = true,
        Bot = new ChannelAccount { Id = botId },
        TenantId = tenantId,
        Activity = firstMessage,
        ChannelData = new TeamsChannelData { Channel = new ChannelInfo { Id = channelId }, Tenant = new TenantInfo { Id = tenantId } },
    };
}

public sealed class ResourceResponse
{
    [JsonPropertyName("id")] public string? Id { get; set; }
}

public sealed class ConversationResourceResponse
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("activityId")] public string? ActivityId { get; set; }
    [JsonPropertyName("serviceUrl")] public string? ServiceUrl { get; set; }
}

public sealed class TeamsChannelAccount
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("aadObjectId")] public string? AadObjectId { get; set; }
    [JsonPropertyName("email")] public string? Email { get; set; }
    [JsonPropertyName("userPrincipalName")] public string? UserPrincipalName { get; set; }
    [JsonPropertyName("tenantId")] public string? TenantId { get; set; }
    [JsonPropertyName("userRole")] public string? UserRole { get; set; }
    [JsonPropertyName("givenName")] public string? GivenName { get; set; }
    [JsonPropertyName("surname")] public string? Surname { get; set; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class PagedMembersResult
{
    [JsonPropertyName("continuationToken")] public string? ContinuationToken { get; set; }
    [JsonPropertyName("members")] public IList<TeamsChannelAccount>? Members { get; set; }
}

public sealed class TeamDetails
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("aadGroupId")] public string? AadGroupId { get; set; }
    [JsonPropertyName("channelCount")] public int? ChannelCount { get; set; }
    [JsonPropertyName("memberCount")] public int? MemberCount { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
}

/// <summary>The error body the Connector returns, e.g. 403 <c>{"error":{"code":"…","message":"…"}}</c>.</summary>
public sealed class ErrorResponse
{
    [JsonPropertyName("error")] public ErrorDetail? Error { get; set; }
}

public sealed class ErrorDetail
{
    [JsonPropertyName("code")] public string? Code { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? Extra { get; set; }
}
