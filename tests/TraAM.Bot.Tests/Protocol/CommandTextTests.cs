using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;
using TraAM.Bot.Tests.Payloads;

namespace TraAM.Bot.Tests.Protocol;

public sealed class CommandTextTests
{
    [Fact]
    public void From_StripsOnlyTheBotsMention_UsingEntities()
    {
        var a = Payload.Activity("message-channel-mention");

        var text = CommandText.From(a);

        Assert.Equal("Échéances  SVT", text.Text);
        Assert.Equal("echeances svt", text.Normalized);
    }

    [Fact]
    public void From_KeepsMentionsOfOtherPeople()
    {
        var a = new Activity
        {
            Text = "<at>TraAM.Bot</at> statut <at>Hélène</at>",
            Recipient = new ChannelAccount { Id = "28:bot" },
            Entities =
            [
                new Entity { Type = "mention", Mentioned = new ChannelAccount { Id = "28:bot" }, Text = "<at>TraAM.Bot</at>" },
                new Entity { Type = "mention", Mentioned = new ChannelAccount { Id = "29:helene" }, Text = "<at>Hélène</at>" },
            ],
        };

        Assert.Equal("statut helene", CommandText.From(a).Normalized);
    }

    [Fact]
    public void From_DoesNotTrustMentionMarkupWithoutAnEntity()
    {
        var a = new Activity { Text = "<at>TraAM.Bot</at> aide", Recipient = new ChannelAccount { Id = "28:bot" } };

        // Markup is dropped, but nothing is treated as "the bot" without the entity: text of the tag stays.
        Assert.Equal("traam.bot aide", CommandText.From(a).Normalized);
    }

    [Theory]
    [InlineData("AIDE", "aide")]
    [InlineData("  Échéances\u00A0 ", "echeances")]
    [InlineData("Point d\u2019étape", "point d'etape")]
    [InlineData("STATUT   Orléans-Tours", "statut orleans-tours")]
    [InlineData("<p>aide</p>", "aide")]
    [InlineData("R&amp;D", "r&d")]
    public void Normalize_IgnoresCaseAccentsAndSpacing(string typed, string expected)
    {
        var a = new Activity { Text = typed, Recipient = new ChannelAccount { Id = "28:bot" } };

        Assert.Equal(expected, CommandText.From(a).Normalized);
    }
}
