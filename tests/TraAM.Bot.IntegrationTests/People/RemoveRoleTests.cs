using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.People;
using TraAM.Bot.People.Access;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.People;

/// <summary>Taking a role away: the "retirer rôle" card and the remove-role verb, checked by the policy and audited.</summary>
public sealed class RemoveRoleTests(TraamApp app) : AppTest(app)
{
    [PostgresFact]
    public async Task AnAdmin_FindsThePerson_PicksARole_Confirms_AndTheRemovalIsAudited()
    {
        await App.PersonAsync("Paul", "Admin", CamilleAad, Admin());
        var hugo = await App.PersonAsync("Hugo", "Bernard", "aad-hugo", Inspector("lyon", "svt"), new RoleAssignment { Role = Role.Dan, AcademyCode = "lyon" });
        var inspector = hugo.Roles.Single(r => r.Role == Role.Inspector).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await App.PostActivityAsync(Activities.PersonalMessage("retirer rôle"));
        Assert.Contains("Retirer un rôle", Assert.Single(App.Connector.Activities).CardTexts);
        var roles = await App.InvokeAsync(Activities.Invoke(RemoveRole.FindVerb, new JsonObject { ["email"] = " Hugo.Bernard@AC-TEST.fr " }));
        Assert.Contains("Membre du corps d'inspection · Lyon · Sciences de la vie et de la Terre (SVT)", roles.Text(), StringComparison.Ordinal);
        var confirm = await App.InvokeAsync(Activities.Invoke(RemoveRole.PickVerb, new JsonObject { ["email"] = hugo.Email, ["role"] = inspector }));
        Assert.Contains("Confirmer le retrait", confirm.Text(), StringComparison.Ordinal);
        await using (var before = App.CreateDbContext()) Assert.Equal(2, await before.RoleAssignments.CountAsync(r => r.PersonId == hugo.Id, TestContext.Current.CancellationToken));

        var done = await App.InvokeAsync(Activities.Invoke(RemoveRole.ConfirmVerb, new JsonObject { ["email"] = hugo.Email, ["role"] = inspector }));
        var again = await App.InvokeAsync(Activities.Invoke(RemoveRole.ConfirmVerb, new JsonObject { ["email"] = hugo.Email, ["role"] = inspector }));

        Assert.Contains("C'est fait : Hugo Bernard n'a plus le rôle", done.Text(), StringComparison.Ordinal);
        Assert.Contains("déjà été retiré", again.Text(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        Assert.Equal(Role.Dan, (await db.RoleAssignments.SingleAsync(r => r.PersonId == hugo.Id, TestContext.Current.CancellationToken)).Role);
        var audit = await db.RevokedRoles.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((Role.Inspector, "Paul Admin", "card", App.Clock.GetUtcNow().UtcTicks / 10), (audit.Role, audit.RevokedByName, audit.Source, audit.RevokedAt.UtcTicks / 10));
    }

    [PostgresFact]
    public async Task ATn3Expert_ForgingARemovalOfADanRole_IsRefused_AndSeesOnlyTheirDisciplinesRoles()
    {
        await App.PersonAsync("Léa", "Petit", CamilleAad, Expert("svt"));
        var hugo = await App.PersonAsync("Hugo", "Bernard", "aad-hugo", Inspector("lyon", "svt"), new RoleAssignment { Role = Role.Dan, AcademyCode = "lyon" });
        var dan = hugo.Roles.Single(r => r.Role == Role.Dan).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var roles = await App.InvokeAsync(Activities.Invoke(RemoveRole.FindVerb, new JsonObject { ["email"] = hugo.Email }));
        var forged = await App.InvokeAsync(Activities.Invoke(RemoveRole.ConfirmVerb, new JsonObject { ["email"] = hugo.Email, ["role"] = dan }));

        Assert.DoesNotContain("DAN · Lyon", roles.Text(), StringComparison.Ordinal);
        Assert.Contains("Membre du corps d'inspection · Lyon", roles.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("C'est fait", forged.Text(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        Assert.Equal(2, await db.RoleAssignments.CountAsync(r => r.PersonId == hugo.Id, TestContext.Current.CancellationToken));
        Assert.Empty(db.RevokedRoles);
    }

    [PostgresFact]
    public async Task TheCommandLineVerb_RemovesTheOneMatchingRole_AndListsThemWhenAmbiguous()
    {
        var hugo = await App.PersonAsync("Hugo", "Bernard", "aad-hugo", Inspector("lyon", "svt"), Inspector("lyon", "mathematiques"));
        await using var scope = App.Services.CreateAsyncScope();
        var revocation = scope.ServiceProvider.GetRequiredService<RoleRevocation>();

        var ambiguous = await revocation.RevokeFromCommandLineAsync(hugo.Email, Role.Inspector, null, TestContext.Current.CancellationToken);
        var done = await revocation.RevokeFromCommandLineAsync(hugo.Email, Role.Inspector, "mathematiques", TestContext.Current.CancellationToken);

        Assert.False(ambiguous.Done);
        Assert.Contains("plusieurs rôles correspondent", ambiguous.Message, StringComparison.Ordinal);
        Assert.True(done.Done, done.Message);
        await using var db = App.CreateDbContext();
        Assert.Equal("svt", (await db.RoleAssignments.SingleAsync(r => r.PersonId == hugo.Id, TestContext.Current.CancellationToken)).DisciplineCode);
        Assert.Equal("ligne de commande", (await db.RevokedRoles.SingleAsync(TestContext.Current.CancellationToken)).RevokedByName);
    }
}
