using System.Text.Json.Nodes;
using TraAM.Bot.Tests.Payloads;

namespace TraAM.Bot.IntegrationTests.Infrastructure;

/// <summary>Teams-shaped inbound activities (from the documented payloads), each with a fresh id unless told.</summary>
public static class Activities
{
    public static JsonNode From(string payload, Action<JsonNode>? change = null)
    {
        var node = JsonNode.Parse(Payload.Text(payload))!;
        node["id"] = "it-" + Guid.NewGuid().ToString("N");
        change?.Invoke(node);
        return node;
    }

    public static JsonNode PersonalMessage(string text, string locale = "fr-FR") => From("message-action-submit", a =>
    {
        a.AsObject().Remove("value");
        a.AsObject().Remove("replyToId");
        a["text"] = text;
        a["locale"] = locale;
    });
}
