using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.People;
using TraAM.Bot.Reminders;

namespace TraAM.Bot.Candidacies.Selection;

/// <summary>
/// After a discipline's results are published: each transmitted candidacy becomes selected or not (with its audit
/// row), its team's selection is set, the selected teams become active (their academic group exists, their referent
/// joins the theme's national group), everyone concerned is told through the outbox, and the results deadline is
/// done for the discipline's TN3 experts and IGÉSR. Nothing is deleted. Idempotent: decided candidacies are not decided
/// again, notifications have their keys, deadlines are recorded once.
/// </summary>
internal sealed class PublishResultsJob(TraamDbContext db, ResultNotices notices, Outbox outbox, DeadlineProgress progress, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(int campaignId, string discipline, CancellationToken cancellationToken)
    {
        var themes = await db.Themes.AsNoTracking()
            .Where(t => t.CampaignId == campaignId && t.DisciplineCode == discipline && t.ResultsPublishedAt != null).ToListAsync(cancellationToken);
        if (themes.Count == 0) return;
        var ids = themes.Select(t => t.Id).ToList();

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await SelectionRequests.LockAsync(db, campaignId, discipline, cancellationToken);
            await DecideAsync(themes, cancellationToken);
            await ActivateAsync(ids, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await outbox.EnqueueAsync(db, await notices.BuildAsync(campaignId, discipline, cancellationToken), cancellationToken);

        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId, cancellationToken);
        var deadline = new Deadline(campaignId, DeadlineKind.Results, campaign.ResultsDate);
        var deciders = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.CampaignId == campaignId && r.DisciplineCode == discipline && (r.Role == Role.ExpertTn3 || r.Role == Role.Igesr))
            .Select(r => r.PersonId).Distinct().ToListAsync(cancellationToken);
        foreach (var person in deciders) await progress.CompleteAsync(deadline.Subject, person, "selection", cancellationToken);
    }

    private async Task DecideAsync(List<Campaigns.Theme> themes, CancellationToken ct)
    {
        var ids = themes.Select(t => t.Id).ToList();
        var transmitted = await db.Candidacies.Where(c => ids.Contains(c.ThemeId) && c.State == CandidacyState.Transmitted).ToListAsync(ct);
        var teamIds = transmitted.Select(c => c.TeamId).ToList();
        var teams = await db.AcademicTeams.Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var now = clock.GetUtcNow();
        foreach (var c in transmitted)
        {
            var theme = themes.Single(t => t.Id == c.ThemeId);
            c.State = c.PreSelected ? CandidacyState.Selected : CandidacyState.NotSelected;
            c.UpdatedAt = now;
            c.Revision++;
            teams[c.TeamId].Selection = c.PreSelected ? TeamSelection.Selected : TeamSelection.NotSelected;
            db.CandidacyDecisions.Add(new CandidacyDecision
            {
                CandidacyId = c.Id, Version = c.Version, Kind = c.PreSelected ? CandidacyDecisionKind.Selected : CandidacyDecisionKind.NotSelected,
                ByName = theme.ResultsPublishedByName ?? "", At = theme.ResultsPublishedAt ?? now,
            });
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Selected teams get their academic group, their theme its national group, and their referents the theme.</summary>
    private async Task ActivateAsync(List<int> themeIds, CancellationToken ct)
    {
        var selected = await db.AcademicTeams.Where(t => themeIds.Contains(t.ThemeId) && t.Selection == TeamSelection.Selected).ToListAsync(ct);
        var teamIds = selected.Select(t => (long?)t.Id).ToList();
        var groups = await db.WorkGroups.Where(g => themeIds.Contains(g.ThemeId)).Select(g => new { g.ThemeId, g.TeamId }).ToListAsync(ct);
        foreach (var team in selected.Where(t => !groups.Any(g => g.TeamId == t.Id)))
            db.WorkGroups.Add(new WorkGroup { Kind = GroupKind.Academic, CampaignId = team.CampaignId, ThemeId = team.ThemeId, TeamId = team.Id });
        foreach (var theme in selected.Select(t => (t.CampaignId, t.ThemeId)).Distinct().Where(x => !groups.Any(g => g.ThemeId == x.ThemeId && g.TeamId == null)))
            db.WorkGroups.Add(new WorkGroup { Kind = GroupKind.National, CampaignId = theme.CampaignId, ThemeId = theme.ThemeId });

        var referents = await db.RoleAssignments.Where(r => r.Role == Role.Referent && teamIds.Contains(r.TeamId) && r.ThemeId == null).ToListAsync(ct);
        foreach (var r in referents) r.ThemeId = selected.Single(t => t.Id == r.TeamId).ThemeId;
        await db.SaveChangesAsync(ct);
    }
}
