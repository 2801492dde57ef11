using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Forms;
using TraAM.Bot.People;
using TraAM.Bot.Reminders;

namespace TraAM.Bot.CheckIns;

/// <summary>
/// What a sent check-in changes beyond itself: the team's production tracker, the round's deadline (answered) and the
/// completion deadline (all four productions published) recorded done for the team's referents, and the risk. Each
/// step is idempotent, so a retried or repeated send changes nothing more.
/// </summary>
internal sealed class CheckInEffects(TraamDbContext db, DeadlineProgress progress, CheckInRisks risks, TimeProvider clock)
{
    public const string Source = "checkin";

    public async Task ApplyAsync(CheckInFile file, CheckIn checkIn, FormAnswers answers, CancellationToken ct)
    {
        var allPublished = await UpdateProductionsAsync(file.Team.Id, checkIn.Id, answers, ct);
        var referents = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.Role == Role.Referent && r.TeamId == file.Team.Id).Select(r => r.PersonId).Distinct().ToListAsync(ct);
        foreach (var person in referents)
        {
            await progress.CompleteAsync(Deadline.OfRound(file.Round).Subject, person, Source, ct);
            if (allPublished) await progress.CompleteAsync(new Deadline(file.Round.CampaignId, DeadlineKind.Completion, file.Round.Closes).Subject, person, Source, ct);
        }

        await risks.RaiseOrCloseAsync(file, CheckInForm.Risk(answers), CheckInForm.RiskDetail(answers), checkIn.Confidence, ct);
    }

    /// <summary>Each production answered gets the state and address sent; <c>ChangedAt</c> moves only when one of them changed.</summary>
    private async Task<bool> UpdateProductionsAsync(long teamId, long checkInId, FormAnswers answers, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await db.TeamProductions.Where(p => p.TeamId == teamId).ToListAsync(ct);
        foreach (var (prefix, kind) in CheckInForm.Productions)
        {
            var state = CheckInForm.State(answers[prefix + "State"]);
            var url = answers[prefix + "Url"] is { Length: > 0 } u ? u : null;
            var row = rows.FirstOrDefault(p => p.Kind == kind);
            if (row is null)
            {
                if (state is null && url is null) continue;
                rows.Add(db.TeamProductions.Add(new TeamProduction
                {
                    TeamId = teamId, Kind = kind, State = state ?? ProductionState.Planned, Url = url, ChangedAt = now, CheckInId = checkInId,
                }).Entity);
                continue;
            }

            var newState = state ?? row.State;
            if (newState == row.State && url == row.Url) continue;
            (row.State, row.Url, row.ChangedAt, row.CheckInId) = (newState, url, now, checkInId);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another member's send created the same row meanwhile (unique team × kind): theirs stands, this one's next send updates it.
            db.ChangeTracker.Clear();
            rows = await db.TeamProductions.AsNoTracking().Where(p => p.TeamId == teamId).ToListAsync(ct);
        }

        return rows.Count == CheckInForm.Productions.Count && rows.All(p => p.IsPublished);
    }
}
