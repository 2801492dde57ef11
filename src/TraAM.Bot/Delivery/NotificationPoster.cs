using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TraAM.Bot.Data;
using TraAM.Bot.Protocol.Connector;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Delivery;

/// <summary>
/// Posts a rendered notification once, on time, and records what Teams' answer means: sent, to retry, unreachable
/// recipient, failed, or unconfirmed when Teams may or may not have it.
/// </summary>
internal sealed partial class NotificationPoster(
    IConnector connector,
    SendPacing pacing,
    NotificationStates states,
    IOptions<DeliveryOptions> options,
    TimeProvider clock,
    ILogger logger)
{
    /// <summary>Without the bot's token nothing can be sent: the next run (every minute) tries again.</summary>
    public static readonly TimeSpan TokenRetryAfter = TimeSpan.FromMinutes(1);

    public const string TokenUnavailable = "jeton du bot indisponible (secret expiré ou Entra injoignable) : nouvel essai";

    public async Task<NotificationOutcome> PostAsync(
        TraamDbContext db, Notification n, string claim, DeliveryTarget.Conversation to, Activity activity, long slot, CancellationToken ct)
    {
        var record = to.Record;
        switch (await pacing.MarkSendingOnTimeAsync(db, n, claim, record, slot, ct))
        {
            case SendPacing.Start.LeaseLost:
                return NotificationOutcome.Skipped;
            case SendPacing.Start.TooLate:
                return await states.RetryAsync(db, n, claim, TimeSpan.Zero, "machine trop chargée pour tenir le rythme de Teams : nouvel essai", ct);
        }

        // From here the call must finish and be recorded even if the job is asked to stop: stopping half-way is
        // exactly what leaves a notification unconfirmed.
        try
        {
            var answer = await connector.SendAsync(record.ServiceUrl, record.ConversationId, activity, CancellationToken.None);
            return await states.SentAsync(db, n, answer.Id);
        }
        catch (ConnectorTokenException)
        {
            // Our token, not Teams: nothing left the process. The drain checks the token before claiming, so this is
            // only a token that expired between that check and this call.
            return await states.BackToQueueAsync(db, n, TokenRetryAfter, TokenUnavailable, CancellationToken.None);
        }
        catch (ConnectorThrottledException t)
        {
            // 429/503: not processed, safe to send again after what Teams asked. Only this notification waits: the
            // limiter already keeps us under the published limits, so a 429 is Teams' own hiccup, not our pace.
            return await states.BackToQueueAsync(db, n, t.RetryAfter, $"Teams demande d'attendre ({(int)t.Status})", CancellationToken.None);
        }
        catch (ConnectorOutcomeUnknownException u)
        {
            LogUnknown(logger, n.Id, u.Message);
            return await NotificationStates.EndSendingAsync(db, n, NotificationState.Unconfirmed, "réponse de Teams perdue : peut-être reçu, non renvoyé", NotificationOutcome.Unconfirmed);
        }
        catch (ConnectorException e) when (e.IsRecipientUnreachable || e.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return await UnreachableAsync(db, n, to, e);
        }
        catch (ConnectorException e) when (e.Status == 0 || (int)e.Status >= 500)
        {
            // Refused before sending (connection failed): nothing posted; retry with backoff until the attempts run out.
            if (n.Attempts + 1 >= options.Value.MaxAttempts)
                return await NotificationStates.EndSendingAsync(db, n, NotificationState.Failed, $"Teams injoignable après {n.Attempts + 1} essais", NotificationOutcome.Failed);
            return await states.BackToQueueAsync(db, n, RetryPolicy.Backoff(n.Attempts, Random.Shared.NextDouble), "Teams injoignable, nouvel essai", CancellationToken.None);
        }
        catch (ConnectorException e)
        {
            return await NotificationStates.EndSendingAsync(db, n, NotificationState.Failed, $"refusé par Teams ({(int)e.Status} {e.Code})", NotificationOutcome.Failed);
        }
        catch (ServiceUrlNotAllowedException)
        {
            return await NotificationStates.EndSendingAsync(db, n, NotificationState.Failed, "adresse Teams non autorisée (Bot__AllowedServiceUrls)", NotificationOutcome.Failed);
        }
    }

    /// <summary>
    /// 403/404 on a personal chat: the chat may only be stale (re-created once if Teams still knows the person);
    /// otherwise the person blocked or removed the app, and is marked unreachable so nobody keeps trying.
    /// </summary>
    private async Task<NotificationOutcome> UnreachableAsync(TraamDbContext db, Notification n, DeliveryTarget.Conversation to, ConnectorException e)
    {
        var blocked = e.Status == HttpStatusCode.Forbidden;
        await db.Conversations.Where(c => c.Id == to.Record.Id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.IsActive, false).SetProperty(c => c.UninstalledAt, clock.GetUtcNow()), CancellationToken.None);
        if (to.Person is { } person && !blocked && person.TeamsUserId is not null && n.Attempts == 0)
            return await states.BackToQueueAsync(db, n, TimeSpan.Zero, "conversation périmée : recréée au prochain essai", CancellationToken.None);

        var reason = blocked ? $"Teams refuse la livraison ({e.Code ?? "403"}) : application bloquée ou retirée" : "conversation introuvable : application retirée";
        if (to.Person is { } p)
        {
            await db.People.Where(x => x.Id == p.Id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.IsReachable, false).SetProperty(x => x.UnreachableReason, reason).SetProperty(x => x.UpdatedAt, clock.GetUtcNow()), CancellationToken.None);
        }

        return await NotificationStates.EndSendingAsync(db, n, NotificationState.Failed, reason, NotificationOutcome.Failed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Id}: outcome unknown ({Detail}); kept as unconfirmed")]
    private static partial void LogUnknown(ILogger logger, long id, string detail);
}
