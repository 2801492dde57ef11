using System.Net;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.IntegrationTests.Infrastructure;

namespace TraAM.Bot.IntegrationTests.Conversations;

/// <summary>Install, welcome, uninstall: the conversation references every proactive message will need.</summary>
public sealed class InstallationTests(TraamApp app) : AppTest(app)
{
    [PostgresFact]
    public async Task PersonalInstall_StoresTheReference_AndWelcomesOnce_ThoughTeamsSendsTwoEvents()
    {
        var install = Activities.From("installation-update-personal-add");
        var botAdded = Activities.From("installation-update-personal-add", a =>
        {
            a["type"] = "conversationUpdate";
            a.AsObject().Remove("action");
            a["membersAdded"] = new System.Text.Json.Nodes.JsonArray(
                new System.Text.Json.Nodes.JsonObject { ["id"] = "29:1AbCdEfGhIjKlMnOpQrStUvWxYz" },
                new System.Text.Json.Nodes.JsonObject { ["id"] = "28:11111111-2222-3333-4444-555555555555" });
        });

        await Task.WhenAll(App.PostActivityAsync(install), App.PostActivityAsync(botAdded));

        var welcome = Assert.Single(App.Connector.Activities);
        Assert.Equal("Bonjour, je suis TraAM.Bot", welcome.Card!["body"]![0]!["text"]!.GetValue<string>());
        Assert.EndsWith("/v3/conversations/a:1PersonalChat/activities", Uri.UnescapeDataString(welcome.Path), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        var record = await db.Conversations.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal("a:1PersonalChat", record.ConversationId);
        Assert.Equal("personal", record.ConversationType);
        Assert.Equal("https://smba.trafficmanager.net/emea/", record.ServiceUrl);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", record.TenantId);
        Assert.Equal("6a2b0a6e-1111-4c6e-9a5a-000000000020", record.UserAadObjectId);
        Assert.Equal("29:1AbCdEfGhIjKlMnOpQrStUvWxYz", record.UserId);
        Assert.Equal("28:11111111-2222-3333-4444-555555555555", record.BotId);
        Assert.True(record.IsActive);
        Assert.NotNull(record.WelcomedAt);
    }

    [PostgresFact]
    public async Task TeamInstall_StoresTheChannel_WithoutAnyPersonsIds_AndWelcomesInIt()
    {
        App.Connector.TeamMemberCount = 12;

        using var response = await App.PostActivityAsync(Activities.From("conversation-update-team-install"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var welcome = Assert.Single(App.Connector.Activities);
        Assert.Contains("/v3/conversations/19:general@thread.tacv2/activities", Uri.UnescapeDataString(welcome.Path), StringComparison.Ordinal);
        Assert.Contains(welcome.CardTexts, t => t.Contains("Mentionnez-moi", StringComparison.Ordinal));
        await using var db = App.CreateDbContext();
        var record = await db.Conversations.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal("channel", record.ConversationType);
        Assert.Equal("19:general@thread.tacv2", record.TeamId);
        Assert.Equal("TraAM SVT – groupe national", record.TeamName);
        Assert.Null(record.UserId);
        Assert.Null(record.UserAadObjectId);
    }

    [PostgresFact]
    public async Task TeamOfMoreThanAHundred_IsNotWelcomed_ButIsStored()
    {
        App.Connector.TeamMemberCount = 450;

        await App.PostActivityAsync(Activities.From("conversation-update-team-install"));

        Assert.Empty(App.Connector.Activities);
        await using var db = App.CreateDbContext();
        Assert.True((await db.Conversations.SingleAsync(TestContext.Current.CancellationToken)).IsActive);
    }

    [PostgresFact]
    public async Task Uninstall_MarksInactive_AndReinstall_WelcomesAgain()
    {
        await App.PostActivityAsync(Activities.From("installation-update-personal-add"));

        await App.PostActivityAsync(Activities.From("installation-update-personal-add", a => a["action"] = "remove"));

        await using (var db = App.CreateDbContext())
        {
            var record = await db.Conversations.SingleAsync(TestContext.Current.CancellationToken);
            Assert.False(record.IsActive);
            Assert.NotNull(record.UninstalledAt);
        }

        await App.PostActivityAsync(Activities.From("installation-update-personal-add"));

        Assert.Equal(2, App.Connector.Activities.Count);
        await using var after = App.CreateDbContext();
        Assert.True((await after.Conversations.SingleAsync(TestContext.Current.CancellationToken)).IsActive);
    }

    [PostgresFact]
    public async Task ChannelMention_Aide_RepliesInThatChannelsThread()
    {
        var message = Activities.From("message-channel-mention", a => a["text"] = "<at>TraAM.Bot</at> aide");

        using var response = await App.PostActivityAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(App.Connector.Activities);
        Assert.Equal($"/emea/v3/conversations/19:abc@thread.tacv2;messageid=1732267732123/activities/{message["id"]}", Uri.UnescapeDataString(reply.Path));
        Assert.Contains(reply.CardTexts, t => t.Contains("mentionnez-moi d'abord", StringComparison.Ordinal));
    }
}
