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

    public static JsonNode PersonalMessage(string text, string locale = "fr-FR", Action<JsonNode>? change = null) => From("message-action-submit", a =>
    {
        a.AsObject().Remove("value");
        a.AsObject().Remove("replyToId");
        a["text"] = text;
        a["locale"] = locale;
        change?.Invoke(a);
    });

    /// <summary>An Action.Execute of <paramref name="verb"/> with the card's inputs in <paramref name="data"/>.</summary>
    public static JsonNode Invoke(string verb, JsonObject? data = null, bool inChannel = false, string locale = "fr-FR", Action<JsonNode>? change = null) =>
        From("invoke-adaptive-card-action", a =>
        {
            var payload = data ?? [];
            payload["verb"] = verb;
            a["value"]!["action"]!["verb"] = verb;
            a["value"]!["action"]!["data"] = payload;
            a["locale"] = locale;
            if (inChannel) InChannel(a);
            change?.Invoke(a);
        });

    /// <summary>A file sent in the personal chat, as Teams delivers it: a download info attachment.</summary>
    public static JsonNode PersonalFile(string name, string downloadUrl, string text = "") => From("message-action-submit", a =>
    {
        a.AsObject().Remove("value");
        a.AsObject().Remove("replyToId");
        a["text"] = text;
        a["locale"] = "fr-FR";
        a["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.teams.file.download.info",
            ["contentUrl"] = "https://contoso.sharepoint.com/personal/u/Documents/" + name,
            ["name"] = name,
            ["content"] = new JsonObject
            {
                ["downloadUrl"] = downloadUrl,
                ["uniqueId"] = "1150D938-8870-4044-9F2C-5BBDEBA70C9D",
                ["fileType"] = Path.GetExtension(name).TrimStart('.'),
            },
        });
    });

    /// <summary>"@TraAM.Bot {text}" posted in a team channel (a new thread of channel 19:abc).</summary>
    public static JsonNode ChannelMessage(string text) => From("message-channel-mention", a => a["text"] = "<at>TraAM.Bot</at> " + text);

    private static void InChannel(JsonNode a)
    {
        var channel = JsonNode.Parse(Payload.Text("message-channel-mention"))!;
        a["conversation"] = channel["conversation"]!.DeepClone();
        a["channelData"] = channel["channelData"]!.DeepClone();
    }
}
