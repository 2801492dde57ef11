using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Delivery;
using TraAM.Bot.IntegrationTests.Infrastructure;
using static TraAM.Bot.IntegrationTests.Infrastructure.DeliverySeed;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Operations;

public sealed class VersionTests(TraamApp app) : AppTest(app)
{
    [PostgresFact]
    public async Task Admin_GetsTheVersion_TheMigration_TheJobStorage_AndTheOutboxByState()
    {
        var admin = await App.PersonAsync("Camille", "Martin", CamilleAad, Admin());
        await App.EnqueueAsync(
            Note(Recipient.Person(admin.Id), App.Clock.GetUtcNow(), "1"),
            Note(Recipient.Person(admin.Id), App.Clock.GetUtcNow(), "2"),
            Note(Recipient.Person(admin.Id), App.Clock.GetUtcNow(), "3"));
        var failed = (await App.NotificationsAsync())[^1].Id;
        string migration;
        await using (var db = App.CreateDbContext())
        {
            await db.Notifications.Where(n => n.Id == failed).ExecuteUpdateAsync(s => s.SetProperty(n => n.State, NotificationState.Failed), TestContext.Current.CancellationToken);
            migration = (await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).Last();
        }

        await App.PostActivityAsync(Activities.PersonalMessage("version"));

        var card = Assert.Single(App.Connector.Activities).Card;
        var (facts, jobs, outbox) = (Facts(card, 0), Facts(card, 1), Facts(card, 2));
        Assert.Equal(migration, facts["Dernière migration"]);
        Assert.Equal("PostgreSQL", facts["Base de données"]);
        Assert.Contains("(Europe/Paris)", facts["Démarré le"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(facts["Version"]));
        Assert.Equal("PostgreSqlStorage", jobs["Stockage"]);
        Assert.Equal("0", jobs["En échec"]);
        Assert.Equal(("2", "1", "0"), (outbox["À envoyer"], outbox["En échec"], outbox["Envoyés"]));
    }

    [PostgresFact]
    public async Task Admin_InEnglish_GetsTheCardInEnglish()
    {
        await App.PersonAsync("Camille", "Martin", CamilleAad, Admin());

        await App.PostActivityAsync(Activities.PersonalMessage("version", locale: "en-GB"));

        var card = Assert.Single(App.Connector.Activities).Card;
        Assert.True(Facts(card, 0).ContainsKey("Last migration"));
        Assert.Equal("0", Facts(card, 2)["To send"]);
    }

    [PostgresFact]
    public async Task NonAdmin_IsRefused_InFrench_AndSeesNoFigure()
    {
        await App.PersonAsync("Camille", "Martin", CamilleAad, Expert("svt"));

        await App.PostActivityAsync(Activities.PersonalMessage("version"));

        var answer = Assert.Single(App.Connector.Activities);
        Assert.Null(answer.Card);
        Assert.Contains("réservée à l'équipe d'administration", answer.Body!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Stranger_IsRefused()
    {
        await App.PostActivityAsync(Activities.PersonalMessage("version"));

        Assert.Contains("réservée à l'équipe d'administration", Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>The facts of the card's n-th fact set (the installation, the jobs, the outbox), title → value.</summary>
    private static Dictionary<string, string> Facts(JsonNode? card, int index)
    {
        Assert.NotNull(card);
        return card["body"]!.AsArray()
            .Where(e => e!["type"]!.GetValue<string>() == "FactSet")
            .ElementAt(index)!["facts"]!.AsArray()
            .ToDictionary(f => f!["title"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());
    }
}
