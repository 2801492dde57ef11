using TraAM.Bot.Candidacies;
using TraAM.Bot.IntegrationTests.Infrastructure;
using static TraAM.Bot.IntegrationTests.Infrastructure.CandidacySeed;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Candidacies;

/// <summary>Who is reminded of the end-of-March submission: those who still have something to decide or to send.</summary>
public sealed class SubmissionRemindersTests(TraamApp app) : AppTest(app)
{
    [PostgresFact]
    public async Task Inspectors_with_pending_candidacies_and_DAN_DRAN_not_yet_transmitted_are_reminded()
    {
        await App.SetCallAsync(submissionInDays: 20);
        await App.CandidacyAsync(await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1), CandidacyState.Pending, "En attente");
        await App.CandidacyAsync(await App.TeamAsync("Équipe SVT Paris", "paris", SvtYear1), CandidacyState.Approved, "Approuvée");
        var lyonSvt = await App.PersonAsync("Hugo", "Lambert", "aad-hugo", Inspector("lyon", "svt"));
        var lyonMaths = await App.PersonAsync("Léa", "Petit", "aad-lea", Inspector("lyon", "mathematiques"));
        var parisSvt = await App.PersonAsync("Marc", "Durand", "aad-marc", Inspector("paris", "svt"));
        var lyonDan = await App.PersonAsync("Dana", "Nguyen", "aad-dana", Dan("lyon"));
        var parisDan = await App.PersonAsync("Paul", "Roux", "aad-paul", Dan("paris"));
        var idfDran = await App.PersonAsync("Rémi", "Garnier", "aad-remi", Dran("ile-de-france"));
        var araDran = await App.PersonAsync("Anne", "Colin", "aad-anne", Dran("auvergne-rhone-alpes"));
        await using (var db = App.CreateDbContext())
        {
            db.CandidacyExports.Add(new CandidacyExport
            {
                CampaignId = 1, ScopeKey = "academy:paris", ByPersonId = parisDan.Id, ByName = "Paul Roux", At = App.Clock.GetUtcNow(),
                FileName = "f.xlsx", ExpiresAt = App.Clock.GetUtcNow().AddDays(7), Count = 1,
            });
            await db.SaveChangesAsync();
        }

        await App.PlanAsync();

        Assert.NotEmpty(await App.RemindersAsync(lyonSvt.Id, "submission"));
        Assert.Empty(await App.RemindersAsync(lyonMaths.Id, "submission")); // nothing of their discipline pending
        Assert.Empty(await App.RemindersAsync(parisSvt.Id, "submission")); // nothing pending in Paris
        Assert.NotEmpty(await App.RemindersAsync(lyonDan.Id, "submission"));
        Assert.Empty(await App.RemindersAsync(parisDan.Id, "submission")); // Paris was transmitted
        Assert.Empty(await App.RemindersAsync(idfDran.Id, "submission")); // its only académie with candidacies was transmitted
        Assert.NotEmpty(await App.RemindersAsync(araDran.Id, "submission"));
    }
}
