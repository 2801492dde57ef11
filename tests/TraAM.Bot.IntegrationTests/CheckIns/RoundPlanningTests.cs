using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.CheckIns;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.Reference;
using TraAM.Bot.Reminders.Holidays;
using static TraAM.Bot.IntegrationTests.CheckIns.CheckInSeed;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.CheckIns;

/// <summary>
/// Rounds opened by the theme's TN3 expert from the card, through /api/messages on PostgreSQL: a monthly schedule
/// past weekends and school holidays, planned twice with one effect, and the cards queued for 9:00 where each team works.
/// </summary>
public sealed class RoundPlanningTests(TraamApp app) : AppTest(app)
{
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static DateOnly FirstMonday(DateOnly month) => month.AddDays(((int)DayOfWeek.Monday - (int)month.DayOfWeek + 7) % 7);

    private Task<JsonNode> CreateAsync(string opens, string closes, string repeat = "once", string until = "", string aad = LeaAad, string theme = "9") =>
        App.InvokeAsync(Activities.Invoke("checkin.round.create", new JsonObject
        {
            ["theme"] = theme, ["opens"] = opens, ["closes"] = closes, ["teachers"] = "false", ["repeat"] = repeat, ["until"] = until,
        }, change: As(aad)));

    [PostgresFact]
    public async Task TheExpert_PlansMonthlyRounds_PastWeekendsAndHolidays_AndPlanningTwiceCreatesNothing()
    {
        await App.CastAsync();
        var today = App.ParisToday();
        var month2 = new DateOnly(today.Year, today.Month, 1).AddMonths(2);
        var holiday = FirstMonday(month2);
        await using (var db = App.CreateDbContext())
        {
            // Lyon's zone A is on holiday the week of that first Monday: the round opens the Monday after.
            db.SchoolHolidays.Add(new SchoolHoliday { Zone = SchoolZones.ZoneA, FirstDay = holiday.AddDays(-2), LastDay = holiday.AddDays(4), Label = "Vacances de test" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await App.PostActivityAsync(Activities.PersonalMessage("point d'étape", change: As(LeaAad)));
        var card = Assert.Single(App.Connector.Activities);
        Assert.Contains(card.CardTexts, t => t.Contains("Une fenêtre sur le monde", StringComparison.Ordinal));

        var opens = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        var until = new DateOnly(today.Year, today.Month, 1).AddMonths(4).AddDays(-1);
        var first = await CreateAsync(Iso(opens), Iso(opens.AddDays(4)), "monthly", Iso(until));
        Assert.Contains("3 point(s) d'étape créé(s), 0 déjà prévu(s)", first.Text(), StringComparison.Ordinal);

        await using (var db = App.CreateDbContext())
        {
            var rounds = await db.CheckInRounds.AsNoTracking().OrderBy(r => r.Opens).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(3, rounds.Count);
            Assert.Equal(FirstMonday(opens), rounds[0].Opens);
            Assert.Equal(holiday.AddDays(7), rounds[1].Opens); // the holiday week skipped
            Assert.All(rounds, r => Assert.Equal(DayOfWeek.Monday, r.Opens.DayOfWeek));
            Assert.All(rounds, r => Assert.True(r.Closes.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday));
            Assert.All(rounds, r => Assert.Equal(RoundSchedule.Key(HistoireGeo, r.Opens), r.Key));
        }

        var again = await CreateAsync(Iso(opens), Iso(opens.AddDays(4)), "monthly", Iso(until));
        Assert.Contains("Rien de nouveau : ces points d'étape étaient déjà prévus (3)", again.Text(), StringComparison.Ordinal);
        await using (var db = App.CreateDbContext())
        {
            Assert.Equal(3, await db.CheckInRounds.CountAsync(TestContext.Current.CancellationToken));
        }
    }

    [PostgresFact]
    public async Task TheCards_GoAtNineWhereEachTeamWorks_Once_ToTheReferentsOnly()
    {
        var cast = await App.CastAsync();
        var tomorrow = App.ParisToday().AddDays(1);
        var answer = await CreateAsync(Iso(tomorrow), Iso(tomorrow.AddDays(10)));
        Assert.Contains("1 point(s) d'étape créé(s)", answer.Text(), StringComparison.Ordinal);
        Assert.Equal(1, await App.RunEnqueuedAsync<SendCheckInRoundsJob>()); // queued by the card, run as Hangfire would

        var cards = (await App.NotificationsAsync()).Where(n => n.Kind == SendCheckInRoundsJob.Kind).ToList();
        Assert.Equal([cast.Camille.Id, cast.Marc.Id], cards.Select(n => n.PersonId!.Value).Order());
        var paris = Assert.Single(cards, n => n.PersonId == cast.Camille.Id);
        var martinique = Assert.Single(cards, n => n.PersonId == cast.Marc.Id);
        Assert.Equal(LocalTime.At(tomorrow, new TimeOnly(9, 0), LocalTime.ZoneOf("paris")), paris.DueAt);
        Assert.Equal(new DateTimeOffset(tomorrow.ToDateTime(new TimeOnly(13, 0)), TimeSpan.Zero), martinique.DueAt); // 9:00 in Fort-de-France (UTC-4)
        Assert.Contains("Point d'étape : Équipe HG Lyon", JsonNode.Parse(paris.DataJson)!.Text(), StringComparison.Ordinal);

        Assert.Equal(0, await App.SendRoundsAsync()); // the nightly run, and Hangfire's retries: nothing twice
        Assert.Equal(2, (await App.NotificationsAsync()).Count(n => n.Kind == SendCheckInRoundsJob.Kind));

        // 9:00 in Fort-de-France has come: both cards go; Camille's "Répondre" opens her team's form.
        App.Clock.Advance(martinique.DueAt - App.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await App.DrainAsync();
        var sent = Assert.Single(App.Connector.Activities, a => a.Path.Contains($"chat-{cast.Camille.Id}", StringComparison.Ordinal));
        Assert.Contains(sent.CardTexts, t => t.EndsWith("Point d'étape : Équipe HG Lyon", StringComparison.Ordinal));
        var open = sent.Card!["actions"]![0]!;
        Assert.Equal("Répondre", open["title"]!.GetValue<string>());
        var form = await App.InvokeAsync(Activities.Invoke("checkin.open", open["data"]!.DeepClone().AsObject()));
        Assert.Contains("Point d'étape de l'équipe Équipe HG Lyon", form.Text(), StringComparison.Ordinal);
        Assert.Single(App.Connector.Activities, a => a.Path.Contains($"chat-{cast.Marc.Id}", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task WhenTheRoundLetsTeachersAnswer_TheyGetTheCardToo_AndMayAnswer()
    {
        var cast = await App.CastAsync();
        var today = App.ParisToday();
        await App.RoundAsync(today, today.AddDays(7), teachers: true);

        Assert.Equal(3, await App.SendRoundsAsync());
        var to = (await App.NotificationsAsync()).Where(n => n.Kind == SendCheckInRoundsJob.Kind).Select(n => n.PersonId!.Value).Order();
        Assert.Equal(new[] { cast.Camille.Id, cast.Marc.Id, cast.Teacher.Id }.Order(), to);
    }

    [PostgresFact]
    public async Task CheckIns_AreDeleted_ThreeYearsAfterTheirCampaignsBilan_TheTeamsStay()
    {
        var cast = await App.CastAsync();
        var today = App.ParisToday();
        var round = await App.RoundAsync(today, today.AddDays(7));
        await App.SubmitAsync(Answers(Subject(round, cast.Lyon), 0, "late", ("scenariosState", "written")));
        using var scope = App.Services.CreateScope();
        var purge = scope.ServiceProvider.GetRequiredService<PurgeCheckInsJob>();

        Assert.Equal(0, await purge.RunAsync(TestContext.Current.CancellationToken)); // the campaign is still running
        await using (var db = App.CreateDbContext())
        {
            await db.Campaigns.Where(c => c.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(c => c.BilanDeadline, today.AddYears(-3).AddDays(-1)), TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, await purge.RunAsync(TestContext.Current.CancellationToken));
        await using var after = App.CreateDbContext();
        Assert.Equal(0, await after.CheckIns.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await after.TeamRisks.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await after.TeamProductions.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await after.FormVersions.CountAsync(v => v.Kind == CheckInRound.FormKind, TestContext.Current.CancellationToken));
        Assert.Equal(2, await after.AcademicTeams.CountAsync(TestContext.Current.CancellationToken));
    }

    [PostgresFact]
    public async Task ARoundNotOpenedYet_CanBeDeleted_WithItsCards_AnOpenOneCannot()
    {
        var cast = await App.CastAsync();
        var today = App.ParisToday();
        await CreateAsync(Iso(today.AddDays(1)), Iso(today.AddDays(8)));
        await App.SendRoundsAsync();
        var open = await App.RoundAsync(today, today.AddDays(7));
        long planned;
        await using (var db = App.CreateDbContext())
        {
            planned = await db.CheckInRounds.Where(r => r.Id != open.Id).Select(r => r.Id).SingleAsync(TestContext.Current.CancellationToken);
        }

        JsonObject Round(long id) => new() { ["round"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var byHugo = await App.InvokeAsync(Activities.Invoke("checkin.round.delete", Round(planned), change: As(HugoAad)));
        Assert.Contains("Seuls les experts et expertes TN3 du thème", byHugo.Text(), StringComparison.Ordinal);
        var started = await App.InvokeAsync(Activities.Invoke("checkin.round.delete", Round(open.Id), change: As(LeaAad)));
        Assert.Contains("Ce point d'étape a commencé", started.Text(), StringComparison.Ordinal);

        var deleted = await App.InvokeAsync(Activities.Invoke("checkin.round.delete", Round(planned), change: As(LeaAad)));
        Assert.Contains("Point d'étape supprimé", deleted.Text(), StringComparison.Ordinal);
        await using (var db = App.CreateDbContext())
        {
            Assert.Equal([open.Id], await db.CheckInRounds.Select(r => r.Id).ToListAsync(TestContext.Current.CancellationToken));
        }

        var cards = (await App.NotificationsAsync()).Where(n => n.Subject.StartsWith($"checkin:{planned}:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, cards.Count);
        Assert.All(cards, n => Assert.Equal(TraAM.Bot.Delivery.NotificationState.Cancelled, n.State));
        Assert.NotNull(cast);
    }

    [PostgresFact]
    public async Task MistakesStayBesideTheirField_WithWhatWasTyped_AndOthersCannotOpenARound()
    {
        var cast = await App.CastAsync();
        var today = App.ParisToday();
        var wrong = await CreateAsync(Iso(today.AddDays(-3)), Iso(today.AddDays(-5)));
        var text = wrong.Text();
        Assert.Contains("Cette date est passée", text, StringComparison.Ordinal);
        Assert.Contains(Iso(today.AddDays(-5)), text, StringComparison.Ordinal); // what was typed is still there
        await using (var db = App.CreateDbContext())
        {
            Assert.Equal(0, await db.CheckInRounds.CountAsync(TestContext.Current.CancellationToken));
        }

        var inspector = await CreateAsync(Iso(today.AddDays(1)), Iso(today.AddDays(5)), aad: HugoAad);
        Assert.Contains("Seuls les experts et expertes TN3 du thème", inspector.Text(), StringComparison.Ordinal);
        var otherTheme = await CreateAsync(Iso(today.AddDays(1)), Iso(today.AddDays(5)), theme: SvtYear1.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("Choisissez un de vos thèmes", otherTheme.Text(), StringComparison.Ordinal);
        await using (var db = App.CreateDbContext())
        {
            Assert.Equal(0, await db.CheckInRounds.CountAsync(TestContext.Current.CancellationToken));
        }

        App.Connector.Clear();
        await App.PostActivityAsync(Activities.PersonalMessage("check-in", change: As(HugoAad)));
        var reply = Assert.Single(App.Connector.Activities).Body!.Text();
        Assert.Contains("Aucun point d'étape ouvert pour votre équipe", reply, StringComparison.Ordinal); // an inspector answers none and opens none
        Assert.DoesNotContain(cast.Lyon.Name, reply, StringComparison.Ordinal);
    }
}
