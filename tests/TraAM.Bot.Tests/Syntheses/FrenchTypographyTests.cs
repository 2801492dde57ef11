using TraAM.Bot.Syntheses;

namespace TraAM.Bot.Tests.Syntheses;

/// <summary>The teams' text, as typed, gets French typography in the document; addresses and times do not.</summary>
public sealed class FrenchTypographyTests
{
    private const char N = FrenchTypography.Nbsp;
    private const char T = FrenchTypography.NarrowNbsp;

    [Theory]
    [InlineData("Bilan: positif", "Bilan\u00A0: positif")]
    [InlineData("Bilan : positif", "Bilan\u00A0: positif")]
    [InlineData("Vraiment? Oui! Enfin; bref", "Vraiment\u202F? Oui\u202F! Enfin\u202F; bref")]
    [InlineData("Vraiment ?! Oui", "Vraiment\u202F?! Oui")]
    [InlineData("le \"collège\" a testé", "le «\u00A0collège\u00A0» a testé")]
    [InlineData("le “collège” a testé", "le «\u00A0collège\u00A0» a testé")]
    [InlineData("le «collège» a testé", "le «\u00A0collège\u00A0» a testé")]
    [InlineData("l'équipe d'Aix", "l’équipe d’Aix")]
    [InlineData("réunion à 10:30 ; fin", "réunion à 10:30\u202F; fin")]
    public void Puts_the_French_spaces_and_guillemets(string typed, string expected) =>
        Assert.Equal(expected, FrenchTypography.Apply(typed));

    [Fact]
    public void Leaves_addresses_alone_and_spaces_the_sentence_after_them()
    {
        var text = FrenchTypography.Apply("Voir https://www.ac-lyon.fr/traam?x=1:2 ; et www.ac-nice.fr: merci");
        Assert.Equal($"Voir https://www.ac-lyon.fr/traam?x=1:2{T}; et www.ac-nice.fr{N}: merci", text);
    }

    [Fact]
    public void Adds_nothing_at_a_line_start_and_keeps_the_lines()
    {
        Assert.Equal("? pourquoi\n: deux", FrenchTypography.Apply("? pourquoi\r\n: deux"));
        Assert.Equal("", FrenchTypography.Apply(null));
    }
}
