using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.People;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Campaigns;

/// <summary>Opening the 2027-2028 call while 2026-2027 works: who may, what it creates, and only once.</summary>
public sealed class OpenCampaignTests(TraamApp app) : AppTest(app)
{
    public static JsonObject Open(string code = "2027-2028", string quota = "5", bool copyThemes = true) => new()
    {
        ["verb"] = "campaign.open",
        ["code"] = code,
        ["quota"] = quota,
        ["copyThemes"] = copyThemes ? "true" : "false",
    };

    [PostgresFact]
    public async Task AnAdmin_SeesTheNextCall_ThenOpensIt_WithItsThemesAndTheProgrammeRoles()
    {
        await App.PersonAsync("Léa", "Petit", CamilleAad, Admin());
        var inspector = await App.PersonAsync("Hugo", "Bernard", null, Inspector("lyon", "svt"));
        var team = await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1);
        var referent = await App.PersonAsync("Inès", "Moreau", null, Referent(team));

        await App.PostActivityAsync(Activities.PersonalMessage("ouvrir campagne"));
        var proposal = Assert.Single(App.Connector.Activities);
        Assert.Contains("Campagne 2027-2028", proposal.CardTexts);
        Assert.Contains("31 mars 2027", proposal.CardTexts); // the working campaign's dates, a year later

        var answer = await App.InvokeAsync(Activities.Invoke("campaign.open", Open(quota: "6")));

        Assert.Contains("Campagne 2027-2028 ouverte : 22 thème(s) copié(s), 1 rôle(s) repris.", answer.Text(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        var opened = await db.Campaigns.SingleAsync(c => c.Code == "2027-2028", TestContext.Current.CancellationToken);
        Assert.Equal((2, new DateOnly(2027, 3, 31), new DateOnly(2027, 9, 1), 6), (opened.Id, opened.SubmissionDeadline, opened.WorkStart, opened.SelectionQuota!.Value));
        Assert.Equal(22, await db.Themes.CountAsync(t => t.CampaignId == 2, TestContext.Current.CancellationToken));
        var carried = await db.RoleAssignments.Where(r => r.CampaignId == 2).ToListAsync(TestContext.Current.CancellationToken);
        var role = Assert.Single(carried); // the inspector's; the referent's team role stays with 2026-2027
        Assert.Equal((inspector.Id, Role.Inspector, "lyon", "svt"), (role.PersonId, role.Role, role.AcademyCode!, role.DisciplineCode!));
        Assert.DoesNotContain(carried, r => r.PersonId == referent.Id);
    }

    [PostgresFact]
    public async Task OpeningTwice_CreatesNothingMore_AndSaysSo()
    {
        await App.PersonAsync("Léa", "Petit", CamilleAad, Admin());
        await App.PersonAsync("Hugo", "Bernard", null, Inspector("lyon", "svt"));
        await App.InvokeAsync(Activities.Invoke("campaign.open", Open()));

        var again = await App.InvokeAsync(Activities.Invoke("campaign.open", Open()));

        Assert.Contains("La campagne 2027-2028 est déjà ouverte : rien de plus n'a été créé.", again.Text(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        Assert.Equal(2, await db.Campaigns.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(22, await db.Themes.CountAsync(t => t.CampaignId == 2, TestContext.Current.CancellationToken));
        Assert.Equal(1, await db.RoleAssignments.CountAsync(r => r.CampaignId == 2, TestContext.Current.CancellationToken));
    }

    [PostgresFact]
    public async Task TwoAdminsOpeningAtOnce_CreateOneCampaign_AndOneCopyOfEachRole()
    {
        var other = await App.PersonAsync("Karim", "Haddad", "6a2b0a6e-1111-4c6e-9a5a-000000000099", Admin());
        await App.PersonAsync("Léa", "Petit", CamilleAad, Admin());
        await App.PersonAsync("Hugo", "Bernard", null, Inspector("lyon", "svt"));

        var answers = await Task.WhenAll(
            App.InvokeAsync(Activities.Invoke("campaign.open", Open())),
            App.InvokeAsync(Activities.Invoke("campaign.open", Open(), change: a => a["from"]!["aadObjectId"] = other.EntraObjectId)));

        Assert.Single(answers, a => a.Text().Contains("Campagne 2027-2028 ouverte", StringComparison.Ordinal));
        Assert.Single(answers, a => a.Text().Contains("est déjà ouverte", StringComparison.Ordinal));
        await using var db = App.CreateDbContext();
        Assert.Equal(2, await db.Campaigns.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, await db.RoleAssignments.CountAsync(r => r.CampaignId == 2, TestContext.Current.CancellationToken));
    }

    [PostgresFact]
    public async Task ATn3Expert_OpensIt_WithTheirDisciplinesThemesOnly_AndNoQuotaOfTheirOwn_ThenAnAdminCopiesTheRest()
    {
        await App.PersonAsync("Léa", "Petit", CamilleAad, Expert("svt"));

        var answer = await App.InvokeAsync(Activities.Invoke("campaign.open", Open(quota: "9")));

        Assert.Contains("2 thème(s) copié(s)", answer.Text(), StringComparison.Ordinal); // SVT year 1 and year 2
        await using (var db = App.CreateDbContext())
        {
            Assert.Equal(["svt", "svt"], await db.Themes.Where(t => t.CampaignId == 2).Select(t => t.DisciplineCode).ToListAsync(TestContext.Current.CancellationToken));
            Assert.Null((await db.Campaigns.SingleAsync(c => c.Id == 2, TestContext.Current.CancellationToken)).SelectionQuota); // the setting: quotas are the admins'
        }

        var admin = await App.PersonAsync("Karim", "Haddad", "6a2b0a6e-1111-4c6e-9a5a-000000000099", Admin());
        var copy = await App.InvokeAsync(Activities.Invoke("campaign.copyThemes", new JsonObject { ["verb"] = "campaign.copyThemes", ["campaign"] = "2027-2028" },
            change: a => a["from"]!["aadObjectId"] = admin.EntraObjectId));

        Assert.Contains("20 thème(s) copié(s) de 2026-2027.", copy.Text(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task AReferent_IsRefused_ByCommandAndByAForgedCard()
    {
        var team = await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1);
        await App.PersonAsync("Camille", "Martin", CamilleAad, Referent(team));

        await App.PostActivityAsync(Activities.PersonalMessage("ouvrir campagne"));
        var forged = await App.InvokeAsync(Activities.Invoke("campaign.open", Open()));

        Assert.Contains("Seules les personnes de l'équipe d'administration et les personnes expertes TN3 peuvent ouvrir", Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("peuvent ouvrir la campagne suivante", forged["value"]!.GetValue<string>(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        Assert.Equal(1, await db.Campaigns.CountAsync(TestContext.Current.CancellationToken));
    }

    [PostgresFact]
    public async Task ABadCodeOrQuota_IsShownNextToItsField_WithWhatWasTyped()
    {
        await App.PersonAsync("Léa", "Petit", CamilleAad, Admin());

        var answer = await App.InvokeAsync(Activities.Invoke("campaign.open", Open(code: "2025-2026", quota: "40")));

        Assert.Contains("« 2025-2026 » n'est pas un code de campagne possible", answer.Text(), StringComparison.Ordinal);
        Assert.Contains("« 40 » : indiquez un nombre entier de projets entre 1 et 30.", answer.Text(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        Assert.Equal(1, await db.Campaigns.CountAsync(TestContext.Current.CancellationToken));
    }

    [PostgresFact]
    public async Task TheThemesCard_EditsATitle_AddsATheme_AndRemovesOneNoTeamUses()
    {
        await App.PersonAsync("Léa", "Petit", CamilleAad, Expert("svt"));
        await App.InvokeAsync(Activities.Invoke("campaign.open", Open()));
        await using var before = App.CreateDbContext();
        var svt = await before.Themes.Where(t => t.CampaignId == 2).OrderBy(t => t.Number).ToListAsync(TestContext.Current.CancellationToken);

        var save = new JsonObject
        {
            ["verb"] = "campaign.themes.save", ["campaign"] = "2027-2028",
            [$"title-{svt[0].Id}"] = "Numérique et santé", [$"title-{svt[1].Id}"] = svt[1].Title, [$"remove-{svt[1].Id}"] = "true",
            ["newDiscipline"] = "svt", ["newTitle"] = "Climat et données", ["newYear"] = "1", ["newRequiresYearOne"] = "false",
        };
        var answer = await App.InvokeAsync(Activities.Invoke("campaign.themes.save", save));

        Assert.Contains("Thèmes enregistrés (3 modification(s)).", answer.Text(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        var after = await db.Themes.Where(t => t.CampaignId == 2).OrderBy(t => t.Number).Select(t => new { t.Code, t.Title }).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([new { Code = "svt-1", Title = "Numérique et santé" }, new { Code = "svt-3", Title = "Climat et données" }], after);
        Assert.Equal("Numérique et approche « Une seule santé »", (await db.Themes.SingleAsync(t => t.Id == SvtYear1, TestContext.Current.CancellationToken)).Title); // 2026-2027 untouched
    }
    [PostgresFact]
    public async Task TheThemesCard_ShowsEachErrorNextToItsField_KeepsWhatWasTyped_AndSavesNothing()
    {
        await App.PersonAsync("Léa", "Petit", CamilleAad, Expert("svt"));
        await App.InvokeAsync(Activities.Invoke("campaign.open", Open()));
        await using var before = App.CreateDbContext();
        var first = await before.Themes.Where(t => t.CampaignId == 2).OrderBy(t => t.Number).FirstAsync(TestContext.Current.CancellationToken);

        var answer = await App.InvokeAsync(Activities.Invoke("campaign.themes.save", new JsonObject
        {
            ["verb"] = "campaign.themes.save", ["campaign"] = "2027-2028", [$"title-{first.Id}"] = "  ",
            ["newDiscipline"] = "svt", ["newTitle"] = "Suite du thème", ["newYear"] = "1", ["newRequiresYearOne"] = "true",
        }));

        Assert.Contains("Indiquez un titre de 400 caractères au plus.", answer.Text(), StringComparison.Ordinal);
        Assert.Contains("Seul un thème de l'année 2 peut être réservé", answer.Text(), StringComparison.Ordinal);
        Assert.Contains("Suite du thème", answer.Text(), StringComparison.Ordinal); // kept as typed
        await using var db = App.CreateDbContext();
        Assert.Equal(first.Title, (await db.Themes.SingleAsync(t => t.Id == first.Id, TestContext.Current.CancellationToken)).Title);
        Assert.Equal(2, await db.Themes.CountAsync(t => t.CampaignId == 2, TestContext.Current.CancellationToken));
    }

    [PostgresFact]
    public async Task AnotherDisciplinesExpert_CannotRenameOrAddThemesOutsideTheirs_WhateverTheCardSays()
    {
        var admin = await App.PersonAsync("Karim", "Haddad", "6a2b0a6e-1111-4c6e-9a5a-000000000099", Admin());
        await App.PersonAsync("Léa", "Petit", CamilleAad, Expert("mathematiques"));
        await App.InvokeAsync(Activities.Invoke("campaign.open", Open(), change: a => a["from"]!["aadObjectId"] = admin.EntraObjectId));
        await using var before = App.CreateDbContext();
        var svt = await before.Themes.FirstAsync(t => t.CampaignId == 2 && t.DisciplineCode == "svt", TestContext.Current.CancellationToken);

        var answer = await App.InvokeAsync(Activities.Invoke("campaign.themes.save", new JsonObject
        {
            ["verb"] = "campaign.themes.save", ["campaign"] = "2027-2028", [$"title-{svt.Id}"] = "Détourné", [$"remove-{svt.Id}"] = "true",
            ["newDiscipline"] = "svt", ["newTitle"] = "Intrus", ["newYear"] = "1",
        }));

        Assert.Contains("Choisissez une discipline dont vous avez la charge.", answer.Text(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        var after = await db.Themes.SingleAsync(t => t.Id == svt.Id, TestContext.Current.CancellationToken);
        Assert.Equal(svt.Title, after.Title);
        Assert.False(await db.Themes.AnyAsync(t => t.Title == "Intrus", TestContext.Current.CancellationToken));
    }
}
