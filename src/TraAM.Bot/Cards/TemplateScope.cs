using System.Text.Json;

namespace TraAM.Bot.Cards;

/// <summary>What a template path can see: <c>$root</c> (plus named globals such as the string catalog <c>t</c>),
/// the current <c>$data</c> and <c>$index</c>. Unqualified names resolve against <c>$data</c>, as in the official engine.</summary>
internal sealed class TemplateScope(JsonElement root, IReadOnlyDictionary<string, JsonElement> globals)
{
    public JsonElement Root { get; } = root;
    public JsonElement Data { get; set; } = root;
    public int? Index { get; set; }

    /// <summary>True until a <c>$data</c> changes the scope: the globals (e.g. <c>t</c>) are part of the root only.</summary>
    public bool AtRoot { get; set; } = true;

    public object? Resolve(IReadOnlyList<object> segments)
    {
        var first = (string)segments[0];
        object? current;
        var start = 1;
        switch (first)
        {
            case "$root":
                current = Root;
                break;
            case "$data":
                current = Data;
                break;
            case "$index":
                current = Index is { } i ? (double)i : null;
                break;
            default:
                current = Data;
                start = 0;
                break;
        }

        for (var s = start; s < segments.Count && current is not null; s++)
        {
            current = Step(current, segments[s], fromRoot: s == start && (first == "$root" || (start == 0 && AtRoot)));
        }

        return ToValue(current);
    }

    private JsonElement? Step(object current, object segment, bool fromRoot)
    {
        if (current is not JsonElement element) return null;
        switch (segment)
        {
            case string name when element.ValueKind == JsonValueKind.Object:
                if (element.TryGetProperty(name, out var child)) return child;
                return fromRoot && globals.TryGetValue(name, out var global) ? global : null;
            case int index when element.ValueKind == JsonValueKind.Array:
                return index >= 0 && index < element.GetArrayLength() ? element[index] : null;
            default:
                return null;
        }
    }

    public static object? ToValue(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        _ => value,
    };
}
