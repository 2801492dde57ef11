using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TraAM.Bot.IntegrationTests.Infrastructure;

public static class JsonText
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON as a person would read it: French letters and quotes left as they are, for Contains asserts.</summary>
    public static string Text(this JsonNode node) => node.ToJsonString(Relaxed);

    /// <summary>The first element of a card, at any depth, whose "id" is <paramref name="id"/> (an input, a container).</summary>
    public static JsonObject? WithId(this JsonNode? node, string id) => node switch
    {
        JsonObject o when o["id"] is JsonValue v && v.TryGetValue<string>(out var s) && s == id => o,
        JsonObject o => o.Select(p => p.Value.WithId(id)).FirstOrDefault(found => found is not null),
        JsonArray a => a.Select(item => item.WithId(id)).FirstOrDefault(found => found is not null),
        _ => null,
    };

    /// <summary>The node and every node under it, depth first: to find a card's actions wherever they sit.</summary>
    public static IEnumerable<JsonNode> Descendants(this JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
            foreach (var d in child.Descendants()) yield return d;
    }
}
