using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TraAM.Bot.Bilans;
using TraAM.Bot.CheckIns;
using TraAM.Bot.Forms;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.Meetings;
using static TraAM.Bot.IntegrationTests.Bilans.BilanSeed;
using static TraAM.Bot.IntegrationTests.CheckIns.CheckInSeed;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Bilans;

/// <summary>
/// A referent answering the bilan, through /api/messages on PostgreSQL: the card prefilled from the year (check-in,
/// production tracker, meetings), versions kept with who and when until the collection closes, then refused with
/// the date and nothing typed lost; everyone else refused; deleted three years after the campaign.
/// </summary>
public sealed class BilanAnswerTests(TraamApp app) : AppTest(app)
{
    private const string Scenarios = "https://hg.ac-lyon.fr/scenarios/fenetre-sur-le-monde";

    [PostgresFact]
    public async Task TheCard_IsPrefilledFromTheYear_VersionsAreKept_UntilClosing_ThenRefusedWithTheDate()
    {
        var cast = await App.CastAsync();
        var today = App.ParisToday();
        await SeedYearAsync(cast);
        await App.LaunchAsync(today.AddDays(10), "Merci !");
        var c = await App.CollectionAsync();

        var opened = await App.OpenBilanAsync(c);
        var card = opened.Text();
        Assert.Contains("Bilan de fin d'année de l'équipe Équipe HG Lyon", card, StringComparison.Ordinal);
        Assert.Contains("Prérempli avec ce que l'assistant sait de votre année", card, StringComparison.Ordinal);
        Assert.Contains("Message de Léa Petit : « Merci ! »", card, StringComparison.Ordinal);
        Assert.Equal(Scenarios, opened.WithId("url_scenarios")!["value"]!.GetValue<string>()); // the production tracker
        Assert.Equal("Pas de salle informatique au premier trimestre.", opened.WithId("difficulties")!["value"]!.GetValue<string>()); // the last check-in
        Assert.Contains("Base légale des outils et RGPD vérifiées : Oui.", opened.WithId("accessibility_rgpd")!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Réunion de lancement HG", opened.WithId("collaboration")!["value"]!.GetValue<string>(), StringComparison.Ordinal); // invited to it
        Assert.Contains("En retard", card, StringComparison.Ordinal); // the last check-in's state, as a fact
        Assert.Equal("", opened.WithId("recap")!["value"]!.GetValue<string>()); // the team's own words: never invented

        var subject = Subject(c, cast.Lyon);
        var bad = await App.SendBilanAsync(BilanAnswers(subject, 0, new string('é', 3001), ("url_magistere", "http://magistere.education.fr/ac-lyon/course/view.php?id=42")));
        Assert.Contains("Texte trop long : 3001 caractères pour 3000 au plus.", bad.Text(), StringComparison.Ordinal);
        Assert.Contains("Indiquez une adresse complète qui commence par https://", bad.Text(), StringComparison.Ordinal);
        Assert.Equal("http://magistere.education.fr/ac-lyon/course/view.php?id=42", bad.WithId("url_magistere")!["value"]!.GetValue<string>()); // kept as typed
        Assert.Null(await App.BilanAsync(cast.Lyon));

        var draft = await App.SendBilanAsync(BilanAnswers(subject, 0, "Brouillon du récapitulatif."), draft: true);
        Assert.Contains("Brouillon enregistré", draft.Text(), StringComparison.Ordinal);
        Assert.Equal(0, (await App.BilanAsync(cast.Lyon))!.Version);
        var v1 = await App.SendBilanAsync(BilanAnswers(subject, (await App.BilanAsync(cast.Lyon))!.Revision, "Un an de scénarios en seconde.", ("url_scenarios", Scenarios)));
        Assert.Contains("Bilan envoyé (version 1)", v1.Text(), StringComparison.Ordinal);
        App.Clock.Advance(TimeSpan.FromHours(2));
        var stale = await App.SendBilanAsync(BilanAnswers(subject, 0, "Depuis une vieille carte."));
        Assert.Contains("Quelqu'un a enregistré ce bilan le", stale.Text(), StringComparison.Ordinal);
        Assert.Contains("Depuis une vieille carte.", stale.Text(), StringComparison.Ordinal);
        var v2 = await App.SendBilanAsync(BilanAnswers(subject, (await App.BilanAsync(cast.Lyon))!.Revision, "Un an, deux scénarios publiés.", ("url_scenarios", Scenarios), ("advice", "Commencer tôt.")));
        Assert.Contains("Bilan envoyé (version 2)", v2.Text(), StringComparison.Ordinal);
        var same = await App.SendBilanAsync(BilanAnswers(subject, (await App.BilanAsync(cast.Lyon))!.Revision, "Un an, deux scénarios publiés.", ("url_scenarios", Scenarios), ("advice", "Commencer tôt.")));
        Assert.Contains("Rien n'a changé depuis la version 2", same.Text(), StringComparison.Ordinal);

        var bilan = (await App.BilanAsync(cast.Lyon))!;
        await using (var db = App.CreateDbContext())
        {
            var versions = await db.FormVersions.AsNoTracking().Where(v => v.Kind == Bilan.FormKind && v.SubjectId == bilan.Id).OrderBy(v => v.Number).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal([1, 2], versions.Select(v => v.Number));
            Assert.All(versions, v => Assert.Equal(("Camille Martin", (long?)cast.Camille.Id), (v.ByName, v.ByPersonId)));
            Assert.True(versions[1].At > versions[0].At);
            Assert.Equal("Commencer tôt.", FormAnswers.FromJson(versions[1].AnswersJson)["advice"]);
            Assert.Equal("Un an de scénarios en seconde.", FormAnswers.FromJson(versions[0].AnswersJson)["recap"]); // the first stays as sent

            await db.BilanCollections.Where(x => x.Id == c.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Closes, today.AddDays(-1)), TestContext.Current.CancellationToken);
        }

        var late = await App.SendBilanAsync(BilanAnswers(subject, bilan.Revision, "Un ajout après la clôture."));
        Assert.Contains($"La collecte des bilans est close depuis le {TraAM.Bot.Cards.DateText.Day(today.AddDays(-1), "fr", withWeekday: true)}", late.Text(), StringComparison.Ordinal);
        Assert.Contains("Un ajout après la clôture.", late.Text(), StringComparison.Ordinal); // nothing typed is lost
        Assert.DoesNotContain("bilan.submit", late.Text(), StringComparison.Ordinal); // no button once closed
        Assert.Equal(2, (await App.BilanAsync(cast.Lyon))!.Version);
    }

    [PostgresFact]
    public async Task OnlyTheReferent_MayFillItIn_EverySubmitChecksWhoAsks_AndTheLaunchIsTheThemesExperts()
    {
        var cast = await App.CastAsync();
        var today = App.ParisToday();
        await App.PostActivityAsync(Activities.PersonalMessage("bilan"));
        Assert.Contains("La collecte des bilans de votre thème n'est pas encore lancée", Assert.Single(App.Connector.Activities).Body!.Text(), StringComparison.Ordinal);
        var byReferent = await App.LaunchAsync(today.AddDays(10), aad: CamilleAad);
        Assert.Contains("Seuls les experts et expertes TN3 du thème", byReferent.Text(), StringComparison.Ordinal);
        var otherTheme = await App.LaunchAsync(today.AddDays(10), theme: SvtYear1.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("Choisissez un de vos thèmes de la liste.", otherTheme.Text(), StringComparison.Ordinal); // SVT is not Léa's
        var past = await App.LaunchAsync(today.AddDays(-1));
        Assert.Contains("Cette date est passée", past.Text(), StringComparison.Ordinal);
        await using (var db = App.CreateDbContext()) Assert.Equal(0, await db.BilanCollections.CountAsync(TestContext.Current.CancellationToken));

        await App.LaunchAsync(today.AddDays(10));
        var c = await App.CollectionAsync();
        var forged = await App.SendBilanAsync(BilanAnswers(Subject(c, cast.Martinique), 0)); // Camille names another team
        Assert.Contains("Seule la personne référente de l'équipe", forged.Text(), StringComparison.Ordinal);
        var teacher = await App.SendBilanAsync(BilanAnswers(Subject(c, cast.Lyon), 0), TeacherAad);
        Assert.Contains("Seule la personne référente de l'équipe", teacher.Text(), StringComparison.Ordinal);
        var inspector = await App.SendBilanAsync(BilanAnswers(Subject(c, cast.Lyon), 0), HugoAad); // may not fill it in for her
        Assert.Contains("Seule la personne référente de l'équipe", inspector.Text(), StringComparison.Ordinal);
        var expert = await App.OpenBilanAsync(c, LeaAad);
        Assert.Contains("Seule la personne référente de l'équipe", expert.Text(), StringComparison.Ordinal);
        var marc = await App.SendBilanAsync(BilanAnswers(Subject(c, cast.Lyon), 0), MarcAad);
        Assert.Contains("Seule la personne référente de l'équipe", marc.Text(), StringComparison.Ordinal);
        var unknown = await App.SendBilanAsync(BilanAnswers("999999:" + cast.Lyon.Id, 0));
        Assert.Contains("Je ne retrouve pas ce bilan", unknown.Text(), StringComparison.Ordinal);
        await using (var db = App.CreateDbContext()) Assert.Equal(0, await db.Bilans.CountAsync(TestContext.Current.CancellationToken));

        App.Connector.Clear();
        await App.PostActivityAsync(Activities.ChannelMessage("bilan"));
        Assert.Contains("conversation privée", Assert.Single(App.Connector.Activities).Body!.Text(), StringComparison.Ordinal); // a team's bilan is never posted in a channel
    }

    [PostgresFact]
    public async Task Bilans_AreDeleted_ThreeYearsAfterTheirCampaign_WithTheirVersionsAndChecks_TheTeamsStay()
    {
        var cast = await App.CastAsync();
        var today = App.ParisToday();
        await App.LaunchAsync(today.AddDays(10));
        var c = await App.CollectionAsync();
        await App.SendBilanAsync(BilanAnswers(Subject(c, cast.Lyon), 0, more: ("url_scenarios", Scenarios)));
        await using (var db = App.CreateDbContext())
        {
            db.BilanUrlChecks.Add(new BilanUrlCheck { BilanId = (await App.BilanAsync(cast.Lyon))!.Id, FieldId = "url_scenarios", Url = Scenarios, CheckedAt = App.Clock.GetUtcNow() });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var bilanDeadline = TraAM.Bot.Campaigns.Call2026.Campaign.BilanDeadline;
        Assert.Equal(0, await PurgeAsync(ParisNoon(bilanDeadline.AddYears(3)))); // three years to the day: still kept
        Assert.Equal(1, await PurgeAsync(ParisNoon(bilanDeadline.AddYears(3).AddDays(1))));

        await using var after = App.CreateDbContext();
        Assert.Equal(0, await after.BilanCollections.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await after.Bilans.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await after.BilanUrlChecks.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await after.FormVersions.CountAsync(v => v.Kind == Bilan.FormKind, TestContext.Current.CancellationToken));
        Assert.Equal(2, await after.AcademicTeams.CountAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The purge job on a fake clock of its own: the app's clock stays where the other tests need it.</summary>
    private async Task<int> PurgeAsync(DateTimeOffset at)
    {
        await using var db = App.CreateDbContext();
        return await new PurgeBilansJob(db, new FakeTimeProvider(at), NullLogger<PurgeBilansJob>.Instance).RunAsync(TestContext.Current.CancellationToken);
    }

    private static DateTimeOffset ParisNoon(DateOnly day) => TraAM.Bot.Reference.LocalTime.At(day, new TimeOnly(12, 0), TraAM.Bot.Reference.LocalTime.ZoneOf("paris"));

    /// <summary>Lyon's year: a check-in sent (late, a blocker, RGPD checked), its scenarios published, a kick-off Camille was invited to.</summary>
    private async Task SeedYearAsync(Cast cast)
    {
        var today = App.ParisToday();
        var round = await App.RoundAsync(today.AddDays(-40), today.AddDays(-30));
        await using var db = App.CreateDbContext();
        var answers = new Dictionary<string, string> { ["overall"] = "late", ["blockers"] = "Pas de salle informatique au premier trimestre.", ["rgpd"] = "yes", ["accessibility"] = "no" };
        var checkIn = new CheckIn
        {
            RoundId = round.Id, TeamId = cast.Lyon.Id, Version = 1, AnswersJson = new FormAnswers(answers).ToJson(),
            UpdatedAt = App.Clock.GetUtcNow().AddDays(-35), SubmittedAt = App.Clock.GetUtcNow().AddDays(-35), Overall = OverallProgress.Late,
        };
        db.CheckIns.Add(checkIn);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        db.TeamProductions.Add(new TeamProduction { TeamId = cast.Lyon.Id, Kind = ProductionKind.Scenarios, State = ProductionState.Published, Url = Scenarios, ChangedAt = App.Clock.GetUtcNow().AddDays(-35), CheckInId = checkIn.Id });
        var meeting = new Meeting
        {
            Id = Guid.NewGuid(), CampaignId = 1, ThemeId = HistoireGeo, Kind = MeetingKind.KickoffRemote, State = MeetingState.Scheduled,
            StartUtc = App.Clock.GetUtcNow().AddDays(-60), TimeZoneId = "Europe/Paris", Duration = TimeSpan.FromHours(2),
            Subject = "Réunion de lancement HG", Agenda = "Tour de table", CreatedAt = App.Clock.GetUtcNow().AddDays(-90), UpdatedAt = App.Clock.GetUtcNow().AddDays(-90),
        };
        db.Meetings.Add(meeting);
        db.MeetingAttendances.Add(new MeetingAttendance { MeetingId = meeting.Id, PersonId = cast.Camille.Id, Name = "Camille Martin", Email = cast.Camille.Email });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
