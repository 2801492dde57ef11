using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;

namespace TraAM.Bot.Reminders;

/// <summary>
/// Records that someone did what a deadline asked, and stops its reminders and escalations about them. The reminder
/// card's button uses it today; the check-in and bilan features will call it when the awaited thing arrives.
/// </summary>
public sealed class DeadlineProgress(TraamDbContext db, Outbox outbox, TimeProvider clock)
{
    /// <summary>False when it was already recorded (a second click, a Teams retry).</summary>
    public async Task<bool> CompleteAsync(string subject, long personId, string source, CancellationToken ct)
    {
        var exists = await db.DeadlineCompletions.AnyAsync(c => c.Subject == subject && c.PersonId == personId, ct);
        if (!exists)
        {
            db.DeadlineCompletions.Add(new DeadlineCompletion { Subject = subject, PersonId = personId, CompletedAt = clock.GetUtcNow(), Source = source });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                exists = true; // recorded meanwhile by the same click's retry: same outcome
                db.ChangeTracker.Clear();
            }
        }

        await outbox.CancelPendingForAsync(db, subject, personId, "fait : la personne l'a signalé", ct);
        return !exists;
    }
}
