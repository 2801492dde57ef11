using System.Text.Json;

namespace TraAM.Bot.Cards;

/// <summary>What a card's inputs send back: text as typed (numbers and toggles arrive as text or as JSON values).</summary>
public static class CardInput
{
    /// <summary>The input's value as text; null when the card did not send it.</summary>
    public static string? Text(JsonElement data, string name) => data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v)
        ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        }
        : null;

    /// <summary>An Input.Toggle left at its default "true"/"false" values.</summary>
    public static bool IsOn(JsonElement data, string name) => string.Equals(Text(data, name), "true", StringComparison.OrdinalIgnoreCase);
}
