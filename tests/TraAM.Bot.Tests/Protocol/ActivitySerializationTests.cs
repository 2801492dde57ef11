using System.Text.Json;
using System.Text.Json.Nodes;
using TraAM.Bot.Protocol.Schema;
using TraAM.Bot.Tests.Payloads;

namespace TraAM.Bot.Tests.Protocol;

public sealed class ActivitySerializationTests
{
    [Theory]
    [InlineData("message-channel-mention")]
    [InlineData("invoke-adaptive-card-action")]
    [InlineData("conversation-update-team-install")]
    [InlineData("installation-update-personal-add")]
    [InlineData("message-action-submit")]
    public void RoundTrip_KeepsEveryField_IncludingUnknownOnes(string payload)
    {
        var original = JsonNode.Parse(Payload.Text(payload))!;
        var activity = JsonSerializer.Deserialize(original.ToJsonString(), ProtocolJson.Context.Activity)!;

        var written = JsonNode.Parse(JsonSerializer.Serialize(activity, ProtocolJson.Context.Activity))!;

        Assert.True(JsonNode.DeepEquals(Normalize(original), Normalize(written)), $"round trip changed {payload}:\n{written}");
    }

    [Fact]
    public void ChannelMessage_ReadsTeamsFields()
    {
        var a = Payload.Activity("message-channel-mention");

        Assert.Equal(ActivityTypes.Message, a.Type);
        Assert.Equal("channel", a.Conversation!.ConversationType);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", a.TenantId);
        Assert.Equal("19:team@thread.tacv2", a.ChannelData!.Team!.Id);
        Assert.Equal("28:11111111-2222-3333-4444-555555555555", a.Entities![0].Mentioned!.Id);
        Assert.Equal("Europe/Paris", a.Entities[1].Timezone);
        // Fields we do not model are still there (teamsChannelId, localTimestamp).
        Assert.True(a.ChannelData.Extra!.ContainsKey("teamsChannelId"));
        Assert.True(a.Extra!.ContainsKey("localTimestamp"));
    }

    [Fact]
    public void TeamInstall_IsRecognisedAsBotAdded()
    {
        var a = Payload.Activity("conversation-update-team-install");

        Assert.True(a.BotIn(a.MembersAdded));
        Assert.Equal("teamMemberAdded", a.ChannelData!.EventType);
        Assert.Equal("19:general@thread.tacv2", a.ChannelData.Settings!.SelectedChannel!.Id);
    }

    [Fact]
    public void Invoke_ValueParsesAsAdaptiveCardAction()
    {
        var a = Payload.Activity("invoke-adaptive-card-action");

        var value = a.Value!.Value.Deserialize(ProtocolJson.Context.AdaptiveCardInvokeValue)!;

        Assert.Equal("Action.Execute", value.Action!.Type);
        Assert.Equal("help.show", value.Action.Verb);
        Assert.Equal("tapé dans la carte", value.Action.Data!.Value.GetProperty("comment").GetString());
    }

    [Fact]
    public void Reply_AddressesTheSender_AndOmitsNulls()
    {
        var a = Payload.Activity("message-channel-mention");

        var reply = a.CreateReply("Bonjour");
        var json = JsonSerializer.Serialize(reply, ProtocolJson.Context.Activity);

        Assert.Equal(a.From!.Id, reply.Recipient!.Id);
        Assert.Equal(a.Recipient!.Id, reply.From!.Id);
        Assert.Equal(a.Id, reply.ReplyToId);
        Assert.Equal(a.Conversation!.Id, reply.Conversation!.Id);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void InvokeResponse_CardBody_HasTheUniversalActionsShape()
    {
        var card = JsonDocument.Parse("""{"type":"AdaptiveCard","version":"1.5"}""").RootElement;

        var response = InvokeResponse.Card(card);
        var json = JsonNode.Parse(JsonSerializer.Serialize(response.Body!, ProtocolJson.Context.AdaptiveCardInvokeResponse))!;

        Assert.Equal(200, response.Status);
        Assert.Equal(200, json["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", json["type"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", json["value"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void InvokeResponse_Error_UsesTheErrorContentType()
    {
        var response = InvokeResponse.Error(400, "BadRequest", "Champ manquant");
        var json = JsonNode.Parse(JsonSerializer.Serialize(response.Body!, ProtocolJson.Context.AdaptiveCardInvokeResponse))!;

        Assert.Equal("application/vnd.microsoft.error", json["type"]!.GetValue<string>());
        Assert.Equal(400, json["statusCode"]!.GetValue<int>());
        Assert.Equal("Champ manquant", json["value"]!["message"]!.GetValue<string>());
    }

    // Timestamps are re-written in a canonical form; compare them as instants.
    private static JsonNode Normalize(JsonNode node)
    {
        var clone = node.DeepClone();
        if (clone is JsonObject o && o["timestamp"] is JsonValue t)
            o["timestamp"] = DateTimeOffset.Parse(t.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime().ToString("O");
        return clone;
    }
}
