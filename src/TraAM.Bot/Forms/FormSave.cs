using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;

namespace TraAM.Bot.Forms;

/// <summary>
/// How every versioned form (candidacy, check-in, later bilan and minutes) writes a save: the answers first, so that a
/// new row gets the id its version points to, then the numbered <see cref="FormVersion"/> when the save is a submission,
/// in one transaction.
/// </summary>
public static class FormSave
{
    /// <summary>
    /// Saves what is tracked and, with <paramref name="addVersion"/>, what it adds. False when someone saved meanwhile
    /// (the form's concurrency token, or its one-per-subject index): nothing of ours is written and the change tracker is
    /// cleared, for the caller to show the other save and keep what was typed.
    /// </summary>
    public static async Task<bool> SaveAsync(TraamDbContext db, Action? addVersion, CancellationToken ct)
    {
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            if (addVersion is not null)
            {
                addVersion();
                await db.SaveChangesAsync(ct);
            }

            await tx.CommitAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
