using System.Text.RegularExpressions;
using TraAM.Bot.Cards;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Tests.Cards;

/// <summary>
/// Every text the code asks for by key (<c>cards.Text("…")</c>, help lines) exists in French and in English: a
/// missing key would only show when a user hits that branch, as an exception instead of an answer.
/// </summary>
public sealed partial class TextKeysTests
{
    [GeneratedRegex("(?:Text\\(|HelpEntry\\([^)]*?)\"([a-z][A-Za-z]*(?:\\.[A-Za-z]+)+)\"")]
    private static partial Regex KeyLiteral();

    private static string SourceRoot() => Path.Combine(RepoPaths.Root, "src", "TraAM.Bot");

    [Fact]
    public void EveryKeyTheCodeUses_ExistsInBothLanguages()
    {
        var templates = new CardTemplates(CardTemplatesTests.RepoCards);
        var keys = Directory.EnumerateFiles(SourceRoot(), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => KeyLiteral().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct().Order().ToList();

        Assert.Contains("import.conflict", keys); // the scan finds keys at all
        Assert.Contains("help.commands.me", keys);
        var missing = keys.SelectMany(k => new[] { Languages.French, Languages.English }
            .Where(l => { try { return templates.Text(k, l).Length == 0; } catch (KeyNotFoundException) { return true; } })
            .Select(l => $"{k} ({l})")).ToList();
        Assert.Empty(missing);
    }
}
