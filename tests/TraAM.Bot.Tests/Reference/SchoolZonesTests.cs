using TraAM.Bot.Reference;

namespace TraAM.Bot.Tests.Reference;

/// <summary>The school-holiday zones as decreed for 2025-2026 and 2026-2027, and as admins and ICS files name them.</summary>
public sealed class SchoolZonesTests
{
    private static readonly string[] AcademyCodes =
    [
        "aix-marseille", "amiens", "besancon", "bordeaux", "clermont-ferrand", "corse", "creteil", "dijon", "grenoble",
        "lille", "limoges", "lyon", "montpellier", "nancy-metz", "nantes", "nice", "normandie", "orleans-tours", "paris",
        "poitiers", "reims", "rennes", "strasbourg", "toulouse", "versailles", "guadeloupe", "martinique", "guyane",
        "la-reunion", "mayotte", "nouvelle-caledonie", "polynesie-francaise", "wallis-et-futuna",
    ];

    [Fact]
    public void EveryAcademy_HasAZone_AndEveryZoneHasAnAcademy()
    {
        Assert.Equal(AcademyCodes.Order(), Academies.All.Select(a => a.Code).Order());
        Assert.All(AcademyCodes, code => Assert.Contains(SchoolZones.Of(code), SchoolZones.All));
        Assert.Equal(SchoolZones.All.Order(), AcademyCodes.Select(SchoolZones.Of).Distinct().Order());
    }

    [Fact]
    public void ZonesABC_AreTheDecreedSplit_AndCorseAndOverseasHaveTheirOwn()
    {
        string[] ZoneOf(string zone) => [.. AcademyCodes.Where(code => SchoolZones.Of(code) == zone).Order()];

        Assert.Equal(["besancon", "bordeaux", "clermont-ferrand", "dijon", "grenoble", "limoges", "lyon", "poitiers"], ZoneOf("zone-a"));
        Assert.Equal(
            ["aix-marseille", "amiens", "lille", "nancy-metz", "nantes", "nice", "normandie", "orleans-tours", "reims", "rennes", "strasbourg"],
            ZoneOf("zone-b"));
        Assert.Equal(["creteil", "montpellier", "paris", "toulouse", "versailles"], ZoneOf("zone-c"));
        Assert.Equal(["corse"], ZoneOf("corse"));
        Assert.Equal(["la-reunion"], ZoneOf("la-reunion"));
        Assert.Equal(12, SchoolZones.All.Count);
    }

    [Theory]
    [InlineData("Orléans-Tours", "zone-b")]
    [InlineData("Clermont", "zone-a")]
    [InlineData("Académie de Créteil", "zone-c")]
    [InlineData("Nouméa", "nouvelle-caledonie")]
    [InlineData("zone-a", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Of_FindsTheAcademyByCodeOrName(string? academy, string? zone) => Assert.Equal(zone, SchoolZones.Of(academy));

    [Theory]
    [InlineData("Zone B", "zone-b")]
    [InlineData("zone-b", "zone-b")]
    [InlineData("b", "zone-b")]
    [InlineData("ZONE  b", "zone-b")]
    [InlineData("zone a", "zone-a")]
    [InlineData("A", "zone-a")]
    [InlineData("Zone C", "zone-c")]
    [InlineData("Corse", "corse")]
    [InlineData("Réunion", "la-reunion")]
    [InlineData("La Réunion", "la-reunion")]
    [InlineData("la-reunion", "la-reunion")]
    [InlineData("Nouvelle Calédonie", "nouvelle-caledonie")]
    [InlineData("Polynésie", "polynesie-francaise")]
    [InlineData("Polynésie française", "polynesie-francaise")]
    [InlineData("Wallis et Futuna", "wallis-et-futuna")]
    [InlineData("GUYANE", "guyane")]
    [InlineData("Zone D", null)]
    [InlineData("Zones A/B", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Parse_ReadsWhatAdminsAndFilesWrite(string? text, string? zone) => Assert.Equal(zone, SchoolZones.Parse(text));

    [Fact]
    public void EveryZone_HasAFrenchLabel_ThatParsesBack()
    {
        Assert.Equal("Zone A", SchoolZones.Label("zone-a"));
        Assert.Equal("La Réunion", SchoolZones.Label("la-reunion"));
        Assert.Equal("Polynésie française", SchoolZones.Label("polynesie-francaise"));
        Assert.All(SchoolZones.All, zone =>
        {
            Assert.Equal(zone, SchoolZones.Parse(zone));
            Assert.Equal(zone, SchoolZones.Parse(SchoolZones.Label(zone)));
        });
        Assert.Equal("saint-pierre", SchoolZones.Label("saint-pierre"));
    }

    [Theory]
    [InlineData("Zones A/B/C - Corse", new[] { "zone-a", "zone-b", "zone-c", "corse" })]
    [InlineData("Vacances de Printemps - Zones A/C", new[] { "zone-a", "zone-c" })]
    [InlineData("Zone B", new[] { "zone-b" })]
    [InlineData("20260918T090443Z-NouvelleCaledonie", new[] { "nouvelle-caledonie" })]
    [InlineData("Vacances scolaires à La Réunion", new[] { "la-reunion" })]
    [InlineData("Vacances de la Toussaint", new string[0])]
    [InlineData("Sortie à la mer", new string[0])]
    public void Mentioned_FindsEveryZoneASentenceNames(string text, string[] zones) => Assert.Equal(zones, SchoolZones.Mentioned(text));
}
