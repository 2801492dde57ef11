using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.People;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.People;

/// <summary>"Lier ce canal" through /api/messages: who may link which group, and what the channel then holds.</summary>
public sealed class LinkChannelTests(TraamApp app) : AppTest(app)
{
    [PostgresFact]
    public async Task TheSvtExpert_GetsTheFormWithOnlySvtGroups_AndLinksTheChannel()
    {
        var lyon = await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1);
        await App.TeamAsync("Équipe HG Nantes", "nantes", HistoireGeo);
        await App.PersonAsync("Léa", "Petit", CamilleAad, Expert("svt"));

        await App.PostActivityAsync(Activities.ChannelMessage("lier"));
        var form = Assert.Single(App.Connector.Activities);
        Assert.Contains("/v3/conversations/19:abc@thread.tacv2;messageid=", Uri.UnescapeDataString(form.Path), StringComparison.Ordinal);
        var choices = form.Card!["body"]!.AsArray().Single(e => e!["id"]?.GetValue<string>() == "group")!["choices"]!.AsArray()
            .Select(c => c!["value"]!.GetValue<string>()).ToList();
        Assert.Equal(["national:19", "national:20", $"team:{lyon.Id}"], choices);

        var answer = await App.InvokeAsync(Activities.Invoke("group.link", new JsonObject { ["group"] = $"team:{lyon.Id}" }, inChannel: true));

        Assert.Contains("C'est fait : ce canal est lié au Groupe académique · Équipe SVT Lyon (Lyon)", answer.Text(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        var group = await db.WorkGroups.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((GroupKind.Academic, lyon.Id), (group.Kind, group.TeamId!.Value));
        var channel = await db.Conversations.SingleAsync(c => c.Id == group.ConversationRecordId, TestContext.Current.CancellationToken);
        Assert.Equal(("19:abc@thread.tacv2", "channel", "19:team@thread.tacv2"), (channel.ConversationId, channel.ConversationType, channel.TeamId));
    }

    [PostgresFact]
    public async Task AForgedChoiceOutsideTheExpertsDiscipline_IsRefused_NextToTheField()
    {
        var nantes = await App.TeamAsync("Équipe HG Nantes", "nantes", HistoireGeo);
        await App.PersonAsync("Léa", "Petit", CamilleAad, Expert("svt"));

        var answer = await App.InvokeAsync(Activities.Invoke("group.link", new JsonObject { ["group"] = $"team:{nantes.Id}" }, inChannel: true));

        Assert.Contains("Vous ne pouvez pas lier ce groupe", answer.Text(), StringComparison.Ordinal);
        Assert.Contains($"\"value\":\"team:{nantes.Id}\"", answer.Text(), StringComparison.Ordinal); // the choice is kept
        await using var db = App.CreateDbContext();
        Assert.Empty(db.WorkGroups);
    }

    [PostgresFact]
    public async Task AReferent_CannotLink_EvenWithAHandMadeInvoke()
    {
        var lyon = await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1);
        await App.PersonAsync("Camille", "Martin", CamilleAad, Referent(lyon));

        var answer = await App.InvokeAsync(Activities.Invoke("group.link", new JsonObject { ["group"] = $"team:{lyon.Id}" }, inChannel: true));

        Assert.Contains("Seules les personnes de l'équipe d'administration et les personnes expertes TN3", answer.Text(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        Assert.Empty(db.WorkGroups);
    }

    [PostgresFact]
    public async Task RelinkingTheChannel_MovesIt_AChannelHoldsOneGroup()
    {
        var lyon = await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1);
        await App.PersonAsync("Admin", "TraAM", CamilleAad, Admin());

        await App.InvokeAsync(Activities.Invoke("group.link", new JsonObject { ["group"] = $"team:{lyon.Id}" }, inChannel: true));
        var answer = await App.InvokeAsync(Activities.Invoke("group.link", new JsonObject { ["group"] = "national:19" }, inChannel: true));

        Assert.Contains("Actuellement lié à : Groupe national · Sciences de la vie et de la Terre (SVT) – année 1", answer.Text(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        var groups = await db.WorkGroups.OrderBy(g => g.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, groups.Count);
        Assert.Null(groups[0].ConversationRecordId);
        Assert.NotNull(groups[1].ConversationRecordId);
        Assert.Equal(GroupKind.National, groups[1].Kind);
    }

    [PostgresFact]
    public async Task InAPersonalChat_LierExplainsWhereToUseIt()
    {
        await App.PersonAsync("Admin", "TraAM", CamilleAad, Admin());

        await App.PostActivityAsync(Activities.PersonalMessage("lier"));

        Assert.Contains("s'utilise dans un canal", Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task AnExpert_CannotUnlinkAChannelFromAnotherDisciplinesGroup_ByLinkingItToTheirs()
    {
        var admin = await App.PersonAsync("Admin", "TraAM", CamilleAad, Admin());
        await App.InvokeAsync(Activities.Invoke("group.link", new JsonObject { ["group"] = $"national:{HistoireGeo}" }, inChannel: true));
        await using (var change = App.CreateDbContext())
        {
            // The same Teams sender is now the SVT expert: the admin who linked the channel is someone else.
            await change.People.Where(p => p.Id == admin.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.EntraObjectId, "0b0b0b0b-0000-0000-0000-000000000099"), TestContext.Current.CancellationToken);
        }

        await App.PersonAsync("Léa", "Petit", CamilleAad, Expert("svt"));

        var answer = await App.InvokeAsync(Activities.Invoke("group.link", new JsonObject { ["group"] = "national:19" }, inChannel: true));

        Assert.Contains("Ce canal est déjà lié à un groupe qui ne relève pas de votre discipline", answer.Text(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        var linked = await db.WorkGroups.SingleAsync(g => g.ConversationRecordId != null, TestContext.Current.CancellationToken);
        Assert.Equal((HistoireGeo, admin.Id), (linked.ThemeId, linked.LinkedByPersonId!.Value));
    }
}
