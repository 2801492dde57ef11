using System.Text.Json;
using TraAM.Bot.Candidacies;
using TraAM.Bot.Cards;
using TraAM.Bot.Forms;
using TraAM.Bot.Tests.Cards;

namespace TraAM.Bot.Tests.Forms;

/// <summary>Each rule a form field is checked by on the server, as the card checks it (a card's data can be forged).</summary>
public sealed class FormDefinitionTests
{
    private static readonly CardTemplates Cards = new(CardTemplatesTests.RepoCards);
    private static readonly FormDefinition Form = CandidacyForm.Definition;

    private static readonly Dictionary<string, string> Complete = new()
    {
        ["title"] = "Une seule santé",
        ["summary"] = "Les élèves enquêtent.",
        ["productions"] = "scenarios,magistere",
        ["levels"] = "5e",
        ["year"] = "1",
    };

    private static Dictionary<string, string> Errors(Dictionary<string, string> values, bool submitting = true, string language = "fr") =>
        Form.Validate(Form.Read(JsonSerializer.SerializeToElement(values)), submitting, Cards, language);

    private static Dictionary<string, string> With(string key, string value) => new(Complete) { [key] = value };

    [Fact]
    public void ACompleteCandidacy_HasNoError() => Assert.Empty(Errors(Complete));

    [Fact]
    public void ARequiredAnswer_IsRequiredOnlyToSubmit()
    {
        var draft = With("summary", "   ");

        Assert.Equal("Cette réponse est obligatoire.", Errors(draft)["summary"]);
        Assert.Empty(Errors(draft, submitting: false));
        Assert.Equal("This answer is required.", Errors(draft, language: "en")["summary"]);
    }

    [Fact]
    public void ATooLongText_IsRefused_EvenInADraft_SayingBothLengths()
    {
        var errors = Errors(With("summary", new string('é', 2001)), submitting: false);

        Assert.Contains("2001 caractères pour 2000 au plus", errors["summary"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("year", "3")]
    [InlineData("productions", "scenarios,podcast")]
    public void AValueOutsideTheChoices_IsRefused(string field, string value) =>
        Assert.Equal("Choisissez une valeur de la liste.", Errors(With(field, value))[field]);

    [Theory]
    [InlineData("https://www.ac-lyon.fr/svt/scenario", true)]
    [InlineData("http://www.ac-lyon.fr/svt", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("https://", false)]
    [InlineData("https://site.fr/a b", false)]
    [InlineData("www.ac-lyon.fr", false)]
    public void AnAddress_MustBeHttps(string value, bool valid) => Assert.Equal(valid, FormDefinition.IsHttps(value));

    [Fact]
    public void Reading_KeepsOnlyTheFormsFields_Trimmed_AndNumbersAsText()
    {
        var data = JsonSerializer.SerializeToElement(new { title = "  Titre \r\n", year = 2, verb = "candidacy.submit", isAdmin = true });

        var answers = Form.Read(data);

        Assert.Equal("Titre", answers["title"]);
        Assert.Equal("2", answers["year"]);
        Assert.DoesNotContain("verb", answers.Values.Keys);
        Assert.DoesNotContain("isAdmin", answers.Values.Keys);
    }

    [Fact]
    public void TheSameAnswers_AreTheSame_WhateverTheOrderAndTheEmptyFields()
    {
        var a = new FormAnswers(new Dictionary<string, string> { ["title"] = "T", ["summary"] = "S", ["tools"] = "" });
        var b = new FormAnswers(new Dictionary<string, string> { ["summary"] = "S", ["title"] = "T" });

        Assert.True(a.SameAs(b));
        Assert.False(a.SameAs(new FormAnswers(new Dictionary<string, string> { ["title"] = "T", ["summary"] = "S2" })));
        Assert.True(FormAnswers.FromJson(a.ToJson()).SameAs(a));
    }

    [Fact]
    public void TheFormCard_ShowsEachErrorNextToItsField_AndTheTypedValue()
    {
        var answers = Form.Read(JsonSerializer.SerializeToElement(With("year", "7")));
        var fields = FormCard.Fields(Form, answers, Form.Validate(answers, true, Cards, "fr"), Cards, "fr");

        var year = Assert.Single(fields, f => f.Id == "year");
        Assert.Equal(("7", "Choisissez une valeur de la liste."), (year.Value, year.Error));
        Assert.All(fields.Where(f => f.Id != "year"), f => Assert.Equal("", f.Error));
    }
}
