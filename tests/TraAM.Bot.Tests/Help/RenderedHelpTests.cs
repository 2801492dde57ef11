using System.Text.Json;
using TraAM.Bot.Help;

namespace TraAM.Bot.Tests.Help;

/// <summary>The help card is rendered once per language, place and set of commands shown, never shared across them.</summary>
public sealed class RenderedHelpTests
{
    [Fact]
    public void EachCombination_IsRenderedOnce_AndNeverServedForAnother()
    {
        var cache = new RenderedHelp();
        var renders = 0;
        JsonElement Render(string what) { renders++; return JsonSerializer.SerializeToElement(what); }

        var first = cache.GetOrRender("fr-FR", false, [true, false], () => Render("fr chat 10"));
        var again = cache.GetOrRender("fr-FR", false, [true, false], () => Render("must not render"));
        Assert.Equal(("fr chat 10", "fr chat 10", 1), (first.GetString(), again.GetString(), renders));

        Assert.Equal("fr chat 11", cache.GetOrRender("fr-FR", false, [true, true], () => Render("fr chat 11")).GetString());
        Assert.Equal("fr channel 10", cache.GetOrRender("fr-FR", true, [true, false], () => Render("fr channel 10")).GetString());
        Assert.Equal("en chat 10", cache.GetOrRender("en-US", false, [true, false], () => Render("en chat 10")).GetString());
        Assert.Equal(4, renders);
    }
}
