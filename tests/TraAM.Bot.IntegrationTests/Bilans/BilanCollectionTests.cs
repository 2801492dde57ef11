using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.Bilans;
using TraAM.Bot.Delivery;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.Reference;
using TraAM.Bot.Reminders;
using static TraAM.Bot.IntegrationTests.Bilans.BilanSeed;
using static TraAM.Bot.IntegrationTests.CheckIns.CheckInSeed;

namespace TraAM.Bot.IntegrationTests.Bilans;

/// <summary>
/// The TN3 expert launches the bilan collection of her theme, through /api/messages on PostgreSQL: once (a second
/// launch sends nothing), each selected team's referent gets the card at 9:00 in their académie, the tracker in the
/// national group's channel is updated in place as bilans arrive, reminders and escalation follow the collection's
/// closing day, and a sent bilan is the referent's bilan deadline done.
/// </summary>
public sealed class BilanCollectionTests(TraamApp app) : AppTest(app)
{
    [PostgresFact]
    public async Task TheLaunchCard_DefaultsToTheCampaignsBilanDeadline_AndLaunchingTwiceSendsOnce()
    {
        var cast = await App.CastAsync();
        await App.NationalGroupAsync();
        var today = App.ParisToday();

        await App.PostActivityAsync(Activities.PersonalMessage("bilan", change: As(LeaAad)));
        var card = Assert.Single(App.Connector.Activities).Card!;
        Assert.Contains("Bilan de fin d'année 2026-2027", card.Text(), StringComparison.Ordinal);
        Assert.Equal("2027-06-30", card.WithId("closes")!["value"]!.GetValue<string>()); // the campaign's bilan deadline
        Assert.Equal("9", card.WithId("theme")!["value"]!.GetValue<string>()); // her only theme, chosen

        var first = await App.LaunchAsync(today.AddDays(20), "Merci de soigner les adresses des productions.");
        Assert.Contains("Collecte lancée : 2 équipe(s) recevront la carte du bilan à 9 h", first.Text(), StringComparison.Ordinal);
        Assert.Equal(1, await App.RunEnqueuedAsync<SendBilanCardsJob>());
        var second = await App.LaunchAsync(today.AddDays(20), "Encore ?");
        Assert.Contains("Cette collecte a déjà été lancée le", second.Text(), StringComparison.Ordinal);
        Assert.Contains("par Léa Petit", second.Text(), StringComparison.Ordinal);
        Assert.Equal(0, await App.RunEnqueuedAsync<SendBilanCardsJob>()); // nothing queued again
        using (var scope = App.Services.CreateScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<SendBilanCardsJob>().RunAsync(TestContext.Current.CancellationToken)); // the nightly run: no-op
        }

        var c = await App.CollectionAsync();
        Assert.Equal((today, today.AddDays(20), "Merci de soigner les adresses des productions.", "Léa Petit"), (c.Opens, c.Closes, c.Message, c.LaunchedByName));
        var invites = (await App.NotificationsAsync()).Where(n => n.Kind == SendBilanCardsJob.Kind).ToList();
        Assert.Equal(new[] { cast.Camille.Id, cast.Marc.Id }.Order(), invites.Select(n => n.PersonId!.Value).Order()); // referents only, once each
        Assert.Equal(LocalTime.At(today, new TimeOnly(9, 0), LocalTime.ZoneOf("lyon")), invites.Single(n => n.PersonId == cast.Camille.Id).DueAt);
        Assert.Equal(LocalTime.At(today, new TimeOnly(9, 0), LocalTime.ZoneOf("martinique")), invites.Single(n => n.PersonId == cast.Marc.Id).DueAt);
        Assert.Contains("Merci de soigner les adresses", invites[0].DataJson, StringComparison.Ordinal);
        Assert.Single(await App.NotificationsAsync(), n => n.Kind == "bilan.tracker" && n.WorkGroupId != null);
    }

    [PostgresFact]
    public async Task TheTracker_InTheNationalChannel_IsUpdatedInPlace_AsBilansArrive()
    {
        var cast = await App.CastAsync();
        await App.NationalGroupAsync();
        var today = App.ParisToday();
        await App.LaunchAsync(today.AddDays(10));
        await App.RunEnqueuedAsync<SendBilanCardsJob>();
        App.Clock.Advance(TimeSpan.FromDays(1)); // past 9:00 everywhere: the cards and the tracker go out
        await App.DrainAsync();
        var posted = Assert.Single(App.Connector.Activities, a => a.Path.Contains("national-hg", StringComparison.Ordinal));
        Assert.Contains("0 / 2 bilan(s) reçu(s)", posted.CardTexts);
        Assert.Contains("• Équipe HG Lyon (Lyon) – Camille Martin", posted.CardTexts);
        Assert.Contains("10 jour(s)", posted.CardTexts); // as queued on the launch day
        var invite = Assert.Single(App.Connector.Activities, a => a.Path.Contains($"chat-{cast.Camille.Id}", StringComparison.Ordinal));
        Assert.Contains("Remplir le bilan", invite.Card!.Text(), StringComparison.Ordinal);

        var c = await App.CollectionAsync();
        await App.SendBilanAsync(BilanAnswers(Subject(c, cast.Lyon), 0));
        App.Connector.Clear();
        Assert.Equal(1, await App.RunEnqueuedAsync<CardCopiesJob>());
        var update = Assert.Single(App.Connector.Activities, a => a.Method == HttpMethod.Put);
        Assert.Contains("national-hg", update.Path, StringComparison.Ordinal);
        Assert.Contains("1 / 2 bilan(s) reçu(s)", update.CardTexts);
        Assert.Contains("9 jour(s)", update.CardTexts); // a day later
        Assert.DoesNotContain(update.CardTexts, t => t.Contains("Camille Martin", StringComparison.Ordinal)); // no longer missing
        Assert.Contains(update.CardTexts, t => t.StartsWith("• Équipe HG Lyon (Lyon) – version 1 du", StringComparison.Ordinal));
        Assert.Contains(update.CardTexts, t => t.Contains("Marc Ravin", StringComparison.Ordinal));
        Assert.DoesNotContain(App.Connector.Activities, a => a.Method == HttpMethod.Post); // updated in place, never posted again

        await App.SendBilanAsync(BilanAnswers(Subject(c, cast.Lyon), (await App.BilanAsync(cast.Lyon))!.Revision, "Un an, deux scénarios publiés."));
        Assert.Equal(1, await App.RunEnqueuedAsync<CardCopiesJob>()); // version 2: the same card again, in place
        Assert.Contains(App.Connector.Activities[^1].CardTexts, t => t.StartsWith("• Équipe HG Lyon (Lyon) – version 2 du", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task RemindersAndTheEscalation_FollowTheCollectionsClosingDay_AndASentBilanIsTheDeadlineDone()
    {
        var cast = await App.CastAsync();
        var today = App.ParisToday();
        // A closing day whose J-7 and J-1 are weekdays (Tuesday to Friday): the shared clock's date depends on the
        // tests run before, and a reminder falling on a weekend moves to the Friday before, out of the window below.
        var closes = today.AddDays(20);
        while (closes.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday or DayOfWeek.Monday) closes = closes.AddDays(1);
        await App.LaunchAsync(closes);
        await App.PlanAsync();

        var all = await App.NotificationsAsync();
        var camille = all.Where(n => n.Kind == ReminderPlanner.ReminderKind && n.Subject == "deadline:1:bilan" && n.PersonId == cast.Camille.Id && n.State == NotificationState.Pending).ToList();
        Assert.Equal(2, camille.Count); // J-7 and J-1 of the collection's closing day (J-30 is before the launch)
        Assert.All(camille, n => Assert.Equal(ReminderPlanner.BilanReminderCard, n.Card)); // "Remplir le bilan", not "C'est fait"
        var collectionId = (await App.CollectionAsync()).Id;
        Assert.All(camille, n => Assert.Contains("\"collection\":\"" + collectionId + "\"", n.DataJson, StringComparison.Ordinal));
        Assert.All(camille, n => Assert.True(n.DueAt < LocalTime.EndOf(closes, LocalTime.ZoneOf("lyon")) && n.DueAt > LocalTime.EndOf(closes.AddDays(-8), LocalTime.ZoneOf("lyon"))));
        var escalation = Assert.Single(all, n => n.Kind == ReminderPlanner.EscalationKind && n.Subject == $"deadline:1:bilan:about:{cast.Camille.Id}" && n.State == NotificationState.Pending);
        Assert.Equal(cast.Hugo.Id, escalation.PersonId); // her inspector
        Assert.True(escalation.DueAt > LocalTime.EndOf(closes, LocalTime.ZoneOf("lyon")));
        Assert.Contains(all, n => n.Kind == ReminderPlanner.ReminderKind && n.Subject == "deadline:1:bilan" && n.PersonId == cast.Marc.Id && n.State == NotificationState.Pending);
        Assert.DoesNotContain(all, n => n.Subject.StartsWith("deadline:1:bilan", StringComparison.Ordinal) && n.PersonId == cast.Teacher.Id && n.State == NotificationState.Pending);

        // The expert moves the closing day: the same deadline, dated anew; nothing sent again.
        var moved = await App.LaunchAsync(closes.AddDays(7));
        Assert.Contains("Clôture déplacée au", moved.Text(), StringComparison.Ordinal);
        await App.PlanAsync();
        var replanned = await App.NotificationsAsync();
        Assert.All(camille, n => Assert.Equal(NotificationState.Cancelled, replanned.Single(r => r.Id == n.Id).State));
        Assert.Equal(NotificationState.Cancelled, replanned.Single(r => r.Id == escalation.Id).State);
        var newEscalation = Assert.Single(replanned, n => n.Kind == ReminderPlanner.EscalationKind && n.Subject == $"deadline:1:bilan:about:{cast.Camille.Id}" && n.State == NotificationState.Pending);
        Assert.True(newEscalation.DueAt > LocalTime.EndOf(closes.AddDays(7), LocalTime.ZoneOf("lyon")));

        var c = await App.CollectionAsync();
        await App.SendBilanAsync(BilanAnswers(Subject(c, cast.Lyon), 0));
        await using (var db = App.CreateDbContext())
        {
            Assert.True(await db.DeadlineCompletions.AnyAsync(d => d.Subject == "deadline:1:bilan" && d.PersonId == cast.Camille.Id && d.Source == "bilan", TestContext.Current.CancellationToken));
        }

        var after = await App.NotificationsAsync();
        Assert.DoesNotContain(after, n => n.Subject == "deadline:1:bilan" && n.PersonId == cast.Camille.Id && n.State == NotificationState.Pending);
        Assert.Equal(NotificationState.Cancelled, after.Single(n => n.Id == newEscalation.Id).State);
        Assert.Contains(after, n => n.Subject == "deadline:1:bilan" && n.PersonId == cast.Marc.Id && n.State == NotificationState.Pending); // Marc still owes his
        Assert.Equal(0, (await App.PlanAsync()).Created); // planning again wants nothing new

        App.Connector.Clear();
        await App.PostActivityAsync(Activities.PersonalMessage("échéances"));
        var texts = Assert.Single(App.Connector.Activities).CardTexts.ToList();
        var line = texts.FindIndex(t => t.StartsWith("Bilan de fin d'année", StringComparison.Ordinal));
        Assert.True(line >= 0, string.Join(" | ", texts));
        Assert.Contains(texts.Skip(line).Take(6), t => t.Contains(TraAM.Bot.Cards.DateText.Day(closes.AddDays(7), "fr", withWeekday: true), StringComparison.Ordinal)); // dated by the collection
        Assert.Contains("fait ✔", texts.Skip(line).Take(10));
    }
}
