using TraAM.Bot.Campaigns;
using TraAM.Bot.People;
using TraAM.Bot.Reference;
using TraAM.Bot.Status;

namespace TraAM.Bot.Tests.Status;

/// <summary>The words after "statut": académies, régions, disciplines, a team's name; accents, case and hyphens ignored.</summary>
public sealed class StatusFilterTests
{
    private static readonly string[] TeamKeys = [TextKey.Of("Équipe HG Lyon"), TextKey.Of("Les Explorateurs"), TextKey.Of("Équipe SVT Orléans-Tours")];

    private static StatusFilter Parse(string text) => StatusFilter.Parse(text, TeamKeys);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Nothing_typed_is_no_filter(string? text) => Assert.True(Parse(text!).IsEmpty);

    [Theory]
    [InlineData("Lyon")]
    [InlineData("LYON")]
    [InlineData("académie de Lyon")]
    public void An_academie_by_its_name(string text)
    {
        var f = Parse(text);
        Assert.Equal(["lyon"], f.AcademyCodes);
        Assert.Empty(f.Unknown);
        Assert.Empty(f.DisciplineCodes);
    }

    [Theory]
    [InlineData("orleans tours")]
    [InlineData("Orléans-Tours")]
    [InlineData("ORLEANS–TOURS")]
    public void A_two_word_academie_is_one_filter(string text) => Assert.Equal(["orleans-tours"], Parse(text).AcademyCodes);

    [Theory]
    [InlineData("SVT", "svt")]
    [InlineData("svt", "svt")]
    [InlineData("Histoire-géographie", "histoire-geographie")]
    [InlineData("histoire geographie", "histoire-geographie")]
    [InlineData("HG", "histoire-geographie")]
    [InlineData("Mathématiques", "mathematiques")]
    public void A_discipline_by_its_name_or_abbreviation(string text, string code) => Assert.Equal([code], Parse(text).DisciplineCodes);

    [Theory]
    [InlineData("SVT Lyon")]
    [InlineData("Lyon SVT")]
    [InlineData("svt   lyon")]
    public void Discipline_and_academie_together(string text)
    {
        var f = Parse(text);
        Assert.Equal(["svt"], f.DisciplineCodes);
        Assert.Equal(["lyon"], f.AcademyCodes);
        Assert.Empty(f.Unknown);
    }

    [Fact]
    public void A_region_by_its_name()
    {
        var f = Parse("Auvergne-Rhône-Alpes");
        Assert.Equal(["auvergne-rhone-alpes"], f.RegionCodes);
        Assert.Empty(f.AcademyCodes);
    }

    [Theory]
    [InlineData("Équipe HG Lyon")]
    [InlineData("equipe hg lyon")]
    [InlineData("ÉQUIPE-HG-LYON")]
    [InlineData("les explorateurs")]
    public void A_team_by_its_name(string text)
    {
        var f = Parse(text);
        Assert.True(f.NamesTeam);
        Assert.Empty(f.AcademyCodes);
        Assert.Empty(f.Unknown);
    }

    [Fact]
    public void A_team_name_with_a_discipline()
    {
        var f = Parse("SVT Les Explorateurs");
        Assert.Equal(TextKey.Of("Les Explorateurs"), f.TeamKey);
        Assert.Equal(["svt"], f.DisciplineCodes);
    }

    [Theory]
    [InlineData("Lyonn", "lyonn")]
    [InlineData("SVT Lyonn", "lyonn")]
    [InlineData("Atlantide du nord", "atlantide du nord")]
    public void Words_naming_nothing_are_kept_as_one_phrase(string text, string unknown)
    {
        var f = Parse(text);
        Assert.Equal([unknown], f.Unknown);
        Assert.False(f.IsEmpty);
    }

    [Fact]
    public void Matches_keeps_only_teams_of_every_criterion()
    {
        var theme = new Theme { Id = 19, CampaignId = 1, DisciplineCode = "svt", Code = "svt-1", Title = "t" };
        var lyon = new AcademicTeam { AcademyCode = "lyon", Name = "A", NameKey = "a", ThemeId = 19 };
        var paris = new AcademicTeam { AcademyCode = "paris", Name = "B", NameKey = "b", ThemeId = 19 };
        var grenoble = new AcademicTeam { AcademyCode = "grenoble", Name = "C", NameKey = "c", ThemeId = 19 };

        Assert.True(Parse("SVT Lyon").Matches(lyon, theme));
        Assert.False(Parse("SVT Lyon").Matches(paris, theme));
        Assert.False(Parse("HG Lyon").Matches(lyon, theme));
        Assert.True(Parse("Auvergne-Rhône-Alpes").Matches(grenoble, theme));
        Assert.False(Parse("Auvergne-Rhône-Alpes").Matches(paris, theme));
        Assert.True(StatusFilter.None.Matches(paris, theme));
    }
}
