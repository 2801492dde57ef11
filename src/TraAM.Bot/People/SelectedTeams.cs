using TraAM.Bot.Data;

namespace TraAM.Bot.People;

/// <summary>
/// The one rule for "the teams that work" in a campaign: those the national selection retained; or, for a campaign
/// whose selection happened before the bot (2026-2027, imported as it was), every team. Completion and bilan reminders,
/// and later check-ins, concern these teams only.
/// </summary>
public static class SelectedTeams
{
    public static IQueryable<AcademicTeam> Of(TraamDbContext db, int campaignId) =>
        db.AcademicTeams.Where(t => t.CampaignId == campaignId
            && (t.Selection == TeamSelection.Selected
                || (!db.Themes.Any(th => th.CampaignId == campaignId && th.ResultsPublishedAt != null)
                    && !db.AcademicTeams.Any(o => o.CampaignId == campaignId && o.Selection != null))));
}
