using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Conversations;

/// <summary>A feature that offers files with Teams' consent card; its cards' context carries <see cref="ContextKey"/>.</summary>
public interface IFileConsentTarget : IInvokeHandler
{
    string ContextKey { get; }
}

/// <summary>
/// Teams sends every answer to a file consent card to one invoke (<c>fileConsent/invoke</c>). The card's context
/// names what was offered (<c>exportId</c>, <c>synthesisDeliveryId</c>…); the feature that offered it answers, and
/// checks who is answering. An answer naming nothing known is told so.
/// </summary>
internal sealed class FileConsentRouter(IEnumerable<IFileConsentTarget> targets, CardTemplates cards) : IInvokeHandler
{
    public async Task<InvokeResponse> HandleAsync(TurnContext turn, JsonElement value, CancellationToken cancellationToken)
    {
        var context = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("context", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        var target = context.ValueKind == JsonValueKind.Object ? targets.FirstOrDefault(t => context.TryGetProperty(t.ContextKey, out _)) : null;
        if (target is not null) return await target.HandleAsync(turn, value, cancellationToken);
        await turn.SendTextAsync(cards.Text("files.unknownOffer", turn.Language), cancellationToken);
        return InvokeResponse.Ok;
    }
}
