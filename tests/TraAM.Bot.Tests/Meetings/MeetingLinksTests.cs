using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TraAM.Bot.Meetings;
using TraAM.Bot.Protocol;

namespace TraAM.Bot.Tests.Meetings;

public sealed class MeetingLinksTests
{
    private static readonly Guid Meeting = Guid.Parse("6f1c2a0b-9d8e-4f7a-8b3c-2d1e0f9a8b7c");

    private static MeetingLinks Links(string publicUrl = "https://traam.example.fr/", string key = "", string appId = "app", string secret = "secret") =>
        new(Options.Create(new MeetingLinkOptions { PublicUrl = publicUrl, LinkKey = key }),
            Options.Create(new BotProtocolOptions { MicrosoftAppId = appId, MicrosoftAppPassword = secret }),
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:3978" }).Build());

    [Fact]
    public void The_link_is_signed_and_only_its_own_signature_passes()
    {
        var links = Links();
        var url = links.IcsUrl(Meeting);

        Assert.Equal($"https://traam.example.fr/meetings/{Meeting:N}.ics?sig={links.Signature(Meeting)}", url);
        Assert.True(links.IsValid(Meeting, links.Signature(Meeting)));
        Assert.False(links.IsValid(Guid.NewGuid(), links.Signature(Meeting)));
        Assert.False(links.IsValid(Meeting, null));
        Assert.False(links.IsValid(Meeting, links.Signature(Meeting)[..^1] + "A"));
    }

    [Fact]
    public void Every_instance_with_the_same_secret_signs_alike_and_another_secret_does_not()
    {
        Assert.Equal(Links().Signature(Meeting), Links(publicUrl: "https://other.example.fr").Signature(Meeting));
        Assert.NotEqual(Links().Signature(Meeting), Links(secret: "another").Signature(Meeting));
        Assert.NotEqual(Links().Signature(Meeting), Links(key: new string('k', 32)).Signature(Meeting));
    }

    [Fact]
    public void Without_a_public_address_there_is_no_link_except_in_local_mode()
    {
        Assert.Equal("", Links(publicUrl: "").IcsUrl(Meeting));
        Assert.StartsWith("http://127.0.0.1:3978/meetings/", Links(publicUrl: "", appId: "", secret: "").IcsUrl(Meeting), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://traam.example.fr", "", true)]
    [InlineData("https://traam.example.fr", "short", true)]
    [InlineData("http://127.0.0.1:3978", "", false)]
    [InlineData("", "", false)]
    public void Settings_are_checked(string publicUrl, string key, bool problem) =>
        Assert.Equal(problem, new MeetingLinkOptions { PublicUrl = publicUrl, LinkKey = key }.Problems().Count > 0);
}
