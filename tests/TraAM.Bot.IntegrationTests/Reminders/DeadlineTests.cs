using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Delivery;
using TraAM.Bot.IntegrationTests.Infrastructure;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Reminders;

/// <summary>Deadlines as people live them: "échéances", "C'est fait", and the escalation when nothing came.</summary>
public sealed class DeadlineTests(TraamApp app) : AppTest(app)
{
    [PostgresFact]
    public async Task A_missed_deadline_escalates_once_to_the_inspector_and_not_about_who_said_done()
    {
        var today = App.ParisToday();
        await App.SetCalendarAsync(bilan: today.AddDays(-1));
        var lyon = await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1);
        var other = await App.TeamAsync("Équipe SVT Lyon 2", "lyon", SvtYear1);
        var ines = await App.PersonAsync("Inès", "Moreau", "aad-ines", Referent(lyon));
        var camille = await App.PersonAsync("Camille", "Martin", CamilleAad, Referent(other));
        var hugo = await App.PersonAsync("Hugo", "Lambert", "aad-hugo", Inspector("lyon", "svt"));
        await App.ChatAsync(hugo);
        await App.PlanAsync();

        var done = await App.InvokeAsync(Activities.Invoke("deadline.done", new JsonObject { ["subject"] = "deadline:1:bilan" }));
        Assert.Contains("C'est noté", done.Text(), StringComparison.Ordinal);
        App.Clock.Advance(TimeSpan.FromDays(4)); // whatever today is, the next working day's 9:00 has come
        await App.DrainAsync();
        await App.PlanAsync();
        App.Clock.Advance(TimeSpan.FromDays(1));
        await App.DrainAsync();

        var message = Assert.Single(App.Connector.Activities);
        Assert.EndsWith($"a%3Achat-{hugo.Id}/activities", message.Path, StringComparison.Ordinal); // Hugo's chat
        Assert.Contains(message.CardTexts, t => t.Contains("Inès Moreau n'a pas signalé « Bilan de fin d'année »", StringComparison.Ordinal));
        Assert.DoesNotContain(message.CardTexts, t => t.Contains("Camille", StringComparison.Ordinal));
        var escalations = (await App.NotificationsAsync()).Where(n => n.Kind == "escalation" && n.Subject.StartsWith("deadline:1:bilan:", StringComparison.Ordinal)).ToList();
        Assert.Equal(NotificationState.Sent, Assert.Single(escalations, n => n.Subject.EndsWith($"about:{ines.Id}", StringComparison.Ordinal)).State);
        Assert.All(escalations.Where(n => n.Subject.EndsWith($"about:{camille.Id}", StringComparison.Ordinal)), n => Assert.Equal(NotificationState.Cancelled, n.State));
    }

    [PostgresFact]
    public async Task Done_from_a_card_is_refused_to_someone_the_deadline_is_not_for()
    {
        var team = await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1);
        await App.PersonAsync("Camille", "Martin", CamilleAad, Teacher(team)); // a teacher, not the referent
        await App.PlanAsync();

        var answer = await App.InvokeAsync(Activities.Invoke("deadline.done", new JsonObject { ["subject"] = "deadline:1:bilan" }));

        Assert.Contains("ne vous concerne pas", answer.Text(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        Assert.False(await db.DeadlineCompletions.AnyAsync(TestContext.Current.CancellationToken));
    }

    [PostgresFact]
    public async Task Done_stops_the_persons_pending_reminders()
    {
        await App.SetCalendarAsync(completion: App.ParisToday().AddDays(60));
        var camille = await App.PersonAsync("Camille", "Martin", CamilleAad, Referent(await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1)));
        await App.PlanAsync();
        Assert.NotEmpty(await App.RemindersAsync(camille.Id, "completion"));

        await App.InvokeAsync(Activities.Invoke("deadline.done", new JsonObject { ["subject"] = "deadline:1:completion" }));
        var again = await App.InvokeAsync(Activities.Invoke("deadline.done", new JsonObject { ["subject"] = "deadline:1:completion" }));

        Assert.Contains("déjà noté", again.Text(), StringComparison.Ordinal);
        Assert.Empty(await App.RemindersAsync(camille.Id, "completion"));
        Assert.NotEmpty(await App.RemindersAsync(camille.Id, "completion", NotificationState.Cancelled));
        Assert.Equal(0, (await App.PlanAsync()).Created); // planning again does not bring them back
    }

    [PostgresFact]
    public async Task Echeances_lists_the_callers_deadlines_in_their_local_time()
    {
        // Completion on the last Friday of next April: its J-30 is always a Wednesday (four weeks and two days before).
        var friday = new DateOnly(App.Clock.GetUtcNow().Year + 1, 4, 30);
        while (friday.DayOfWeek != DayOfWeek.Friday) friday = friday.AddDays(-1);
        await App.SetCalendarAsync(completion: friday, bilan: friday.AddDays(60));
        await App.PersonAsync("Camille", "Martin", CamilleAad, Referent(await App.TeamAsync("Équipe Nouméa", "nouvelle-caledonie", SvtYear1)));
        await App.PlanAsync();

        await App.PostActivityAsync(Activities.PersonalMessage("Échéances"));

        var texts = Assert.Single(App.Connector.Activities).CardTexts;
        Assert.Contains("Vos échéances", texts);
        Assert.Contains("Nouvelle-Calédonie (Pacific/Noumea)", string.Join(" ", texts), StringComparison.Ordinal);
        Assert.Contains($"vendredi {friday.Day} avril {friday.Year}, fin de journée", texts);
        Assert.Contains($"mercredi {TraAM.Bot.Cards.DateText.Day(friday.AddDays(-30), "fr")} à 9 h", texts); // 9:00 in Nouméa, not in Paris
        Assert.DoesNotContain(texts, t => t.Contains("Envoi des candidatures", StringComparison.Ordinal)); // a DAN's deadline
    }
}
