using System.Text.Json;
using TraAM.Bot.Candidacies;
using TraAM.Bot.Candidacies.Transmission;
using TraAM.Bot.People;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Files;

namespace TraAM.Bot.Tests.Candidacies;

/// <summary>What a transmission is about, read from a role, from what was typed, or from a card (only a wish, checked after).</summary>
public sealed class TransmissionScopeTests
{
    private static Caller With(params RoleAssignment[] roles) =>
        new(new Person { Email = "x@ac-test.fr", FirstName = "X", LastName = "Y" }, roles, campaignId: 2);

    [Fact]
    public void A_DAN_transmits_their_academie_and_a_DRAN_their_region_of_the_call()
    {
        var dan = With(new RoleAssignment { Role = Role.Dan, AcademyCode = "lyon", CampaignId = 2 });
        var dran = With(new RoleAssignment { Role = Role.Dran, RegionCode = "bourgogne-franche-comte", CampaignId = 2 });
        var lastYearsDan = With(new RoleAssignment { Role = Role.Dan, AcademyCode = "lyon", CampaignId = 1 });

        Assert.Equal("academy:lyon", TransmissionScope.Of(dan, "", 2)!.Key);
        var region = TransmissionScope.Of(dran, "", 2)!;
        Assert.Equal("region:bourgogne-franche-comte", region.Key);
        Assert.Equal(["besancon", "dijon"], region.Academies.Order());
        Assert.Null(TransmissionScope.Of(lastYearsDan, "", 2));
    }

    [Theory]
    [InlineData("Orleans Tours", "academy:orleans-tours")]
    [InlineData("bourgogne franche comté", "region:bourgogne-franche-comte")]
    [InlineData("Atlantide", null)]
    public void A_place_typed_is_an_academie_or_a_region_whatever_the_accents(string typed, string? key) =>
        Assert.Equal(key, TransmissionScope.Of(With(), typed, 2)?.Key);

    [Theory]
    [InlineData("academy:lyon", true)]
    [InlineData("region:ile-de-france", true)]
    [InlineData("academy:atlantide", false)]
    [InlineData("team:12", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_key_from_a_card_is_read_only_when_it_names_a_real_place(string? key, bool known) =>
        Assert.Equal(known, TransmissionScope.Parse(key) is not null);

    [Theory]
    [InlineData("https://contoso-my.sharepoint.com/personal/u/_api/upload?session=1", true)]
    [InlineData("http://contoso-my.sharepoint.com/upload", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("/relative/upload", false)]
    [InlineData(null, false)]
    public void Files_are_uploaded_over_https_only(string? url, bool allowed) => Assert.Equal(allowed, FileUploader.IsAllowed(url));

    [Theory]
    [InlineData("""{"id":12}""", 12)]
    [InlineData("""{"id":"12"}""", 12)]
    [InlineData("""{"id":"-3"}""", 0)]
    [InlineData("""{"id":{"x":1}}""", 0)]
    [InlineData("""{"other":1}""", 0)]
    public void Ids_in_card_data_are_read_as_teams_sends_them_and_anything_else_is_none(string json, long id)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(id, CardData.Long(doc.RootElement, "id"));
    }
}
