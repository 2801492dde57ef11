using System.Text.Json;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Cards;

/// <summary>
/// Every Adaptive Card template under <c>cards/</c>, loaded and compiled once at start-up (a broken template, or
/// a text key missing from a language, stops the bot before it answers anyone). Texts live in the catalogs
/// <c>cards/strings/fr.json</c> and <c>en.json</c>, bound as <c>t</c>: French first, English when the user's Teams is.
/// </summary>
public sealed class CardTemplates
{
    public const string StringsFolder = "strings";
    public const string SamplesFolder = "samples";
    /// <summary>How card data is written (camelCase), by the templates and by the outbox that stores it for later.</summary>
    public static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<string, TemplateBinder> _templates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, JsonElement>> _globals = new(StringComparer.Ordinal);

    public CardTemplates(string directory)
    {
        if (!Directory.Exists(directory))
            throw new InvalidOperationException($"Card templates folder not found: {directory}");

        foreach (var language in new[] { Languages.French, Languages.English })
        {
            var path = Path.Combine(directory, StringsFolder, language + ".json");
            _globals[language] = new Dictionary<string, JsonElement> { ["t"] = LoadJson(path) };
        }

        CheckSameKeys(_globals[Languages.French]["t"], _globals[Languages.English]["t"], "t");

        foreach (var file in Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(directory, file);
            var top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (top is StringsFolder or SamplesFolder) continue;
            var name = Path.ChangeExtension(relative, null).Replace(Path.DirectorySeparatorChar, '/');
            TemplateBinder binder;
            try
            {
                binder = new TemplateBinder(LoadJson(file));
            }
            catch (TemplateException ex)
            {
                throw new InvalidOperationException($"Card template {relative}: {ex.Message}", ex);
            }

            foreach (var path in binder.Paths)
            {
                var key = path.StartsWith("t.", StringComparison.Ordinal) ? path[2..]
                    : path.StartsWith("$root.t.", StringComparison.Ordinal) ? path["$root.t.".Length..] : null;
                if (key is not null && !HasPath(_globals[Languages.French]["t"], key))
                    throw new InvalidOperationException($"Card template {relative} uses {path}, missing from cards/strings/fr.json.");
            }

            _templates[name] = binder;
        }
    }

    public IReadOnlyCollection<string> Names => _templates.Keys;

    /// <summary>The card for <paramref name="data"/> (a record, serialized camelCase) in the given language.</summary>
    public JsonElement Render<T>(string name, T data, string language)
    {
        var element = JsonSerializer.SerializeToElement(data, DataJson);
        return RenderElement(name, element, language);
    }

    public JsonElement RenderElement(string name, JsonElement data, string language)
    {
        if (!_templates.TryGetValue(name, out var binder)) throw new KeyNotFoundException($"No card template named {name}.");
        var globals = _globals.TryGetValue(language, out var g) ? g : _globals[Languages.French];
        var node = binder.Expand(data, globals) ?? throw new InvalidOperationException($"Card {name} expanded to nothing.");
        return JsonSerializer.SerializeToElement(node, DataJson);
    }

    /// <summary>The root data the official engine needs to expand the same card: the data plus the catalog as <c>t</c>.</summary>
    public string RootDataJson(JsonElement data, string language)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(data.GetRawText())!.AsObject();
        root["t"] = System.Text.Json.Nodes.JsonNode.Parse(_globals[language]["t"].GetRawText());
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The text for <paramref name="key"/> ("help.title") in the language: for messages that are not cards.</summary>
    public string Text(string key, string language)
    {
        var globals = _globals.TryGetValue(language, out var g) ? g : _globals[Languages.French];
        var current = globals["t"];
        foreach (var part in key.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
                throw new KeyNotFoundException($"No text {key} in cards/strings/{language}.json.");
        }

        return current.GetString() ?? "";
    }

    private static JsonElement LoadJson(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            return doc.RootElement.Clone();
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            throw new InvalidOperationException($"Card file {path} cannot be read: {ex.Message}", ex);
        }
    }

    private static bool HasPath(JsonElement root, string dotted)
    {
        var current = root;
        foreach (var part in dotted.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current)) return false;
        }

        return true;
    }

    private static void CheckSameKeys(JsonElement fr, JsonElement en, string path)
    {
        if (fr.ValueKind != JsonValueKind.Object) return;
        foreach (var p in fr.EnumerateObject())
        {
            if (!en.TryGetProperty(p.Name, out var other))
                throw new InvalidOperationException($"Text {path}.{p.Name} is in cards/strings/fr.json but not in en.json.");
            CheckSameKeys(p.Value, other, $"{path}.{p.Name}");
        }

        foreach (var p in en.EnumerateObject())
        {
            if (!fr.TryGetProperty(p.Name, out _))
                throw new InvalidOperationException($"Text {path}.{p.Name} is in cards/strings/en.json but not in fr.json.");
        }
    }
}
