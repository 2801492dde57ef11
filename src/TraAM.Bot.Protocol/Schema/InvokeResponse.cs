using System.Text.Json;
using System.Text.Json.Serialization;

namespace TraAM.Bot.Protocol.Schema;

/// <summary>
/// The HTTP answer to an <c>invoke</c>: <see cref="Status"/> is the HTTP status, <see cref="Body"/> the JSON body.
/// For <c>adaptiveCard/action</c> the body carries its own <c>statusCode</c> and <c>type</c> (Universal Actions spec).
/// </summary>
public sealed record InvokeResponse(int Status, AdaptiveCardInvokeResponse? Body)
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    public static InvokeResponse Card(JsonElement card) => new(200, new AdaptiveCardInvokeResponse(200, CardType, card));

    public static InvokeResponse Message(string text) =>
        new(200, new AdaptiveCardInvokeResponse(200, MessageType, JsonSerializer.SerializeToElement(text, ProtocolJson.Context.String)));

    public static InvokeResponse Error(int statusCode, string code, string message) =>
        new(200, new AdaptiveCardInvokeResponse(statusCode, ErrorType,
            JsonSerializer.SerializeToElement(new InvokeError(code, message), ProtocolJson.Context.InvokeError)));

    public static InvokeResponse NotImplemented { get; } = new(501, null);

    /// <summary>200 with an empty body: what Teams expects for invokes such as <c>fileConsent/invoke</c>.</summary>
    public static InvokeResponse Ok { get; } = new(200, null);
}

public sealed record AdaptiveCardInvokeResponse(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("value")] JsonElement Value);

public sealed record InvokeError(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message);

/// <summary>The <c>value</c> of an <c>adaptiveCard/action</c> invoke.</summary>
public sealed class AdaptiveCardInvokeValue
{
    [JsonPropertyName("action")] public AdaptiveCardInvokeAction? Action { get; set; }
    [JsonPropertyName("trigger")] public string? Trigger { get; set; }
}

public sealed class AdaptiveCardInvokeAction
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("verb")] public string? Verb { get; set; }
    [JsonPropertyName("data")] public JsonElement? Data { get; set; }
}
