using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Delivery;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.People;
using static TraAM.Bot.IntegrationTests.Infrastructure.DeliverySeed;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Operations;

/// <summary>"envois": what the outbox cannot settle alone, and the admin's two ways to settle it.</summary>
public sealed class DeliveriesTests(TraamApp app) : AppTest(app)
{
    private const string InesAad = "5a7a0000-0000-4000-8000-000000000201";
    private const string HugoAad = "5a7a0000-0000-4000-8000-000000000202";
    private Person _admin = null!;
    private Person _ines = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _admin = await App.PersonAsync("Camille", "Martin", CamilleAad, Admin());
        _ines = await App.PersonAsync("Inès", "Moreau", InesAad, Expert("svt"));
        await App.ChatAsync(_ines);
    }

    /// <summary>Three notifications to Inès: one unconfirmed, one failed, one sent; and Hugo unreachable.</summary>
    private async Task<(long Unconfirmed, long Failed)> SeedAsync()
    {
        var now = App.Clock.GetUtcNow();
        await App.EnqueueAsync(Note(Recipient.Person(_ines.Id), now.AddHours(-3), "1"), Note(Recipient.Person(_ines.Id), now.AddHours(-2), "2"),
            Note(Recipient.Person(_ines.Id), now.AddHours(-1), "3"));
        var rows = await App.NotificationsAsync();
        await using var db = App.CreateDbContext();
        var ct = TestContext.Current.CancellationToken;
        await db.Notifications.Where(n => n.Id == rows[0].Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.State, NotificationState.Unconfirmed)
            .SetProperty(n => n.FailureReason, "réponse de Teams perdue : peut-être reçu, non renvoyé").SetProperty(n => n.SendingSince, now.AddHours(-3)), ct);
        await db.Notifications.Where(n => n.Id == rows[1].Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.State, NotificationState.Failed)
            .SetProperty(n => n.FailureReason, "Teams injoignable après 5 essais"), ct);
        await db.Notifications.Where(n => n.Id == rows[2].Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.State, NotificationState.Sent), ct);
        var hugo = await App.PersonAsync("Hugo", "Bernard", HugoAad, Expert("svt"));
        await db.People.Where(p => p.Id == hugo.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsReachable, false)
            .SetProperty(p => p.UnreachableReason, "a retiré l'application"), ct);
        return (rows[0].Id, rows[1].Id);
    }

    private async Task<JsonNode> ListAsync()
    {
        App.Connector.Clear();
        await App.PostActivityAsync(Activities.PersonalMessage("envois").As(_admin));
        return Assert.Single(App.Connector.Activities).Card!;
    }

    private static JsonObject Action(JsonNode card, string title, int index = 0) =>
        card.Descendants().Where(n => n is JsonObject o && o["type"]?.GetValue<string>() == "Action.Execute" && o["title"]?.GetValue<string>() == title)
            .ElementAt(index)!["data"]!.AsObject().DeepClone().AsObject();

    [PostgresFact]
    public async Task Admin_Sees_The_Counts_And_The_List_Unconfirmed_First_Then_Failed_Then_Unreachable_People()
    {
        await SeedAsync();

        var card = await ListAsync();

        var text = card.Text();
        Assert.Contains("\"title\":\"Non confirmés (peut-être reçus)\",\"value\":\"1\"", text, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"En échec\",\"value\":\"1\"", text, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Personnes injoignables\",\"value\":\"1\"", text, StringComparison.Ordinal);
        var lines = card["body"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "Container")
            .Select(c => c!["items"]![0]!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(["**Inès Moreau** · Non confirmé", "**Inès Moreau** · En échec", "**Hugo Bernard** · Injoignable"], lines);
        Assert.Contains("Teams injoignable après 5 essais", text, StringComparison.Ordinal);
        Assert.Contains("a retiré l'application", text, StringComparison.Ordinal);
        Assert.Single(card.Descendants(), n => n is JsonObject o && o["type"]?.GetValue<string>() == "Action.Execute" && o["title"]?.GetValue<string>() == "Renvoyer");
        Assert.Equal(2, card.Descendants().Count(n => n is JsonObject o && o["type"]?.GetValue<string>() == "Action.Execute" && o["title"]?.GetValue<string>() == "Abandonner"));
    }

    [PostgresFact]
    public async Task Resend_Asks_For_A_Check_Then_Sends_A_New_Notification_Once_And_Keeps_The_Old_One()
    {
        var (unconfirmed, _) = await SeedAsync();
        var card = await ListAsync();

        var confirm = await App.InvokeAsync(Activities.Invoke("ops.deliveries.resend", Action(card, "Renvoyer")).As(_admin));
        var confirmText = confirm["value"]!.Text();
        Assert.Contains("Renvoyer à Inès Moreau la carte delivery/app-missing", confirmText, StringComparison.Ordinal);
        Assert.Contains("vérifiez avec la personne", confirmText, StringComparison.Ordinal);
        Assert.Equal(NotificationState.Unconfirmed, (await App.NotificationsAsync()).Single(n => n.Id == unconfirmed).State); // nothing yet

        var yes = Action(confirm["value"]!, "Oui, renvoyer");
        var done = await App.InvokeAsync(Activities.Invoke("ops.deliveries.resend", yes.DeepClone().AsObject()).As(_admin));
        var again = await App.InvokeAsync(Activities.Invoke("ops.deliveries.resend", yes.DeepClone().AsObject()).As(_admin)); // a double click

        Assert.Contains("Nouvel envoi programmé", done["value"]!.Text(), StringComparison.Ordinal);
        Assert.Contains("déjà été traité", again["value"]!.Text(), StringComparison.Ordinal);
        var rows = await App.NotificationsAsync();
        var old = rows.Single(n => n.Id == unconfirmed);
        Assert.Equal(NotificationState.Cancelled, old.State);
        Assert.StartsWith("renvoyé à la demande d'un administrateur", old.FailureReason, StringComparison.Ordinal);
        var fresh = Assert.Single(rows, n => n.Key.EndsWith($"|resend-of-{unconfirmed}", StringComparison.Ordinal));
        Assert.Equal((NotificationState.Pending, old.Card, old.DataJson, old.PersonId), (fresh.State, fresh.Card, fresh.DataJson, fresh.PersonId));

        App.Connector.Clear();
        var report = await App.DrainAsync();
        Assert.Equal(1, report.Sent);
        Assert.Contains("Inès Moreau", Assert.Single(App.Connector.Activities).Body!.Text(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Abandon_Settles_A_Failed_Notification_Without_Sending_It()
    {
        var (_, failed) = await SeedAsync();
        var card = await ListAsync();

        var answer = await App.InvokeAsync(Activities.Invoke("ops.deliveries.abandon", Action(card, "Abandonner", 1)).As(_admin));

        Assert.Contains("Envoi abandonné", answer["value"]!.Text(), StringComparison.Ordinal);
        var row = (await App.NotificationsAsync()).Single(n => n.Id == failed);
        Assert.Equal(NotificationState.Cancelled, row.State);
        Assert.StartsWith("abandonné par un administrateur", row.FailureReason, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"En échec\",\"value\":\"0\"", answer["value"]!.Text(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_Non_Admin_Is_Refused_And_A_Forged_Resend_Changes_Nothing()
    {
        var (unconfirmed, _) = await SeedAsync();

        await App.PostActivityAsync(Activities.PersonalMessage("envois").As(_ines));
        Assert.Contains("réservée à l'équipe d'administration", Assert.Single(App.Connector.Activities).Body!.Text(), StringComparison.Ordinal);
        var answer = await App.InvokeAsync(Activities.Invoke("ops.deliveries.resend",
            new JsonObject { ["id"] = unconfirmed.ToString(System.Globalization.CultureInfo.InvariantCulture), ["confirmed"] = "yes", ["page"] = "1" }).As(_ines));

        Assert.Contains("réservée à l'équipe d'administration", answer.Text(), StringComparison.Ordinal);
        var rows = await App.NotificationsAsync();
        Assert.Equal(NotificationState.Unconfirmed, rows.Single(n => n.Id == unconfirmed).State);
        Assert.Equal(3, rows.Count);
    }

    [PostgresFact]
    public async Task In_A_Channel_The_List_Is_Not_Shown()
    {
        await SeedAsync();

        await App.PostActivityAsync(Activities.ChannelMessage("envois").As(_admin));

        var sent = Assert.Single(App.Connector.Activities);
        Assert.Null(sent.Card);
        Assert.Contains("conversation privée", sent.Body!.Text(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Twenty_Failed_Are_Paged_And_Each_Shows_Once()
    {
        var now = App.Clock.GetUtcNow();
        await App.EnqueueAsync([.. Enumerable.Range(1, 20).Select(i => Note(Recipient.Person(_ines.Id), now.AddMinutes(-i), $"p{i}"))]);
        await using (var db = App.CreateDbContext())
            await db.Notifications.ExecuteUpdateAsync(s => s.SetProperty(n => n.State, NotificationState.Failed).SetProperty(n => n.FailureReason, "x"),
                TestContext.Current.CancellationToken);

        var card = await ListAsync();
        var seen = Ids(card);
        while (card.Descendants().Any(n => n is JsonObject o && o["title"]?.GetValue<string>() == "Suivant"))
        {
            card = (await App.InvokeAsync(Activities.Invoke("ops.deliveries.show", Action(card, "Suivant")).As(_admin)))["value"]!;
            seen.AddRange(Ids(card));
        }

        Assert.Contains("Page 3 sur 3", card.Text(), StringComparison.Ordinal);
        Assert.Equal(20, seen.Distinct().Count());
        Assert.Equal(20, seen.Count);
    }

    private static List<string> Ids(JsonNode card) => [.. card.Descendants()
        .Where(n => n is JsonObject o && o["type"]?.GetValue<string>() == "Action.Execute" && o["title"]?.GetValue<string>() == "Abandonner")
        .Select(n => n!["data"]!["id"]!.GetValue<string>())];
}
