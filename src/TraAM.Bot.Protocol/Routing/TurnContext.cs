using System.Text.Json;
using TraAM.Bot.Protocol.Connector;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Protocol.Routing;

/// <summary>One inbound activity and the ways to answer it. Handlers get it; they never build HTTP themselves.</summary>
public sealed class TurnContext(Activity activity, IConnector connector, CommandText command)
{
    public Activity Activity { get; } = activity;
    public IConnector Connector { get; } = connector;

    /// <summary>The message text without the bot's @mention, plus the command it matched (if any) and the rest.</summary>
    public CommandText Command { get; } = command;

    /// <summary>Inputs and data of an Action.Submit or Action.Execute (null for plain messages).</summary>
    public JsonElement? ActionData { get; init; }

    /// <summary>French unless the user's Teams is in English.</summary>
    public string Language => Languages.FromLocale(Activity.Locale);

    public bool IsPersonal => Activity.Conversation?.ConversationType is null or ConversationTypes.Personal;

    /// <summary>Answers in the same conversation (and thread, in a channel), as the SDK's SendActivity does.</summary>
    public Task<ResourceResponse> SendAsync(Activity reply, CancellationToken cancellationToken)
    {
        var serviceUrl = Activity.ServiceUrl!;
        var conversationId = Activity.Conversation!.Id!;
        return Activity.Id is { Length: > 0 } id && Activity.Type != ActivityTypes.ConversationUpdate && Activity.Type != ActivityTypes.InstallationUpdate
            ? Connector.ReplyAsync(serviceUrl, conversationId, id, reply, cancellationToken)
            : Connector.SendAsync(serviceUrl, conversationId, reply, cancellationToken);
    }

    public Task<ResourceResponse> SendTextAsync(string text, CancellationToken cancellationToken) =>
        SendAsync(Activity.CreateReply(text), cancellationToken);

    public Task<ResourceResponse> SendCardAsync(JsonElement card, CancellationToken cancellationToken)
    {
        var reply = Activity.CreateReply();
        reply.Attachments = [Attachment.AdaptiveCard(card)];
        return SendAsync(reply, cancellationToken);
    }

    /// <summary>Replaces a message the bot sent earlier (e.g. the card whose Action.Submit was just used).</summary>
    public Task<ResourceResponse> UpdateCardAsync(string activityId, JsonElement card, CancellationToken cancellationToken)
    {
        var update = Activity.CreateReply();
        update.ReplyToId = null;
        update.Attachments = [Attachment.AdaptiveCard(card)];
        return Connector.UpdateAsync(Activity.ServiceUrl!, Activity.Conversation!.Id!, activityId, update, cancellationToken);
    }
}

public static class Languages
{
    public const string French = "fr";
    public const string English = "en";

    public static string FromLocale(string? locale) =>
        locale is not null && locale.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : French;

    /// <summary>How dates are written for readers of <paramref name="language"/>: French of France, or British English.</summary>
    public static System.Globalization.CultureInfo Culture(string language) =>
        System.Globalization.CultureInfo.GetCultureInfo(language == English ? "en-GB" : "fr-FR");
}
