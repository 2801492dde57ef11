using System.Text.RegularExpressions;

namespace TraAM.Bot.Tests.Hosting;

/// <summary>
/// The layout rule of README's "How to add a feature": platform folders depend on no feature, only on the shared
/// domain (Reference/, the directory's and the campaign's entities, People/Access and People/Identity).
/// </summary>
public sealed partial class LayoutTests
{
    private static readonly string[] Platform = ["Cards", "Conversations", "Delivery", "Reference"];

    [Fact]
    public void PlatformFolders_NameNoFeature()
    {
        var offenders = Platform
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", "TraAM.Bot", folder), "*.cs", SearchOption.AllDirectories))
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(x => FeatureReference().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(RepoPaths.Root, x.file)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("using TraAM.Bot.Reminders;", true)]
    [InlineData("var zone = Reminders.LocalTime.ZoneOf(code);", true)]
    [InlineData("using TraAM.Bot.People.Import;", true)]
    [InlineData("using TraAM.Bot.Campaigns.Calendar;", true)]
    [InlineData("using TraAM.Bot.Help;", true)]
    [InlineData("using TraAM.Bot.People;", false)]
    [InlineData("using TraAM.Bot.People.Identity;", false)]
    [InlineData("using TraAM.Bot.Reference;", false)]
    [InlineData("// reminders. are sent at 9 h", false)]
    public void TheScan_RecognisesAFeatureReference(string line, bool feature) => Assert.Equal(feature, FeatureReference().IsMatch(line));

    /// <summary>A feature's namespace, written in full or relative to TraAM.Bot (features: every top-level folder but the platform and shared domain).</summary>
    [GeneratedRegex(@"(?<![\w.])(TraAM\.Bot\.)?(Help|Reminders|Campaigns\.Calendar|People\.(Import|Me|Groups))\b(\.|;)")]
    private static partial Regex FeatureReference();
}
