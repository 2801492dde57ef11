using System.Text.Json;

namespace TraAM.Bot.Protocol.Routing;

/// <summary>Handles a message command, a conversation or installation update, or the fallback for unknown text.</summary>
public interface ITurnHandler
{
    Task HandleAsync(TurnContext turn, CancellationToken cancellationToken);
}

/// <summary>
/// Handles a card action by verb, whichever way it arrives: an <c>adaptiveCard/action</c> invoke (Action.Execute,
/// answered in the HTTP response) or a message with <c>value</c> (Action.Submit, answered by updating the card).
/// </summary>
public interface ICardActionHandler
{
    Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken);
}

/// <summary>Handles an invoke by its name (not a card action): answers with the HTTP response Teams waits for.</summary>
public interface IInvokeHandler
{
    Task<Schema.InvokeResponse> HandleAsync(TurnContext turn, JsonElement value, CancellationToken cancellationToken);
}

/// <summary>What a card action answers: a card that replaces the one used, a short message, or an error.</summary>
public abstract record CardActionResult
{
    public static CardActionResult Card(JsonElement card) => new CardResult(card);
    public static CardActionResult Message(string text) => new MessageResult(text);
    public static CardActionResult Error(int statusCode, string code, string message) => new ErrorResult(statusCode, code, message);

    public sealed record CardResult(JsonElement CardJson) : CardActionResult;
    public sealed record MessageResult(string Text) : CardActionResult;
    public sealed record ErrorResult(int StatusCode, string Code, string Text) : CardActionResult;
}
