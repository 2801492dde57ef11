using TraAM.Bot.Campaigns;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Tests.People;

/// <summary>The académies, disciplines and the 2026-2027 call as the bot knows them (domain.md, seed 003).</summary>
public sealed class ReferenceDataTests
{
    [Theory]
    [InlineData("Orleans Tours", "orleans-tours")]
    [InlineData("ORLÉANS-TOURS", "orleans-tours")]
    [InlineData("  orléans –  tours ", "orleans-tours")]
    [InlineData("Académie de Lyon", "lyon")]
    [InlineData("Reunion", "la-reunion")]
    [InlineData("Nouméa", "nouvelle-caledonie")]
    [InlineData("aix marseille", "aix-marseille")]
    public void Academies_AreFound_WhateverTheCaseAccentsOrHyphens(string typed, string code) =>
        Assert.Equal(code, Academies.Find(typed)?.Code);

    [Fact]
    public void ThirtyAcademies_PlusViceRectorates_EachWithARealTimeZone_AndAKnownRegion()
    {
        Assert.Equal(30, Academies.All.Count(a => !a.IsViceRectorate));
        Assert.Contains(Academies.All, a => a.IsViceRectorate && a.Code == "nouvelle-caledonie");
        foreach (var a in Academies.All)
        {
            Assert.NotNull(Academies.RegionByCode(a.RegionCode));
            Assert.Equal(a.TimeZoneId, a.TimeZone.Id);
        }

        Assert.Equal(["besancon", "dijon"], Academies.InRegion("bourgogne-franche-comte").Select(a => a.Code).Order());
        Assert.Equal(TimeSpan.FromHours(4), Academies.Find("La Réunion")!.TimeZone.GetUtcOffset(new DateTime(2027, 1, 15, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(TimeSpan.FromHours(-3), Academies.Find("Guyane")!.TimeZone.GetUtcOffset(new DateTime(2027, 1, 15, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(TimeSpan.FromHours(11), Academies.Find("Nouvelle-Calédonie")!.TimeZone.GetUtcOffset(new DateTime(2027, 1, 15, 12, 0, 0, DateTimeKind.Utc)));
    }

    [Theory]
    [InlineData("SVT", "svt")]
    [InlineData("sciences de la vie et de la terre", "svt")]
    [InlineData("Education musicale", "education-musicale")]
    [InlineData("NSI", "nsi")]
    [InlineData("Économie gestion", "economie-gestion")]
    public void Disciplines_AreFound_ByNameOrAbbreviation(string typed, string code) =>
        Assert.Equal(code, Disciplines.Find(typed)?.Code);

    [Fact]
    public void TheCall2026_HasTwentyDisciplines_TwentyTwoThemes_TwoForNsi_AndASecondYearSvtThemeNeedingTheFirst()
    {
        Assert.Equal(20, Disciplines.All.Count);
        var themes = Call2026.Themes;
        Assert.Equal(22, themes.Length);
        Assert.Equal(20, themes.Select(t => t.DisciplineCode).Distinct().Count());
        Assert.All(themes, t => Assert.NotNull(Disciplines.ByCode(t.DisciplineCode)));
        Assert.Equal(["nsi-1", "nsi-2"], themes.Where(t => t.DisciplineCode == "nsi").Select(t => t.Code));
        var svt2 = themes.Single(t => t.Code == "svt-2");
        Assert.True(svt2.RequiresYearOne);
        Assert.Equal(2, svt2.Year);
        Assert.Single(themes, t => t.RequiresYearOne);
    }

    [Fact]
    public void TheCall2026_CalendarDefaults_AreTheCallsDates()
    {
        var c = Call2026.Campaign;
        Assert.Equal(new DateOnly(2026, 3, 31), c.SubmissionDeadline);
        Assert.Equal(new DateOnly(2026, 6, 15), c.ResultsDate);
        Assert.Equal(new DateOnly(2026, 10, 31), c.KickoffDeadline);
        Assert.Equal(new DateOnly(2027, 4, 30), c.CompletionDeadline);
        Assert.Equal((2, 3), (c.CheckpointsMin, c.CheckpointsMax));
    }

    [Theory]
    [InlineData("Élodie  D'Œuvre-Lefèvre", "elodie d oeuvre lefevre")]
    [InlineData("", "")]
    [InlineData("  ", "")]
    public void TextKey_IgnoresCaseAccentsLigaturesAndPunctuation(string text, string key) => Assert.Equal(key, TextKey.Of(text));
}
