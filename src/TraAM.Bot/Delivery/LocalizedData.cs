using System.Text.Json;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Delivery;

/// <summary>
/// Card data prepared in both languages when it is queued (dates, names of things), so the card is still rendered at
/// send time in the language the recipient has then. The sender picks the recipient's half.
/// </summary>
public static class LocalizedData
{
    private const string Marker = "$localized";

    public static Dictionary<string, object> Of(object french, object english) => new()
    {
        [Marker] = true,
        [Languages.French] = french,
        [Languages.English] = english,
    };

    /// <summary>The data for <paramref name="language"/> when <paramref name="data"/> was made by <see cref="Of"/>, else itself.</summary>
    public static JsonElement For(JsonElement data, string language) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(Marker, out _)
            ? data.TryGetProperty(language, out var part) ? part : data.GetProperty(Languages.French)
            : data;
}
