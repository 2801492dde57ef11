using System.Text.Json;

namespace TraAM.Bot.Forms;

/// <summary>The answers to a form, field id → text (a multiple choice is "a,b"), as stored with each version.</summary>
public sealed class FormAnswers(IReadOnlyDictionary<string, string> values)
{
    public static FormAnswers Empty { get; } = new(new Dictionary<string, string>());

    public IReadOnlyDictionary<string, string> Values { get; } = values;

    public string this[string id] => Values.TryGetValue(id, out var v) ? v : "";

    public string ToJson() => JsonSerializer.Serialize(Values);

    public static FormAnswers FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json)) return Empty;
        try
        {
            return new FormAnswers(JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []);
        }
        catch (JsonException)
        {
            return Empty; // never written by us in another shape; an unreadable row must not break the card
        }
    }

    /// <summary>The same answers with <paramref name="changes"/> applied (prefills under what the person typed).</summary>
    public FormAnswers With(IReadOnlyDictionary<string, string> changes)
    {
        var merged = new Dictionary<string, string>(Values, StringComparer.Ordinal);
        foreach (var (k, v) in changes) merged[k] = v;
        return new FormAnswers(merged);
    }

    /// <summary>Whether both hold the same answers (a submit that changes nothing is not a new version).</summary>
    public bool SameAs(FormAnswers other) =>
        Values.Where(kv => kv.Value.Length > 0).OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .SequenceEqual(other.Values.Where(kv => kv.Value.Length > 0).OrderBy(kv => kv.Key, StringComparer.Ordinal));

    public static IEnumerable<string> Split(string multi) =>
        multi.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
