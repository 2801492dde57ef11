using Microsoft.EntityFrameworkCore;
using TraAM.Bot.IntegrationTests.Infrastructure;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.People;

/// <summary>"moi" and role-filtered "aide": who the bot thinks is asking, from the signed activity only.</summary>
public sealed class WhoAmITests(TraamApp app) : AppTest(app)
{
    [PostgresFact]
    public async Task Moi_ForAReferent_ListsRoleAndGroups()
    {
        var team = await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1);
        await App.PersonAsync("Camille", "Martin", CamilleAad, Referent(team));

        await App.PostActivityAsync(Activities.PersonalMessage("Moi"));

        var texts = Assert.Single(App.Connector.Activities).CardTexts;
        Assert.Equal("Votre profil TraAM", texts[0]);
        Assert.Contains("Camille Martin", texts);
        Assert.Contains("camille.martin@ac-test.fr", texts);
        Assert.Contains("Personne enseignante référente", texts);
        Assert.Contains(texts, t => t.StartsWith("Équipe SVT Lyon · Lyon · Sciences de la vie et de la Terre (SVT) – année 1", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task APersonWritingFromAnEnglishTeamsClient_IsAnsweredInEnglish_AndRememberedForProactiveMessages()
    {
        var team = await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1);
        var person = await App.PersonAsync("Camille", "Martin", CamilleAad, Referent(team));

        await App.PostActivityAsync(Activities.PersonalMessage("whoami", locale: "en-GB"));

        Assert.Equal("Your TraAM profile", Assert.Single(App.Connector.Activities).CardTexts[0]);
        await using var db = App.CreateDbContext();
        var stored = await db.People.SingleAsync(p => p.Id == person.Id, TestContext.Current.CancellationToken);
        Assert.Equal(("en", "29:1AbCdEfGhIjKlMnOpQrStUvWxYz"), (stored.PreferredLanguage, stored.TeamsUserId));
    }

    [PostgresFact]
    public async Task Whoami_ForSomeoneNotInTheDirectory_SaysHowToGetIn_InEnglish()
    {
        await App.PostActivityAsync(Activities.PersonalMessage("whoami", locale: "en-US"));

        var texts = Assert.Single(App.Connector.Activities).CardTexts;
        Assert.Equal("Your TraAM profile", texts[0]);
        Assert.Contains(texts, t => t.StartsWith("I cannot find you in the TraAM directory", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task SenderWithoutEntraIdInTheDirectory_IsMatchedByTheEmailTeamsGives_ButNotBoundWhenAnyTenantMayWrite()
    {
        var person = await App.PersonAsync("Camille", "Martin", aad: null, Expert("svt"));
        App.Connector.Members["29:1AbCdEfGhIjKlMnOpQrStUvWxYz"] = ("Camille.Martin@AC-TEST.fr", CamilleAad);

        await App.PostActivityAsync(Activities.PersonalMessage("moi"));

        Assert.Contains("Personne experte TN3", Assert.Single(App.Connector.Activities).CardTexts);
        await using var db = App.CreateDbContext();
        var stored = await db.People.SingleAsync(p => p.Id == person.Id, TestContext.Current.CancellationToken);
        Assert.Null(stored.EntraObjectId); // Bot__AllowedTenants is empty: an e-mail from any tenant binds nothing
        Assert.Equal("29:1AbCdEfGhIjKlMnOpQrStUvWxYz", stored.TeamsUserId);
    }

    [PostgresFact]
    public async Task WithTheTenantsLimited_AnEmailMatch_BindsTheEntraId()
    {
        await using var restricted = new TraamApp().With("Bot:AllowedTenants:0", "72f988bf-86f1-41af-91ab-2d7cd011db47"); // the payloads' tenant
        await restricted.InitializeAsync();
        var person = await restricted.PersonAsync("Camille", "Martin", aad: null, Expert("svt"));
        restricted.Connector.Members["29:1AbCdEfGhIjKlMnOpQrStUvWxYz"] = ("camille.martin@ac-test.fr", CamilleAad);

        await restricted.PostActivityAsync(Activities.PersonalMessage("moi"));

        await using var db = restricted.CreateDbContext();
        Assert.Equal(CamilleAad, (await db.People.SingleAsync(p => p.Id == person.Id, TestContext.Current.CancellationToken)).EntraObjectId);
    }

    [PostgresFact]
    public async Task ASenderNotInTheDirectory_CostsOneMemberLookup_NotOnePerMessage_AndAnImportCountsAtOnce()
    {
        App.Connector.Members["29:1AbCdEfGhIjKlMnOpQrStUvWxYz"] = ("camille.martin@ac-test.fr", CamilleAad);

        await App.PostActivityAsync(Activities.PersonalMessage("moi"));
        await App.PostActivityAsync(Activities.PersonalMessage("aide"));
        Assert.Single(App.Connector.Requests, r => r.Method == HttpMethod.Get && r.Path.Contains("/members/", StringComparison.Ordinal));

        await App.PersonAsync("Camille", "Martin", aad: null, Expert("svt")); // imported meanwhile
        App.Connector.Clear();
        await App.PostActivityAsync(Activities.PersonalMessage("moi"));

        Assert.Contains("Personne experte TN3", Assert.Single(App.Connector.Activities).CardTexts);
    }

    [PostgresFact]
    public async Task AnEmailMatch_NeverTakesOverAnEntryBoundToAnotherEntraId()
    {
        await App.PersonAsync("Camille", "Martin", aad: "0b0b0b0b-0000-0000-0000-000000000099", Admin());
        App.Connector.Members["29:1AbCdEfGhIjKlMnOpQrStUvWxYz"] = ("camille.martin@ac-test.fr", CamilleAad);

        await App.PostActivityAsync(Activities.PersonalMessage("moi"));

        Assert.Contains(Assert.Single(App.Connector.Activities).CardTexts, t => t.StartsWith("Je ne vous trouve pas", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task Aide_ShowsOnlyWhatTheRolesAllow()
    {
        var helpFor = async () =>
        {
            App.Connector.Clear();
            await App.PostActivityAsync(Activities.PersonalMessage("aide"));
            return Assert.Single(App.Connector.Activities).Card!["body"]![2]!["facts"]!.AsArray()
                .Select(f => f!["title"]!.GetValue<string>()).ToList();
        };

        Assert.Equal(["aide", "moi", "mes données"], await helpFor()); // anyone may ask what is stored about them

        var team = await App.TeamAsync("Équipe HG Nantes", "nantes", HistoireGeo);
        var camille = await App.PersonAsync("Camille", "Martin", CamilleAad, Teacher(team));
        Assert.Equal(["aide", "moi", "calendrier", "point d'étape", "échéances", "synthèse", "statut", "mes données"], await helpFor()); // a teacher answers when the round allows

        await using (var db = App.CreateDbContext())
        {
            db.RoleAssignments.Add(new TraAM.Bot.People.RoleAssignment
            {
                PersonId = camille.Id, CampaignId = 1, Role = TraAM.Bot.People.Role.ExpertTn3, DisciplineCode = "svt", ScopeKey = "discipline:svt",
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(["aide", "moi", "lier", "📎 annuaire.csv", "retirer rôle", "calendrier", "ouvrir campagne", "candidatures", "sélection", "point d'étape", "réunion", "réunions", "bilan", "échéances", "synthèse", "statut", "mes données"], await helpFor()); // holidays: admins only
    }
}
