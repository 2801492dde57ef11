using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.CheckIns;
using TraAM.Bot.Forms;
using TraAM.Bot.Tests.Cards;

namespace TraAM.Bot.Tests.CheckIns;

/// <summary>The check-in's own rules on top of the generic form checks, and what its answers mean for the tracker and the risk.</summary>
public sealed class CheckInFormTests
{
    private static readonly CardTemplates Cards = new(CardTemplatesTests.RepoCards);

    private static FormAnswers Read(params (string Id, string Value)[] values) =>
        CheckInForm.Definition.Read(JsonSerializer.SerializeToElement(values.ToDictionary(v => v.Id, v => v.Value)));

    private static Dictionary<string, string> Errors(FormAnswers answers, bool submitting = true, string language = "fr") =>
        CheckInForm.Validate(answers, submitting, Cards, language);

    [Fact]
    public void OnlyTheOverallProgress_IsRequired_AndOnlyToSend()
    {
        Assert.Empty(Errors(Read(("overall", "onTrack"))));
        Assert.Equal("Cette réponse est obligatoire.", Errors(Read(("blockers", "x")))["overall"]);
        Assert.Empty(Errors(Read(("blockers", "x")), submitting: false));
    }

    [Theory]
    [InlineData("http://hg.ac-lyon.fr/scenario")]
    [InlineData("hg.ac-lyon.fr/scenario")]
    [InlineData("https://")]
    [InlineData("https://hg.ac-lyon.fr/un scenario")]
    public void AProductionAddress_MustBeHttps(string url) =>
        Assert.Equal("Indiquez une adresse complète qui commence par https://", Errors(Read(("overall", "late"), ("scenariosUrl", url)))["scenariosUrl"]);

    [Fact]
    public void OnlyScenarios_AreIndexedInEdubase_AndChoicesOutsideTheListAreRefused()
    {
        Assert.Empty(Errors(Read(("overall", "onTrack"), ("scenariosState", "indexed"))));
        Assert.Equal("Choisissez une valeur de la liste.", Errors(Read(("overall", "onTrack"), ("magistereState", "indexed")))["magistereState"]);
        Assert.Equal("Choisissez une valeur de la liste.", Errors(Read(("overall", "done")))["overall"]);
        Assert.Equal("Choisissez une valeur de la liste.", Errors(Read(("overall", "onTrack"), ("confidence", "6")))["confidence"]);
    }

    [Fact]
    public void HelpWanted_NeedsAWordOnWhichHelp_InEachLanguage_WhenSent()
    {
        var answers = Read(("overall", "late"), ("help", "yes"));

        Assert.Equal("Dites en quelques mots l'aide attendue.", Errors(answers)["helpText"]);
        Assert.Equal("Say in a few words what help you need.", Errors(answers, language: "en")["helpText"]);
        Assert.Empty(Errors(answers, submitting: false));
        Assert.Empty(Errors(Read(("overall", "late"), ("help", "yes"), ("helpText", "Un avis juridique"))));
    }

    [Fact]
    public void ALongBlocker_IsRefusedBesideItsField_AndKept()
    {
        var text = new string('b', CheckInForm.TextMax + 1);
        var answers = Read(("overall", "late"), ("blockers", text));

        Assert.StartsWith("Texte trop long : 2001 caractères pour 2000 au plus.", Errors(answers)["blockers"], StringComparison.Ordinal);
        Assert.Equal(text, answers["blockers"]);
    }

    [Fact]
    public void Late_HelpWanted_OrABlocker_MakeARisk_WithItsDetail()
    {
        Assert.Equal(RiskReasons.None, CheckInForm.Risk(Read(("overall", "onTrack"), ("help", "no"), ("helpText", "rien"))));
        Assert.Equal(RiskReasons.Late, CheckInForm.Risk(Read(("overall", "late"))));
        var both = Read(("overall", "inProgress"), ("help", "yes"), ("helpText", "Un avis"), ("blockers", "Pas de salle"));
        Assert.Equal(RiskReasons.HelpWanted | RiskReasons.Blocker, CheckInForm.Risk(both));
        Assert.Equal("Pas de salle\nUn avis", CheckInForm.RiskDetail(both));
        Assert.Null(CheckInForm.RiskDetail(Read(("overall", "late"))));
    }

    [Fact]
    public void States_MapToTheTracker_IndexedCountsAsPublished()
    {
        Assert.Equal(ProductionState.Indexed, CheckInForm.State("indexed"));
        Assert.True(new TeamProduction { State = ProductionState.Indexed }.IsPublished);
        Assert.False(new TeamProduction { State = ProductionState.Tested }.IsPublished);
        Assert.Null(CheckInForm.State(""));
        Assert.Equal(4, CheckInForm.Productions.Select(p => p.Kind).Distinct().Count());
    }
}
