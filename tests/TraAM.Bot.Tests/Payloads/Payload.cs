using System.Text.Json;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Tests.Payloads;

/// <summary>Teams payloads written from the documented shapes (protocol.md §2.5-2.7), loaded from Payloads/*.json.</summary>
internal static class Payload
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", name + ".json"));

    public static Activity Activity(string name) => JsonSerializer.Deserialize(Text(name), ProtocolJson.Context.Activity)!;
}
