using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Delivery;
using TraAM.Bot.IntegrationTests.Infrastructure;
using static TraAM.Bot.IntegrationTests.Infrastructure.DeliverySeed;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Conversations;

/// <summary>Teams may move a conversation to another serviceUrl: the stored reference follows, without needless writes.</summary>
public sealed class ServiceUrlRefreshTests(TraamApp app) : AppTest(app)
{
    private const string Moved = "https://smba.trafficmanager.net/amer/";
    private const string PersonalChat = "a:1PersonalChat"; // the documented payloads' personal chat

    [PostgresFact]
    public async Task ANewServiceUrl_IsStored_TheSameAgainWritesNothing_AndTheOutboxSendsThere()
    {
        var camille = await App.PersonAsync("Camille", "Martin", CamilleAad);
        var chat = await App.ChatAsync(camille, PersonalChat);
        var before = await RowAsync(chat.Id);
        Assert.Equal(ServiceUrl, before.ServiceUrl);

        App.Clock.Advance(TimeSpan.FromMinutes(5));
        await App.PostActivityAsync(Activities.PersonalMessage("moi", change: a => a["serviceUrl"] = Moved));
        var moved = await RowAsync(chat.Id);

        Assert.Equal(Moved, moved.ServiceUrl);
        Assert.Equal(App.Clock.GetUtcNow(), moved.UpdatedAt, TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds
        Assert.NotEqual(before.Version, moved.Version);

        App.Clock.Advance(TimeSpan.FromMinutes(5));
        await App.PostActivityAsync(Activities.PersonalMessage("moi", change: a => a["serviceUrl"] = Moved));
        var again = await RowAsync(chat.Id);

        Assert.Equal(moved, again); // same UpdatedAt and same row version (xmin): no UPDATE touched the row

        App.Connector.Clear();
        await App.EnqueueAsync(Note(Recipient.Person(camille.Id), App.Clock.GetUtcNow()));
        await App.DrainAsync();

        Assert.StartsWith("/amer/v3/conversations/", Assert.Single(App.Connector.Activities).Path, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task AnUnchangedServiceUrl_AfterTheProcessForgotIt_StillWritesNothing()
    {
        // The in-memory note may be gone (restart, eviction): the update itself only touches a row that differs.
        var camille = await App.PersonAsync("Camille", "Martin", CamilleAad);
        var chat = await App.ChatAsync(camille, "a:forgotten-" + Guid.NewGuid().ToString("N"));
        var before = await RowAsync(chat.Id);

        App.Clock.Advance(TimeSpan.FromMinutes(5));
        await App.PostActivityAsync(Activities.PersonalMessage("moi", change: a => a["conversation"]!["id"] = chat.ConversationId));

        Assert.Equal(before, await RowAsync(chat.Id));
    }

    [PostgresFact]
    public async Task AMessageInAChannelThread_MovesTheChannelsReference()
    {
        var team = await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1);
        var group = await App.LinkedGroupAsync(team);
        await using var db = App.CreateDbContext();
        var channel = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == group.ConversationRecordId, TestContext.Current.CancellationToken);

        var thread = Activities.ChannelMessage("aide");
        thread["serviceUrl"] = Moved;
        thread["conversation"]!["id"] = channel.ConversationId + ";messageid=1732267000000";
        await App.PostActivityAsync(thread);

        Assert.Equal(Moved, (await RowAsync(channel.Id)).ServiceUrl);
    }

    [PostgresFact]
    public async Task AServiceUrlTheTokenDoesNotVouchFor_IsRefused_AndNotStored()
    {
        var camille = await App.PersonAsync("Camille", "Martin", CamilleAad);
        var chat = await App.ChatAsync(camille, PersonalChat);
        var activity = Activities.PersonalMessage("moi", change: a => a["serviceUrl"] = Moved);
        var token = App.Issuer.Token(serviceUrl: ServiceUrl); // signed for the old one

        using var response = await App.PostActivityAsync(activity, "Bearer " + token);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ServiceUrl, (await RowAsync(chat.Id)).ServiceUrl);
    }

    [PostgresFact]
    public async Task InLocalMode_NothingIsAuthenticated_SoTheServiceUrlIsNotStored()
    {
        await using var local = new TraamApp().With("Bot:MicrosoftAppId", "");
        await local.InitializeAsync();
        var camille = await local.PersonAsync("Camille", "Martin", CamilleAad);
        var chat = await local.ChatAsync(camille, PersonalChat);

        await local.PostActivityAsync(Activities.PersonalMessage("moi", change: a => a["serviceUrl"] = Moved), authorization: null);

        await using var db = local.CreateDbContext();
        Assert.Equal(ServiceUrl, await db.Conversations.Where(c => c.Id == chat.Id).Select(c => c.ServiceUrl).SingleAsync(TestContext.Current.CancellationToken));
    }

    private sealed record Row(string ServiceUrl, DateTimeOffset UpdatedAt, string Version);

    /// <summary>The reference as stored, with PostgreSQL's row version (xmin changes with every UPDATE, even one that sets the same values).</summary>
    private async Task<Row> RowAsync(long id)
    {
        await using var db = App.CreateDbContext();
        var row = await db.Conversations.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.ServiceUrl, c.UpdatedAt }).SingleAsync(TestContext.Current.CancellationToken);
        var version = await db.Database.SqlQuery<string>($"SELECT xmin::text AS \"Value\" FROM \"Conversations\" WHERE \"Id\" = {id}").SingleAsync(TestContext.Current.CancellationToken);
        return new Row(row.ServiceUrl, row.UpdatedAt, version);
    }
}
