using System.Text.Json;
using TraAM.Bot.Cards;

namespace TraAM.Bot.Tests.Cards;

/// <summary>The real templates of cards/, as the bot loads them at start-up.</summary>
public sealed class CardTemplatesTests
{
    internal static string RepoCards => Path.Combine(AppContext.BaseDirectory, "cards");

    public static TheoryData<string, string> TemplatesAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in new CardTemplates(RepoCards).Names)
        {
            data.Add(name, "fr");
            data.Add(name, "en");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TemplatesAndLanguages))]
    public void EveryTemplate_ExpandsItsSample_WithNoLeftoverExpression(string name, string language)
    {
        var cards = new CardTemplates(RepoCards);
        var sample = Path.Combine(RepoCards, "samples", name + ".json");
        Assert.True(File.Exists(sample), $"cards/samples/{name}.json is missing");

        var card = cards.RenderElement(name, JsonDocument.Parse(File.ReadAllText(sample)).RootElement, language);

        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.Equal("1.5", card.GetProperty("version").GetString());
        Assert.DoesNotContain("${", card.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Welcome_IsFrenchByDefault_AndEnglishForEnglishUsers()
    {
        var cards = new CardTemplates(RepoCards);
        var data = JsonDocument.Parse("""{"isChannel":false}""").RootElement;

        var fr = cards.RenderElement("shared/welcome", data, "fr").GetRawText();
        var en = cards.RenderElement("shared/welcome", data, "en").GetRawText();

        Assert.Contains("Bonjour, je suis TraAM.Bot", fr, StringComparison.Ordinal);
        Assert.Contains("Hello, I am TraAM.Bot", en, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingEnglishText_StopsLoading()
    {
        using var dir = CopyOfCards();
        File.WriteAllText(Path.Combine(dir.Path, "strings", "en.json"), """{"welcome":{}}""");

        var ex = Assert.Throws<InvalidOperationException>(() => new CardTemplates(dir.Path));

        Assert.Contains("en.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenTemplate_StopsLoading_AndNamesTheFile()
    {
        using var dir = CopyOfCards();
        File.WriteAllText(Path.Combine(dir.Path, "shared", "broken.json"), """{"type":"AdaptiveCard","body":[{"text":"${count(}"}]}""");

        var ex = Assert.Throws<InvalidOperationException>(() => new CardTemplates(dir.Path));

        Assert.Contains("broken.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TemplateUsingAnUnknownText_StopsLoading()
    {
        using var dir = CopyOfCards();
        File.WriteAllText(Path.Combine(dir.Path, "shared", "typo.json"), """{"type":"AdaptiveCard","body":[{"text":"${t.welcome.titel}"}]}""");

        var ex = Assert.Throws<InvalidOperationException>(() => new CardTemplates(dir.Path));

        Assert.Contains("t.welcome.titel", ex.Message, StringComparison.Ordinal);
    }

    private static TempDir CopyOfCards()
    {
        var dir = new TempDir();
        foreach (var file in Directory.EnumerateFiles(RepoCards, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir.Path, Path.GetRelativePath(RepoCards, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return dir;
    }

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("traam-cards-").FullName;
        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
