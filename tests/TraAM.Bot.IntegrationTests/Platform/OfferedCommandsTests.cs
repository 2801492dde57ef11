using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.Cards;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Tests;

namespace TraAM.Bot.IntegrationTests.Platform;

/// <summary>
/// What the bot offers (the Teams command lists of the manifest, the welcome card, the help sample) names only
/// commands it answers: a workflow adds its command when it ships, never before.
/// </summary>
public sealed class OfferedCommandsTests(TraamApp app) : AppTest(app)
{
    private BotRoutes Routes()
    {
        using var _ = App.CreateClient(); // starts the app, which builds the route table
        return App.Services.GetRequiredService<BotRoutes>();
    }

    private static bool Answered(BotRoutes routes, string command) =>
        routes.MatchCommand(new CommandText(command, CommandText.Normalize(command))) is not null;

    [PostgresFact]
    public void ManifestCommands_InBothLanguages_AreAllAnswered_AndIncludeTheCalendar()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "manifest", "manifest.json")))!;
        var english = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "manifest", "en.json")))!.AsObject();
        var french = manifest["bots"]![0]!["commandLists"]!.AsArray()
            .SelectMany(l => l!["commands"]!.AsArray().Select(c => c!["title"]!.GetValue<string>())).ToList();
        var englishTitles = english.Where(p => p.Key.EndsWith(".title", StringComparison.Ordinal)).Select(p => p.Value!.GetValue<string>()).ToList();
        var routes = Routes();

        Assert.Empty(french.Concat(englishTitles).Where(c => !Answered(routes, c)).ToList());
        Assert.Contains("calendrier", french);
        Assert.Contains("calendar", englishTitles);
    }

    [PostgresTheory]
    [InlineData("fr", false)]
    [InlineData("fr", true)]
    [InlineData("en", false)]
    [InlineData("en", true)]
    public void WelcomeCard_AnnouncesOnlyAnsweredCommands_CalendarIncluded(string language, bool channel)
    {
        var cards = App.Services.GetRequiredService<CardTemplates>();
        var routes = Routes();

        var card = JsonNode.Parse(cards.Render("shared/welcome", new TraAM.Bot.Conversations.WelcomeCardData(channel), language).GetRawText())!;
        var announced = card["body"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "FactSet")
            .SelectMany(b => b!["facts"]!.AsArray().Select(f => f!["title"]!.GetValue<string>())).ToList();

        Assert.NotEmpty(announced);
        Assert.Empty(announced.Where(c => !Answered(routes, c)).ToList());
        Assert.Contains(language == "fr" ? "calendrier" : "calendar", announced);
        Assert.Equal(channel, announced.Contains(language == "fr" ? "lier" : "link"));
    }

    [PostgresFact]
    public void HelpSample_ListsOnlyAnsweredCommands()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "cards", "samples", "shared", "help.json")))!;
        var routes = Routes();

        var listed = sample["commands"]!.AsArray().Select(c => c!["command"]!.GetValue<string>()).ToList();

        Assert.Empty(listed.Where(c => !Answered(routes, c)).ToList());
    }
}
