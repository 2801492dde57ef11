using System.Text.Json;
using System.Text.Json.Nodes;
using TraAM.Bot.Cards;

namespace TraAM.Bot.Tests.Cards;

/// <summary>The templating semantics of adaptivecards-templating 2.x that our templates rely on (CI also compares
/// every real template with the official engine).</summary>
public sealed class TemplateBinderTests
{
    private static readonly Dictionary<string, JsonElement> NoGlobals = [];

    private static JsonNode? Expand(string template, string data, IReadOnlyDictionary<string, JsonElement>? globals = null) =>
        new TemplateBinder(JsonDocument.Parse(template).RootElement).Expand(JsonDocument.Parse(data).RootElement, globals ?? NoGlobals);

    [Fact]
    public void Expression_Alone_KeepsItsJsonType()
    {
        var result = Expand("""{"a":"${n}","b":"${flag}","c":"${obj}"}""", """{"n":3,"flag":true,"obj":{"x":1}}""")!;

        Assert.Equal(3, result["a"]!.GetValue<long>());
        Assert.True(result["b"]!.GetValue<bool>());
        Assert.Equal(1, result["c"]!["x"]!.GetValue<long>());
    }

    [Fact]
    public void Interpolation_MakesAString()
    {
        var result = Expand("""{"text":"Équipe ${name} : ${n} point(s), ${ok}"}""", """{"name":"Lyon","n":2.5,"ok":false}""")!;

        Assert.Equal("Équipe Lyon : 2.5 point(s), false", result["text"]!.GetValue<string>());
    }

    [Fact]
    public void MissingValue_PrintsItsOwnExpression_LikeTheOfficialEngine()
    {
        var result = Expand("""{"a":"${missing.deep}","b":"x ${missing} y"}""", "{}")!;

        Assert.Equal("${missing.deep}", result["a"]!.GetValue<string>());
        Assert.Equal("x ${missing} y", result["b"]!.GetValue<string>());
    }

    [Fact]
    public void DataArray_RepeatsTheElement_WithIndexAndRoot()
    {
        var result = Expand(
            """{"items":[{"type":"TextBlock","$data":"${teams}","text":"${$index}. ${name} (${$root.year})"},{"type":"Other"}]}""",
            """{"year":"2026-2027","teams":[{"name":"Lyon"},{"name":"Nice"}]}""")!;

        var items = result["items"]!.AsArray();
        Assert.Equal(3, items.Count);
        Assert.Equal("0. Lyon (2026-2027)", items[0]!["text"]!.GetValue<string>());
        Assert.Equal("1. Nice (2026-2027)", items[1]!["text"]!.GetValue<string>());
        Assert.False(items[0]!.AsObject().ContainsKey("$data"));
    }

    [Fact]
    public void DataArray_Empty_RemovesTheElement()
    {
        var result = Expand("""{"items":[{"$data":"${teams}","text":"${name}"}]}""", """{"teams":[]}""")!;

        Assert.Empty(result["items"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"show":true}""", 1)]
    [InlineData("""{"show":false}""", 0)]
    [InlineData("""{"show":"yes"}""", 0)]
    [InlineData("""{}""", 0)]
    public void When_KeepsTheElementOnlyForTrue(string data, int expected)
    {
        var result = Expand("""{"items":[{"$when":"${show}","text":"x"}]}""", data)!;

        Assert.Equal(expected, result["items"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("""{"n":3,"s":"a","list":[1]}""", "${n > 2 && s == 'a' && count(list) == 1}", true)]
    [InlineData("""{"n":3,"s":"a","list":[]}""", "${empty(list) || n < 0}", true)]
    [InlineData("""{"n":3}""", "${!(n >= 3)}", false)]
    [InlineData("""{"x":null}""", "${not(exists(x))}", true)]
    [InlineData("""{"n":1}""", "${n != 1}", false)]
    public void When_UnderstandsOurExpressionSubset(string data, string when, bool kept)
    {
        var result = Expand($$"""{"items":[{"$when":"{{when}}","text":"x"}]}""", data)!;

        Assert.Equal(kept ? 1 : 0, result["items"]!.AsArray().Count);
    }

    [Fact]
    public void Globals_AreVisibleFromTheRootOnly()
    {
        var globals = new Dictionary<string, JsonElement> { ["t"] = JsonDocument.Parse("""{"hello":"Bonjour"}""").RootElement };

        var result = Expand("""{"a":"${t.hello}","items":[{"$data":"${list}","b":"${$root.t.hello}","c":"${t.hello}"}]}""", """{"list":[{}]}""", globals)!;

        Assert.Equal("Bonjour", result["a"]!.GetValue<string>());
        Assert.Equal("Bonjour", result["items"]![0]!["b"]!.GetValue<string>());
        Assert.Equal("${t.hello}", result["items"]![0]!["c"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("${unknown(x)}")]
    [InlineData("${a +}")]
    [InlineData("${'unterminated}")]
    public void UnsupportedExpressions_FailWhenTheTemplateIsCompiled(string expression)
    {
        Assert.Throws<TemplateException>(() => new TemplateBinder(JsonDocument.Parse($$"""{"a":"{{expression}}"}""").RootElement));
    }
}
