using System.Collections;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.Candidacies;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.People;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.People.Import;
using TraAM.Bot.Privacy;
using static TraAM.Bot.IntegrationTests.Infrastructure.CandidacySeed;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Privacy;

/// <summary>
/// The right to erasure (issue 14 §2): an admin's "personne supprimer" (card, confirmation) or the forget-person
/// verb anonymises the person everywhere PersonalData says, once; nobody else may, even with a forged card.
/// </summary>
public sealed class ErasePersonTests(TraamApp app) : AppTest(app)
{
    private const string HugoAad = "0f0f0f0f-0000-4000-8000-0000000000a1";
    private Person _admin = null!;
    private Person _hugo = null!;
    private AcademicTeam _team = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _team = await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1);
        var candidacy = await App.CandidacyAsync(_team, CandidacyState.Pending, "Cartographier la biodiversité du quartier");
        _admin = await App.PersonAsync("Alice", "Durand", CamilleAad, Admin());
        _hugo = await App.PersonAsync("Hugo", "Bernard", HugoAad, Referent(_team));
        await using (var db = App.CreateDbContext())
        {
            await db.People.Where(p => p.Id == _hugo.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.TeamsUserId, "29:hugo-teams-id"));
        }

        _hugo.TeamsUserId = "29:hugo-teams-id";
        await App.ChatAsync(_hugo);
        await App.TracesOfAsync(_hugo, candidacy, _admin.Id);
    }

    [PostgresFact]
    public async Task AnAdmin_SeesWhatWillChange_Confirms_AndTheEraseReachesEveryTable_AndAReimportIsANewPerson()
    {
        await App.PostActivityAsync(Activities.PersonalMessage("personne supprimer Hugo.Bernard@ac-test.fr").As(_admin));

        var card = Assert.Single(App.Connector.Activities).Card!;
        Assert.Contains("Effacer les données personnelles de Hugo Bernard (hugo.bernard@ac-test.fr)", card.Text(), StringComparison.Ordinal);
        var counts = Facts(card);
        Assert.Equal(("1", "1", "1"), (counts["Rôles supprimés"], counts["Conversations personnelles oubliées"], counts["Notifications en attente annulées"]));
        Assert.Equal("2", counts["Écrits et décisions gardés, auteur anonymisé"]);
        Assert.Equal("1", counts["Invitations à des réunions anonymisées"]);

        var done = await App.InvokeAsync(Confirm(_hugo).As(_admin));

        var label = $"Personne supprimée n°{_hugo.Id}";
        Assert.Contains(label, done.Text(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        var ct = TestContext.Current.CancellationToken;
        var row = await db.People.SingleAsync(p => p.Id == _hugo.Id, ct);
        Assert.Equal((label, PersonEraser.AnonymousEmail(_hugo.Id), null, null), (row.DisplayName, row.Email, row.EntraObjectId, row.TeamsUserId));
        Assert.NotNull(row.ErasedAt);
        Assert.Empty(db.RoleAssignments.Where(r => r.PersonId == _hugo.Id));
        Assert.Empty(db.Conversations.Where(c => c.UserAadObjectId == HugoAad || c.UserId == "29:hugo-teams-id"));
        var toHugo = await db.Notifications.SingleAsync(n => n.PersonId == _hugo.Id, ct);
        Assert.Equal((NotificationState.Cancelled, "{}"), (toHugo.State, toHugo.DataJson));
        var aboutHugo = await db.Notifications.SingleAsync(n => n.PersonId == _admin.Id, ct);
        Assert.Equal(NotificationState.Pending, aboutHugo.State); // someone else's message still goes, nameless
        Assert.Contains(label, aboutHugo.DataJson, StringComparison.Ordinal);
        // Authored records stay with the team, their author anonymous but still the same (anonymised) row.
        var version = await db.FormVersions.SingleAsync(v => v.ByPersonId == _hugo.Id, ct);
        Assert.Equal((_hugo.Id, label, """{"summary":"Cartographier"}"""), (version.ByPersonId, version.ByName, version.AnswersJson));
        var decision = await db.CandidacyDecisions.SingleAsync(d => d.ByPersonId == _hugo.Id, ct);
        Assert.Equal(("Préciser le calendrier", label), (decision.Comment, decision.ByName));
        Assert.Single(db.DeadlineCompletions.Where(d => d.PersonId == _hugo.Id));
        Assert.Single(db.RevokedRoles.Where(r => r.PersonId == _hugo.Id));
        Assert.Equal(label, (await db.MeetingAttendances.SingleAsync(ct)).Name);

        // Every column PersonalData does not keep on purpose, in every table: no trace of his name, e-mail or ids.
        var traces = new[] { "Hugo", "Bernard", "hugo.bernard@ac-test.fr", HugoAad, "29:hugo-teams-id" };
        Assert.Empty(Traces(db, traces));

        // A later import of the same e-mail is somebody new.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var csv = "Nom;Prénom;Courriel;Rôle;Académie;Discipline;Équipe;Identifiant Entra\nBernard;Hugo;hugo.bernard@ac-test.fr;référente;Lyon;SVT – Année 1;Équipe SVT Lyon;\n";
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
            var report = await scope.ServiceProvider.GetRequiredService<DirectoryImporter>().ImportAsync(stream, "annuaire.csv", new DirectoryImportOptions(false), ct);
            Assert.True(report.Applied, report.ToText());
        }

        await using var later = App.CreateDbContext();
        var again = await later.People.SingleAsync(p => p.Email == "hugo.bernard@ac-test.fr", ct);
        Assert.NotEqual(_hugo.Id, again.Id);
        Assert.Null(again.ErasedAt);
        Assert.Equal(label, (await later.People.SingleAsync(p => p.Id == _hugo.Id, ct)).DisplayName);
        Assert.Single(later.RoleAssignments.Where(r => r.PersonId == again.Id));
    }

    [PostgresFact]
    public async Task ANonAdmin_IsRefused_AndAForgedConfirmationChangesNothing()
    {
        var lea = await App.PersonAsync("Léa", "Petit", "0f0f0f0f-0000-4000-8000-0000000000b2", Expert("svt"));

        await App.PostActivityAsync(Activities.PersonalMessage("forget person hugo.bernard@ac-test.fr", locale: "en-GB").As(lea));
        var forged = await App.InvokeAsync(Confirm(_hugo).As(lea));

        Assert.StartsWith("Erasing a person's data is for TraAM's administration team", Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("réservé à l'équipe d'administration", forged.Text(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        var hugo = await db.People.SingleAsync(p => p.Id == _hugo.Id, TestContext.Current.CancellationToken);
        Assert.Equal(("Hugo", null), (hugo.FirstName, hugo.ErasedAt));
        Assert.Single(db.RoleAssignments.Where(r => r.PersonId == _hugo.Id));
    }

    [PostgresFact]
    public async Task AConfirmationNamingSomeoneElse_OrAnErasedPerson_ChangesNothing()
    {
        var changed = Confirm(_hugo);
        changed["value"]!["action"]!["data"]!["personId"] = _admin.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var mismatch = await App.InvokeAsync(changed.As(_admin));
        await App.InvokeAsync(Confirm(_hugo).As(_admin));
        var twice = await App.InvokeAsync(Confirm(_hugo).As(_admin));

        Assert.Contains("déjà été effacée", mismatch.Text(), StringComparison.Ordinal);
        Assert.Contains("déjà été effacée", twice.Text(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        Assert.Null((await db.People.SingleAsync(p => p.Id == _admin.Id, TestContext.Current.CancellationToken)).ErasedAt);
    }

    [PostgresFact]
    public async Task TheCommandLineVerb_Erases_AndRunningItAgainIsHarmless()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var eraser = scope.ServiceProvider.GetRequiredService<PersonEraser>();
        var caller = Caller.Operator(CampaignContext.Only(1));

        var first = await eraser.ForgetFromCommandLineAsync("hugo.bernard@ac-test.fr", caller, TestContext.Current.CancellationToken);
        var second = await eraser.ForgetFromCommandLineAsync("hugo.bernard@ac-test.fr", caller, TestContext.Current.CancellationToken);
        var byId = await eraser.EraseAsync(_hugo.Id, TestContext.Current.CancellationToken);

        Assert.True(first.Done, first.Message);
        Assert.Contains($"Personne supprimée n°{_hugo.Id}", first.Message, StringComparison.Ordinal);
        Assert.Contains("Rôles supprimés : 1", first.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Hugo", first.Message, StringComparison.Ordinal);
        Assert.False(second.Done);
        Assert.Contains("rien n'a été modifié", second.Message, StringComparison.Ordinal);
        Assert.Null(byId);
        await using var db = App.CreateDbContext();
        Assert.Empty(Traces(db, ["Hugo", "hugo.bernard@ac-test.fr", HugoAad]));
    }

    private static JsonNode Confirm(Person person) => Activities.Invoke(ErasePerson.ConfirmVerb, new JsonObject
    {
        ["personId"] = person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["email"] = person.Email,
    });

    private static Dictionary<string, string> Facts(JsonNode card) =>
        card["body"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "FactSet")!["facts"]!.AsArray()
            .ToDictionary(f => f!["title"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());

    /// <summary>Each "Table.Column = value" that still holds one of <paramref name="texts"/>, in every string column that PersonalData does not keep on purpose.</summary>
    private static List<string> Traces(TraamDbContext db, string[] texts)
    {
        var found = new List<string>();
        var set = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!;
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var columns = entity.GetProperties()
                .Where(p => p.ClrType == typeof(string) && p.PropertyInfo is not null
                    && PersonalData.Find(entity.ClrType.Name, p.Name)?.Handling != Handling.Keep)
                .ToList();
            if (columns.Count == 0) continue;
            var rows = (IEnumerable)set.MakeGenericMethod(entity.ClrType).Invoke(db, null)!;
            foreach (var row in rows)
            {
                foreach (var column in columns)
                {
                    var value = column.PropertyInfo!.GetValue(row) as string ?? "";
                    if (texts.Any(t => value.Contains(t, StringComparison.OrdinalIgnoreCase)))
                        found.Add($"{entity.ClrType.Name}.{column.Name} = {value}");
                }
            }
        }

        return found;
    }
}
