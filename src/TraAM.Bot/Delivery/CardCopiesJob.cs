using System.Net;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Protocol.Connector;

namespace TraAM.Bot.Delivery;

/// <summary>
/// Updates in place the sent copies of a card whose data changed (<see cref="CardCopies"/>). An update replaces the
/// whole message, so doing it twice shows the same thing: a Hangfire retry or a crash half-way only redoes copies still
/// behind. A copy still being sent, or one Teams asked us to wait for, makes the job fail so that Hangfire retries it.
/// Updates are few (the copies of one subject) and spread over conversations, so they do not take a rate slot.
/// </summary>
internal sealed partial class CardCopiesJob(TraamDbContext db, IConnector connector, NotificationRenderer renderer, ILogger<CardCopiesJob> logger)
{
    public const string Id = "delivery:card-copies";

    [AutomaticRetry(Attempts = 8)]
    public async Task RunAsync(string subject, CancellationToken cancellationToken)
    {
        var behind = await UpdateAsync(db.Notifications.Where(n => n.Subject == subject), cancellationToken);
        if (behind > 0) throw new CardCopiesBehindException(subject, behind);
    }

    /// <summary>The recurring catch-up: copies whose update was never queued or ran out of retries.</summary>
    public Task CatchUpAsync(CancellationToken cancellationToken) => UpdateAsync(db.Notifications, cancellationToken);

    /// <summary>Updates the sent copies that are behind; returns how many are still behind (in flight, throttled).</summary>
    private async Task<int> UpdateAsync(IQueryable<Notification> scope, CancellationToken ct)
    {
        var copies = await scope.AsNoTracking()
            .Where(n => n.Revision > n.ShownRevision
                && (n.State == NotificationState.Sending || (n.State == NotificationState.Sent && n.ActivityId != null)))
            .OrderBy(n => n.Id).Take(500).ToListAsync(ct);
        var behind = 0;
        foreach (var n in copies)
        {
            if (n.State == NotificationState.Sending || !await UpdateOneAsync(n, ct)) behind++;
        }

        return behind;
    }

    private async Task<bool> UpdateOneAsync(Notification n, CancellationToken ct)
    {
        if (await DeliveryTargets.ResolveAsync(db, n, ct) is not DeliveryTarget.Conversation to)
        {
            await ShownAsync(n, ct); // nowhere to update it any more (app removed, person gone): nothing to wait for
            return true;
        }

        var activity = renderer.Render(n, to.Language, to.Person, asUpdate: true);
        activity.Id = n.ActivityId;
        try
        {
            await connector.UpdateAsync(to.Record.ServiceUrl, to.Record.ConversationId, n.ActivityId!, activity, ct);
        }
        catch (ConnectorException e) when (e.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Gone or HttpStatusCode.BadRequest)
        {
            LogNotUpdated(logger, n.Id, (int)e.Status); // deleted by someone, or too old for Teams to edit: keep going
        }
        catch (Exception e) when (e is ConnectorException or ConnectorTokenException or ServiceUrlNotAllowedException)
        {
            LogLater(logger, n.Id, e.GetType().Name);
            return false;
        }

        await ShownAsync(n, ct);
        return true;
    }

    // Only forward: a slower run finishing after a newer one must not mark an older revision as shown.
    private Task<int> ShownAsync(Notification n, CancellationToken ct) =>
        db.Notifications.Where(x => x.Id == n.Id && x.ShownRevision < n.Revision)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ShownRevision, n.Revision), ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Id}: Teams refused the update ({Status}); left as it is")]
    private static partial void LogNotUpdated(ILogger logger, long id, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Id}: update not done ({Reason}); retried later")]
    private static partial void LogLater(ILogger logger, long id, string reason);
}

/// <summary>Some copies could not be updated yet: Hangfire retries the job.</summary>
public sealed class CardCopiesBehindException(string subject, int behind)
    : Exception($"{behind} copies of {subject} are not updated yet");
