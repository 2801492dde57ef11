using System.Text.Json;
using System.Text.Json.Serialization;

namespace TraAM.Bot.Protocol.Schema;

/// <summary>Source-generated serialization: no reflection on the hot path, nulls left out as the Connector expects.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ConversationResourceResponse))]
[JsonSerializable(typeof(TeamsChannelAccount))]
[JsonSerializable(typeof(PagedMembersResult))]
[JsonSerializable(typeof(TeamDetails))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(AdaptiveCardInvokeResponse))]
[JsonSerializable(typeof(AdaptiveCardInvokeValue))]
[JsonSerializable(typeof(InvokeError))]
[JsonSerializable(typeof(FileConsentCard))]
[JsonSerializable(typeof(FileInfoCard))]
[JsonSerializable(typeof(FileConsentCardResponse))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;

public static class ProtocolJson
{
    public static ProtocolJsonContext Context { get; } = ProtocolJsonContext.Default;
}
