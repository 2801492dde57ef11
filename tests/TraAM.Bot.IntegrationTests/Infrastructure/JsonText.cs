using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TraAM.Bot.IntegrationTests.Infrastructure;

public static class JsonText
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON as a person would read it: French letters and quotes left as they are, for Contains asserts.</summary>
    public static string Text(this JsonNode node) => node.ToJsonString(Relaxed);
}
