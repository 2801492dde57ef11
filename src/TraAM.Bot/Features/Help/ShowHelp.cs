using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Features.Help;

/// <summary>"aide" / "help", or the welcome card's button: the help card in the user's language.</summary>
internal sealed class ShowHelp(CardTemplates cards, HelpCatalog catalog) : ITurnHandler, ICardActionHandler
{
    public const string Verb = "help.show";
    public const string Card = "shared/help";

    public Task HandleAsync(TurnContext turn, CancellationToken cancellationToken) =>
        turn.SendCardAsync(Render(turn), cancellationToken);

    public Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken) =>
        Task.FromResult(CardActionResult.Card(Render(turn)));

    private JsonElement Render(TurnContext turn)
    {
        var english = turn.Language == Languages.English;
        var commands = catalog.Entries
            .Select(e => new HelpLine(english ? e.English : e.French, cards.Text(e.DescriptionKey, turn.Language)))
            .ToList();
        return cards.Render(Card, new HelpCard(!turn.IsPersonal, commands), turn.Language);
    }
}

/// <summary>Data of cards/shared/help.json (property names are the template's contract).</summary>
internal sealed record HelpCard(bool IsChannel, IReadOnlyList<HelpLine> Commands);

internal sealed record HelpLine(string Command, string Description);

/// <summary>Text that matches no command: say so, and point to the help. The text itself is neither logged nor echoed.</summary>
internal sealed class UnknownCommand(CardTemplates cards) : ITurnHandler
{
    public Task HandleAsync(TurnContext turn, CancellationToken cancellationToken) =>
        turn.SendTextAsync(cards.Text("unknown.text", turn.Language), cancellationToken);
}
