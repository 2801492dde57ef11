using System.Collections.Concurrent;
using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Help;

/// <summary>
/// "aide" / "help", or the welcome card's button: the help card in the user's language. Only the commands the user's roles allow are listed (each command still checks when used).
/// </summary>
internal sealed class ShowHelp(CardTemplates cards, HelpCatalog catalog, CallerResolver callers, RenderedHelp rendered) : ITurnHandler, ICardActionHandler
{
    public const string Verb = "help.show";
    public const string Card = "shared/help";

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken) =>
        await turn.SendCardAsync(await RenderAsync(turn, cancellationToken), cancellationToken);

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken) =>
        CardActionResult.Card(await RenderAsync(turn, cancellationToken));

    private async Task<JsonElement> RenderAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        var shown = catalog.Entries.Select(e => e.Requires is not { } permission || caller.CanSomewhere(permission)).ToArray();
        return rendered.GetOrRender(turn.Language, !turn.IsPersonal, shown, () =>
        {
            var english = turn.Language == Languages.English;
            var commands = catalog.Entries.Where((_, i) => shown[i])
                .Select(e => new HelpLine(english ? e.English : e.French, cards.Text(e.DescriptionKey, turn.Language)))
                .Distinct() // a command listed for two permissions (answer a check-in, open a round) shows once
                .ToList();
            return cards.Render(Card, new HelpCard(!turn.IsPersonal, commands), turn.Language);
        });
    }
}

/// <summary>
/// The help card depends only on the language, the place (chat or channel) and which commands the caller's roles show:
/// each combination is rendered once, not on every "aide" (bench/inbound: rendering was a tenth of a turn's CPU). A
/// few dozen combinations at most (roles are few); the templates never change while the bot runs.
/// </summary>
internal sealed class RenderedHelp
{
    private const int MaxCombinations = 512; // a guard, far above what roles can make
    private readonly ConcurrentDictionary<string, JsonElement> _cards = new(StringComparer.Ordinal);

    public JsonElement GetOrRender(string language, bool channel, bool[] shown, Func<JsonElement> render)
    {
        var key = string.Create(shown.Length + language.Length + 2, (language, channel, shown), static (span, s) =>
        {
            s.language.CopyTo(span);
            span[s.language.Length] = s.channel ? 'c' : 'p';
            span[s.language.Length + 1] = '|';
            for (var i = 0; i < s.shown.Length; i++) span[s.language.Length + 2 + i] = s.shown[i] ? '1' : '0';
        });
        if (_cards.TryGetValue(key, out var card)) return card;
        card = render();
        if (_cards.Count < MaxCombinations) _cards.TryAdd(key, card);
        return card;
    }
}

/// <summary>Data of cards/shared/help.json (property names are the template's contract).</summary>
internal sealed record HelpCard(bool IsChannel, IReadOnlyList<HelpLine> Commands);

internal sealed record HelpLine(string Command, string Description);

/// <summary>
/// Text that matches no command: a greeting gets a short answer, anything else "not understood"; both point to the
/// help. The text itself is neither logged nor echoed.
/// </summary>
internal sealed class UnknownCommand(CardTemplates cards) : ITurnHandler
{
    public Task HandleAsync(TurnContext turn, CancellationToken cancellationToken) =>
        turn.SendTextAsync(cards.Text(Greetings.AnswerKey(turn.Command.Normalized) ?? "unknown.text", turn.Language), cancellationToken);
}
