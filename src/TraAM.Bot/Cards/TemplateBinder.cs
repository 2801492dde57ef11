using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TraAM.Bot.Cards;

/// <summary>
/// Expands an Adaptive Card template (<c>${…}</c>, <c>$data</c>, <c>$when</c>) the way the official
/// adaptivecards-templating 2.x engine does, for the subset of the language our templates use. CI expands every
/// template with both engines and compares the results. Templates are compiled once; expansion is allocation-light.
/// </summary>
internal sealed class TemplateBinder
{
    private static readonly HashSet<string> Reserved = ["$data", "$when", "$root", "$index", "$host", "$_acTemplateVersion"];
    private readonly Node _root;

    public TemplateBinder(JsonElement template) => _root = Compile(template);

    public JsonNode? Expand(JsonElement data, IReadOnlyDictionary<string, JsonElement> globals)
    {
        var scope = new TemplateScope(data, globals);
        return Expand(_root, scope) is Single(var node) ? node : null;
    }

    /// <summary>Every expression the template contains, so start-up can check paths against the string catalog.</summary>
    public IEnumerable<string> Paths => Walk(_root).SelectMany(e => e is TemplateExpression.PathExpr p ? [p.Text] : Array.Empty<string>());

    // ---- compiled template ---------------------------------------------------------------------------------

    private abstract record Node;
    private sealed record Constant(JsonNode? Value) : Node;
    private sealed record ExprString(TemplateExpression Expression, string Source) : Node;
    private sealed record Concat(IReadOnlyList<(string? Text, TemplateExpression? Expr, string Source)> Parts) : Node;
    private sealed record ArrayNode(IReadOnlyList<Node> Items) : Node;
    private sealed record ObjectNode(IReadOnlyList<(string Key, Node Value)> Props, Node? Data, TemplateExpression? When, bool WhenNotExpression) : Node;

    private static Node Compile(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return CompileString(e.GetString()!);
            case JsonValueKind.Array:
                return new ArrayNode([.. e.EnumerateArray().Select(Compile)]);
            case JsonValueKind.Object:
                var props = new List<(string, Node)>();
                Node? data = null;
                TemplateExpression? when = null;
                var whenNotExpression = false;
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name == "$data") data = Compile(p.Value);
                    else if (p.Name == "$when")
                    {
                        if (Compile(p.Value) is ExprString w) when = w.Expression;
                        else whenNotExpression = true;
                    }
                    else if (!Reserved.Contains(p.Name)) props.Add((p.Name, Compile(p.Value)));
                }

                return new ObjectNode(props, data, when, whenNotExpression);
            default:
                return new Constant(JsonSerializer.SerializeToNode(e));
        }
    }

    private static Node CompileString(string s)
    {
        if (!s.Contains("${", StringComparison.Ordinal)) return new Constant(JsonValue.Create(s));
        var parts = new List<(string?, TemplateExpression?, string)>();
        var pos = 0;
        while (pos < s.Length)
        {
            var open = s.IndexOf("${", pos, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add((s[pos..], null, s[pos..]));
                break;
            }

            if (open > pos) parts.Add((s[pos..open], null, s[pos..open]));
            var close = FindClose(s, open + 2);
            var source = s[(open + 2)..close];
            parts.Add((null, TemplateExpression.Parse(source), source.Trim()));
            pos = close + 1;
        }

        // "${x}" alone keeps x's JSON type; anything around it makes a string (as the official engine).
        return parts is [(null, { } only, var src)] ? new ExprString(only, src) : new Concat(parts);
    }

    private static int FindClose(string s, int from)
    {
        char? quote = null;
        for (var i = from; i < s.Length; i++)
        {
            var c = s[i];
            if (quote is { } q) { if (c == q) quote = null; }
            else if (c is '\'' or '"') quote = c;
            else if (c == '}') return i;
        }

        throw new TemplateException($"unclosed ${{ in '{s}'");
    }

    private static IEnumerable<TemplateExpression> Walk(Node node) => node switch
    {
        ExprString e => [e.Expression],
        Concat c => c.Parts.Where(p => p.Expr is not null).Select(p => p.Expr!),
        ArrayNode a => a.Items.SelectMany(Walk),
        ObjectNode o => o.Props.SelectMany(p => Walk(p.Value))
            .Concat(o.Data is null ? [] : Walk(o.Data))
            .Concat(o.When is null ? [] : [o.When]),
        _ => [],
    };

    // ---- expansion -----------------------------------------------------------------------------------------

    private abstract record Result;
    private sealed record Single(JsonNode? Node) : Result;
    private sealed record Many(List<JsonNode?> Nodes) : Result;
    private static readonly Result Dropped = new Single(null);

    private static Result Expand(Node node, TemplateScope scope)
    {
        switch (node)
        {
            case Constant c:
                return new Single(c.Value?.DeepClone());
            case ExprString e:
                return new Single(ToNode(EvaluateSubstituted(e.Expression, e.Source, scope)));
            case Concat c:
                var sb = new StringBuilder();
                foreach (var (text, expr, source) in c.Parts)
                    sb.Append(text ?? ToText(EvaluateSubstituted(expr!, source, scope)));
                return new Single(JsonValue.Create(sb.ToString()));
            case ArrayNode a:
                var items = new JsonArray();
                foreach (var item in a.Items)
                {
                    switch (Expand(item, scope))
                    {
                        case Single(null):
                            break;
                        case Single(JsonArray spliced):
                            foreach (var x in spliced.ToList()) { spliced.Remove(x); items.Add(x); }
                            break;
                        case Single(var one):
                            items.Add(one);
                            break;
                        case Many(var many):
                            foreach (var x in many) items.Add(x);
                            break;
                    }
                }

                return new Single(items);
            case ObjectNode o:
                return ExpandObject(o, scope);
            default:
                throw new TemplateException("unknown template node");
        }
    }

    private static Result ExpandObject(ObjectNode o, TemplateScope scope)
    {
        var (savedData, savedIndex, savedAtRoot) = (scope.Data, scope.Index, scope.AtRoot);
        try
        {
            List<JsonElement?> contexts = [null];
            var isArray = false;
            if (o.Data is not null)
            {
                var value = o.Data switch
                {
                    ExprString e => EvaluateSubstituted(e.Expression, e.Source, scope),
                    _ => throw new TemplateException("$data must be an expression such as ${items}"),
                };
                var element = value is JsonElement je ? je : JsonSerializer.SerializeToElement(value);
                if (element.ValueKind == JsonValueKind.Array)
                {
                    contexts = [.. element.EnumerateArray().Select(x => (JsonElement?)x)];
                    isArray = true;
                }
                else
                {
                    contexts = [element];
                }
            }

            var results = new List<JsonNode?>();
            for (var i = 0; i < contexts.Count; i++)
            {
                if (isArray) scope.Index = i;
                if (contexts[i] is { } ctx) (scope.Data, scope.AtRoot) = (ctx, false);
                var keep = !o.WhenNotExpression;
                if (o.When is not null)
                {
                    // No substitution in $when: a missing value is null, and only a real boolean true keeps the element.
                    keep = Evaluate(o.When, scope) is true;
                }

                if (!keep) continue;
                var obj = new JsonObject();
                foreach (var (key, child) in o.Props)
                {
                    switch (Expand(child, scope))
                    {
                        case Single(var n): obj[key] = n; break;
                        case Many(var many): obj[key] = new JsonArray([.. many]); break;
                    }
                }

                results.Add(obj);
            }

            return results.Count switch { 0 => Dropped, 1 => new Single(results[0]), _ => new Many(results) };
        }
        finally
        {
            (scope.Data, scope.Index, scope.AtRoot) = (savedData, savedIndex, savedAtRoot);
        }
    }

    private static object? Evaluate(TemplateExpression e, TemplateScope scope)
    {
        try
        {
            return e.Evaluate(scope);
        }
        catch (TemplateException)
        {
            return null;
        }
    }

    /// <summary>A missing value prints as its own expression, "${name}", exactly as the official engine does.</summary>
    private static object? EvaluateSubstituted(TemplateExpression e, string source, TemplateScope scope)
    {
        object? value;
        try
        {
            value = e.Evaluate(scope);
        }
        catch (TemplateException)
        {
            return "${" + source + "}";
        }

        return value ?? (e is TemplateExpression.PathExpr ? "${" + source + "}" : null);
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        double d => d == Math.Floor(d) && Math.Abs(d) < 1e15 ? JsonValue.Create((long)d) : JsonValue.Create(d),
        JsonElement e => JsonSerializer.SerializeToNode(e),
        _ => throw new TemplateException($"unsupported value {value.GetType().Name}"),
    };

    private static string ToText(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        JsonElement { ValueKind: JsonValueKind.Array } a => string.Join(",", a.EnumerateArray().Select(x => ToText(TemplateScope.ToValue(x)))),
        JsonElement => "[object Object]",
        _ => value.ToString() ?? "",
    };
}
