using System.Text.Json;
using TraAM.Bot.Bilans;
using TraAM.Bot.Cards;
using TraAM.Bot.Tests.Cards;

namespace TraAM.Bot.Tests.Bilans;

/// <summary>The bilan's rules on the server, as the card states them next to each field; the ids the synthesis reads.</summary>
public sealed class BilanFormTests
{
    private static readonly CardTemplates Cards = new(CardTemplatesTests.RepoCards);

    private static Dictionary<string, string> Errors(Dictionary<string, string> values, bool submitting = true, string language = "fr") =>
        BilanForm.Definition.Validate(BilanForm.Definition.Read(JsonSerializer.SerializeToElement(values)), submitting, Cards, language);

    [Fact]
    public void TheFieldIds_AreTheOnesTheSynthesisReads()
    {
        Assert.Equal(
            ["recap", "url_scenarios", "url_magistere", "url_bilan_academique", "url_communication", "edubase", "magistere", "collaboration", "difficulties", "advice", "accessibility_rgpd"],
            BilanForm.Definition.Fields.Select(f => f.Id));
        Assert.Equal(3000, BilanForm.Definition["recap"].MaxLength);
    }

    [Fact]
    public void TheRecap_IsRequiredToSend_NotForADraft_AndHeldTo3000Characters()
    {
        Assert.Equal("Cette réponse est obligatoire.", Errors([])["recap"]);
        Assert.Empty(Errors([], submitting: false));
        var tooLong = Errors(new() { ["recap"] = new string('a', 3001) }, submitting: false);
        Assert.StartsWith("Texte trop long : 3001 caractères pour 3000 au plus.", tooLong["recap"], StringComparison.Ordinal);
        Assert.Empty(Errors(new() { ["recap"] = new string('a', 3000) }));
    }

    [Theory]
    [InlineData("http://hg.ac-lyon.fr/scenarios")]
    [InlineData("hg.ac-lyon.fr/scenarios")]
    [InlineData("https://")]
    [InlineData("javascript:alert(1)")]
    public void AProductionAddress_MustBeHttps(string url)
    {
        var errors = Errors(new() { ["recap"] = "Un an de travail.", ["url_magistere"] = url });
        Assert.Equal("Indiquez une adresse complète qui commence par https://", errors["url_magistere"]);
        Assert.Equal("Enter a full address starting with https://", Errors(new() { ["recap"] = "x", ["url_magistere"] = url }, language: "en")["url_magistere"]);
    }

    [Fact]
    public void EveryFieldHasAFrenchAndAnEnglishLabel_StatingItsLimit()
    {
        foreach (var field in BilanForm.Definition.Fields)
        {
            Assert.False(string.IsNullOrWhiteSpace(Cards.Text($"bilan.fields.{field.Id}", "fr")), field.Id);
            Assert.NotEqual(Cards.Text($"bilan.fields.{field.Id}", "fr"), Cards.Text($"bilan.fields.{field.Id}", "en"));
        }

        Assert.Contains("3 000 caractères au plus", Cards.Text("bilan.fields.recap", "fr"), StringComparison.Ordinal);
        Assert.Contains("https", Cards.Text("bilan.fields.url_scenarios", "fr"), StringComparison.Ordinal);
    }
}
