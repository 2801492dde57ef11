using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TraAM.Bot.Protocol.Connector;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Protocol.Routing;

/// <summary>Sends one authenticated activity to the handler its route names, and says what to answer over HTTP.</summary>
public sealed partial class BotDispatcher(BotRoutes routes, IServiceProvider services, IConnector connector, ILogger<BotDispatcher> logger)
{
    public const string AdaptiveCardAction = "adaptiveCard/action";
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>Null means "200, empty body"; an <see cref="InvokeResponse"/> is written as the HTTP answer.</summary>
    public async Task<InvokeResponse?> DispatchAsync(Activity activity, CancellationToken cancellationToken)
    {
        switch (activity.Type)
        {
            case ActivityTypes.Message when activity.Value is { ValueKind: JsonValueKind.Object } value && string.IsNullOrWhiteSpace(activity.Text):
                await SubmitAsync(activity, value, cancellationToken);
                return null;
            case ActivityTypes.Message:
                await MessageAsync(activity, cancellationToken);
                return null;
            case ActivityTypes.Invoke when activity.Name == AdaptiveCardAction:
                return await ExecuteAsync(activity, cancellationToken);
            case ActivityTypes.Invoke when routes.MatchInvoke(activity.Name) is { } invokeHandler:
                return await Resolve<IInvokeHandler>(invokeHandler).HandleAsync(
                    new TurnContext(activity, connector, CommandText.Empty), activity.Value ?? EmptyObject, cancellationToken);
            case ActivityTypes.Invoke:
                // Teams shows "Unable to reach app" for anything but an answer; 501 says honestly we do not do this.
                return InvokeResponse.NotImplemented;
            case ActivityTypes.ConversationUpdate:
                await RunAllAsync(routes.ConversationUpdateHandlers, activity, cancellationToken);
                return null;
            case ActivityTypes.InstallationUpdate:
                await RunAllAsync(routes.InstallationUpdateHandlers, activity, cancellationToken);
                return null;
            default:
                // "Design your bot to receive unexpected events" and acknowledge them (protocol.md §2.6).
                return null;
        }
    }

    /// <summary>Teams' <c>content.fileType</c>, else the name's extension.</summary>
    private static string? FileTypeOf(Attachment file) =>
        file.Content is { ValueKind: System.Text.Json.JsonValueKind.Object } c && c.TryGetProperty("fileType", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.String
            ? t.GetString()
            : Path.GetExtension(file.Name ?? "").TrimStart('.');

    private async Task MessageAsync(Activity activity, CancellationToken ct)
    {
        if (activity.IsFromBot) return;
        var file = activity.Attachments?.FirstOrDefault(a => a.ContentType == Attachment.FileDownloadInfoContentType);
        if (file is not null && routes.MatchFile(FileTypeOf(file)) is { } fileHandler)
        {
            await Resolve<ITurnHandler>(fileHandler).HandleAsync(new TurnContext(activity, connector, CommandText.From(activity)), ct);
            return;
        }

        var text = CommandText.From(activity);
        var match = routes.MatchCommand(text);
        var handlerType = match?.Handler ?? routes.FallbackHandler;
        if (handlerType is null) return;
        var turn = new TurnContext(activity, connector, match?.Command ?? text);
        await Resolve<ITurnHandler>(handlerType).HandleAsync(turn, ct);
    }

    private async Task SubmitAsync(Activity activity, JsonElement value, CancellationToken ct)
    {
        var verb = value.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var handlerType = routes.MatchCardAction(verb);
        var turn = new TurnContext(activity, connector, CommandText.Empty) { ActionData = value };
        if (handlerType is null)
        {
            LogUnknownVerb(logger, verb);
            return;
        }

        var result = await Resolve<ICardActionHandler>(handlerType).HandleAsync(turn, value, ct);
        switch (result)
        {
            // Action.Submit has no HTTP answer: the used card is replaced in place, as Action.Execute would.
            case CardActionResult.CardResult card when activity.ReplyToId is { Length: > 0 } cardId:
                await turn.UpdateCardAsync(cardId, card.CardJson, ct);
                break;
            case CardActionResult.CardResult card:
                await turn.SendCardAsync(card.CardJson, ct);
                break;
            case CardActionResult.MessageResult message:
                await turn.SendTextAsync(message.Text, ct);
                break;
            case CardActionResult.ErrorResult error:
                await turn.SendTextAsync(error.Text, ct);
                break;
        }
    }

    private async Task<InvokeResponse> ExecuteAsync(Activity activity, CancellationToken ct)
    {
        AdaptiveCardInvokeValue? value = null;
        if (activity.Value is { ValueKind: JsonValueKind.Object } raw)
        {
            try
            {
                value = raw.Deserialize(ProtocolJson.Context.AdaptiveCardInvokeValue);
            }
            catch (JsonException)
            {
                value = null;
            }
        }

        // The SDK's checks (ActivityHandler.OnAdaptiveCardInvokeAsync): a malformed invoke is the client's error.
        if (value?.Action is null)
            return BadRequest("BadRequest", "Missing value.action");
        if (!string.Equals(value.Action.Type, "Action.Execute", StringComparison.Ordinal))
            return BadRequest("NotSupported", $"The action '{value.Action.Type}' is not supported.");

        var handlerType = routes.MatchCardAction(value.Action.Verb);
        if (handlerType is null)
        {
            LogUnknownVerb(logger, value.Action.Verb);
            return InvokeResponse.NotImplemented;
        }

        var data = value.Action.Data is { ValueKind: JsonValueKind.Object } d ? d : EmptyObject;
        var turn = new TurnContext(activity, connector, CommandText.Empty) { ActionData = data };
        var result = await Resolve<ICardActionHandler>(handlerType).HandleAsync(turn, data, ct);
        return result switch
        {
            CardActionResult.CardResult card => InvokeResponse.Card(card.CardJson),
            CardActionResult.MessageResult message => InvokeResponse.Message(message.Text),
            CardActionResult.ErrorResult error => InvokeResponse.Error(error.StatusCode, error.Code, error.Text),
            _ => throw new InvalidOperationException("unknown card action result"),
        };
    }

    private async Task RunAllAsync(IReadOnlyList<Type> handlers, Activity activity, CancellationToken ct)
    {
        var turn = new TurnContext(activity, connector, CommandText.Empty);
        foreach (var type in handlers) await Resolve<ITurnHandler>(type).HandleAsync(turn, ct);
    }

    private T Resolve<T>(Type type) => (T)services.GetRequiredService(type);

    private static InvokeResponse BadRequest(string code, string message) =>
        new(400, new AdaptiveCardInvokeResponse(400, InvokeResponse.ErrorType,
            JsonSerializer.SerializeToElement(new InvokeError(code, message), ProtocolJson.Context.InvokeError)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "No handler for card verb {Verb}")]
    private static partial void LogUnknownVerb(ILogger logger, string? verb);
}
