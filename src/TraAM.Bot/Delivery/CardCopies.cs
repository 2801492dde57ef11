using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Hosting;

namespace TraAM.Bot.Delivery;

/// <summary>
/// Every copy of a card about one subject (a candidacy sent to three inspectors and a channel, later a check-in or a
/// bilan) shows the subject as it is now. A change rewrites the data of each copy in the outbox: a copy not sent yet goes
/// out with it, a sent one is updated in place by <see cref="CardCopiesJob"/> (PUT on the activity Teams gave us). The
/// revision counters make that job resumable and idempotent: it only updates copies whose shown revision is behind.
/// </summary>
public sealed class CardCopies(IBackgroundJobClient jobs, ILogger<CardCopies> logger)
{
    /// <summary>
    /// Gives each copy of <paramref name="card"/> about <paramref name="subject"/> the data <paramref name="dataFor"/>
    /// returns for its recipient (null: leave that copy alone), saves, and asks for the sent ones to be updated.
    /// </summary>
    public async Task<int> ChangeAsync(TraamDbContext db, string subject, string card, Func<Recipient, object?> dataFor, CancellationToken ct)
    {
        var copies = await db.Notifications
            .Where(n => n.Subject == subject && n.Card == card
                && (n.State == NotificationState.Pending || n.State == NotificationState.Sending || n.State == NotificationState.Sent))
            .ToListAsync(ct);
        var changed = 0;
        foreach (var n in copies)
        {
            if (dataFor(new Recipient(n.PersonId, n.WorkGroupId)) is not { } data) continue;
            var json = JsonSerializer.Serialize(data, CardTemplates.DataJson);
            if (json == n.DataJson) continue;
            n.DataJson = json;
            n.Revision++;
            changed++;
        }

        await db.SaveChangesAsync(ct);
        if (changed > 0) jobs.TryEnqueue<CardCopiesJob>(j => j.RunAsync(subject, CancellationToken.None), logger);
        return changed;
    }
}
