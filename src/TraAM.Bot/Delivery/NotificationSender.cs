using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TraAM.Bot.Cards;
using TraAM.Bot.Conversations;
using TraAM.Bot.Data;
using TraAM.Bot.People;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Connector;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Delivery;

public enum NotificationOutcome { Sent, Retry, Failed, Unconfirmed, Cancelled, Skipped }

/// <summary>
/// Sends one claimed notification: finds its conversation (creating the personal chat when Teams allows), renders the
/// card in the recipient's language, waits for a rate slot, marks it "sending", posts once, and records the outcome.
/// Every state change is conditional on the claim, so a worker whose lease ran out cannot touch a row another took.
/// </summary>
public sealed partial class NotificationSender(
    IDbContextFactory<TraamDbContext> contexts,
    [FromKeyedServices(ConnectorKeys.SingleAttempt)] IConnector connector,
    CardTemplates cards,
    RateLimiter limiter,
    Outbox outbox,
    TimeProvider clock,
    IOptions<DeliveryOptions> options,
    ILogger<NotificationSender> logger)
{
    /// <summary>Sent this long after it was due, a message says it is late and when it was meant for.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromHours(1);

    /// <summary>Without the bot's token nothing can be sent: the next run (every minute) tries again.</summary>
    public static readonly TimeSpan TokenRetryAfter = TimeSpan.FromMinutes(1);

    public const string TokenUnavailable = "jeton du bot indisponible (secret expiré ou Entra injoignable) : nouvel essai";

    public async Task<NotificationOutcome> SendAsync(long id, string claim, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var n = await db.Set<Notification>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.LeaseOwner == claim && x.State == NotificationState.Pending, ct);
        if (n is null) return NotificationOutcome.Skipped; // taken over after our lease expired, or cancelled meanwhile
        var now = clock.GetUtcNow();
        if (n.ExpiresAt is { } expires && expires <= now)
            return await FinishAsync(db, n, claim, NotificationState.Cancelled, "échéance passée : rappel non envoyé en retard", ct);

        var target = await DeliveryTargets.ResolveAsync(db, n, ct);
        if (target is DeliveryTarget.CreateChat create)
        {
            if (n.Attempts >= options.Value.MaxAttempts)
                return await FinishAsync(db, n, claim, NotificationState.Failed, $"conversation impossible à créer après {n.Attempts} essais", ct);
            target = await CreateChatAsync(db, create, n.Attempts, ct);
            if (target is DeliveryTarget.Later later)
            {
                // Counted as an attempt: a Teams that keeps failing is not asked for ever.
                await db.Set<Notification>().Where(x => x.Id == n.Id && x.LeaseOwner == claim).ExecuteUpdateAsync(s => s.SetProperty(x => x.Attempts, x => x.Attempts + 1), ct);
                return await RetryAsync(db, n, claim, later.After, later.Reason, ct);
            }
        }

        if (target is DeliveryTarget.None none)
        {
            if (none.AppMissing && none.Person is { } missing) await TellGroupAsync(db, missing, ct);
            return await FinishAsync(db, n, claim, NotificationState.Failed, none.Reason, ct);
        }

        var conversation = (DeliveryTarget.Conversation)target;
        Activity activity;
        try
        {
            activity = Render(n, conversation.Language, conversation.Person);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or JsonException or InvalidOperationException or FormatException or TemplateException)
        {
            // A template or its data that no longer fit (renamed card, data of an older version): trying again
            // would fail the same way.
            LogBroken(logger, n.Id, n.Card, ex.GetType().Name);
            return await FinishAsync(db, n, claim, NotificationState.Failed, $"carte impossible à construire ({n.Card})", ct);
        }

        if (await WaitForSlotAsync(db, conversation.Record, ct) is not { } slot)
            return await RetryAsync(db, n, claim, options.Value.MaxInlineWait, "rythme de Teams pour cette conversation", ct);

        return await PostAsync(db, n, claim, conversation, activity, slot, ct);
    }

    private async Task<NotificationOutcome> PostAsync(
        TraamDbContext db, Notification n, string claim, DeliveryTarget.Conversation to, Activity activity, long slot, CancellationToken ct)
    {
        var record = to.Record;
        switch (await MarkSendingOnTimeAsync(db, n, claim, record, slot, ct))
        {
            case Start.LeaseLost:
                return NotificationOutcome.Skipped;
            case Start.TooLate:
                return await RetryAsync(db, n, claim, TimeSpan.Zero, "machine trop chargée pour tenir le rythme de Teams : nouvel essai", ct);
        }

        // From here the call must finish and be recorded even if the job is asked to stop: stopping half-way is
        // exactly what leaves a notification unconfirmed.
        try
        {
            var answer = await connector.SendAsync(record.ServiceUrl, record.ConversationId, activity, CancellationToken.None);
            await db.Set<Notification>().Where(x => x.Id == n.Id && x.State == NotificationState.Sending).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.State, NotificationState.Sent)
                .SetProperty(x => x.SentAt, clock.GetUtcNow())
                .SetProperty(x => x.ActivityId, answer.Id)
                .SetProperty(x => x.LeaseOwner, (string?)null), CancellationToken.None);
            return NotificationOutcome.Sent;
        }
        catch (ConnectorTokenException)
        {
            // Our token, not Teams: nothing left the process. The drain checks the token before claiming, so this is
            // only a token that expired between that check and this call.
            return await BackToQueueAsync(db, n, TokenRetryAfter, TokenUnavailable, CancellationToken.None);
        }
        catch (ConnectorThrottledException t)
        {
            // 429/503: not processed, safe to send again after what Teams asked. Only this notification waits: the
            // limiter already keeps us under the published limits, so a 429 is Teams' own hiccup, not our pace.
            return await BackToQueueAsync(db, n, t.RetryAfter, $"Teams demande d'attendre ({(int)t.Status})", CancellationToken.None);
        }
        catch (ConnectorOutcomeUnknownException u)
        {
            LogUnknown(logger, n.Id, u.Message);
            return await EndSendingAsync(db, n, NotificationState.Unconfirmed, "réponse de Teams perdue : peut-être reçu, non renvoyé", NotificationOutcome.Unconfirmed);
        }
        catch (ConnectorException e) when (e.IsRecipientUnreachable || e.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return await UnreachableAsync(db, n, to, e);
        }
        catch (ConnectorException e) when (e.Status == 0 || (int)e.Status >= 500)
        {
            // Refused before sending (connection failed): nothing posted; retry with backoff until the attempts run out.
            if (n.Attempts + 1 >= options.Value.MaxAttempts)
                return await EndSendingAsync(db, n, NotificationState.Failed, $"Teams injoignable après {n.Attempts + 1} essais", NotificationOutcome.Failed);
            return await BackToQueueAsync(db, n, RetryPolicy.Backoff(n.Attempts, Random.Shared.NextDouble), "Teams injoignable, nouvel essai", CancellationToken.None);
        }
        catch (ConnectorException e)
        {
            return await EndSendingAsync(db, n, NotificationState.Failed, $"refusé par Teams ({(int)e.Status} {e.Code})", NotificationOutcome.Failed);
        }
        catch (ServiceUrlNotAllowedException)
        {
            return await EndSendingAsync(db, n, NotificationState.Failed, "adresse Teams non autorisée (Bot__AllowedServiceUrls)", NotificationOutcome.Failed);
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
            return await BackToQueueAsync(db, n, TimeSpan.Zero, "conversation périmée : recréée au prochain essai", CancellationToken.None);

        var reason = blocked ? $"Teams refuse la livraison ({e.Code ?? "403"}) : application bloquée ou retirée" : "conversation introuvable : application retirée";
        if (to.Person is { } p)
        {
            await db.People.Where(x => x.Id == p.Id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.IsReachable, false).SetProperty(x => x.UnreachableReason, reason).SetProperty(x => x.UpdatedAt, clock.GetUtcNow()), CancellationToken.None);
        }

        return await EndSendingAsync(db, n, NotificationState.Failed, reason, NotificationOutcome.Failed);
    }

    /// <summary>
    /// POST v3/conversations for a person the bot has never written to: the new chat, why it cannot be created, or
    /// when to try again (no rate slot now, Teams asked to wait or did not answer).
    /// </summary>
    private async Task<DeliveryTarget> CreateChatAsync(TraamDbContext db, DeliveryTarget.CreateChat c, int attempts, CancellationToken ct)
    {
        var (_, wait) = await TenantSlotAsync(db, c.TenantId, ct);
        if (wait > options.Value.MaxInlineWait) return new DeliveryTarget.Later(wait, "en attente d'un créneau Teams");
        await Task.Delay(wait, limiter.Clock, ct);
        try
        {
            var created = await connector.CreateConversationAsync(c.ServiceUrl, ConversationParameters.PersonalChat(c.BotId, c.Person.TeamsUserId!, c.TenantId), ct);
            if (created.Id is null) return new DeliveryTarget.None("Teams n'a pas créé la conversation", c.Person);
            var now = clock.GetUtcNow();
            var record = await db.Conversations.FirstOrDefaultAsync(x => x.ConversationId == created.Id, ct);
            if (record is null)
            {
                record = new ConversationRecord
                {
                    ConversationId = created.Id, ServiceUrl = created.ServiceUrl ?? c.ServiceUrl, ChannelId = "msteams",
                    ConversationType = ConversationTypes.Personal, BotId = c.BotId, InstalledAt = now,
                };
                db.Conversations.Add(record);
            }

            record.TenantId = c.TenantId;
            record.UserId = c.Person.TeamsUserId;
            record.UserAadObjectId = c.Person.EntraObjectId;
            record.IsActive = true;
            record.UninstalledAt = null;
            record.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return new DeliveryTarget.Conversation(record, c.Person.PreferredLanguage, c.Person);
        }
        catch (ConnectorThrottledException t)
        {
            return new DeliveryTarget.Later(t.RetryAfter, $"Teams demande d'attendre ({(int)t.Status})");
        }
        catch (ConnectorException e) when (e.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            return new DeliveryTarget.None(DeliveryTargets.AppNotInstalled, c.Person, AppMissing: true);
        }
        catch (ConnectorException e) when (e is ConnectorOutcomeUnknownException || e.Status == 0 || (int)e.Status >= 500)
        {
            // Teams gives the same 1:1 chat for the same person: asking again cannot create a second one.
            return new DeliveryTarget.Later(RetryPolicy.Backoff(attempts, Random.Shared.NextDouble), "Teams injoignable pour créer la conversation");
        }
        catch (ConnectorException e)
        {
            return new DeliveryTarget.None($"Teams refuse de créer la conversation ({(int)e.Status} {e.Code})", c.Person);
        }
    }

    /// <summary>The person's group channel hears once that they cannot be reached (the key makes it once).</summary>
    private async Task TellGroupAsync(TraamDbContext db, Person person, CancellationToken ct)
    {
        if (await DeliveryTargets.LinkedGroupOfAsync(db, person, ct) is not { } group) return;
        await outbox.EnqueueAsync(db, new NotificationRequest(
            "delivery.app-missing", $"person:{person.Id}", Recipient.Group(group.Id), "once", AppMissingCard.Name,
            new AppMissingCard(person.DisplayName), clock.GetUtcNow()), ct);
    }

    /// <summary>Waits for this conversation's and the tenant's next slots; null when the conversation's is too far off.</summary>
    private async Task<long?> WaitForSlotAsync(TraamDbContext db, ConversationRecord record, CancellationToken ct)
    {
        var max = options.Value.MaxInlineWait;
        var conversationWait = await limiter.ReserveAsync(db, [.. TeamsLimits.Conversation.Select(r => (ConversationKey(record, r), r))], ct);
        if (conversationWait > max) return null;
        var (slot, tenantWait) = await TenantSlotAsync(db, record.TenantId, ct);
        var wait = conversationWait > tenantWait ? conversationWait : tenantWait;
        if (wait > TimeSpan.Zero) await Task.Delay(wait, limiter.Clock, ct);
        return slot;
    }

    /// <summary>The tenant's next slot (wall-clock ticks) and how long until it.</summary>
    private async Task<(long Slot, TimeSpan Wait)> TenantSlotAsync(TraamDbContext db, string? tenantId, CancellationToken ct)
    {
        var start = limiter.Clock.GetUtcNow().UtcTicks;
        var wait = await limiter.ReserveAsync(db, [(TenantKey(tenantId), Tenant)], ct);
        return (start + wait.Ticks, wait);
    }

    /// <summary>
    /// Marks the notification "sending" — the last write before Teams is called — so that a crash from here on can
    /// never lead to a second send. Teams counts requests when they arrive: one that would leave well after its slot
    /// (a slow write, a busy CPU) could land in the same second as the slots after it, so it goes back to "pending",
    /// takes a fresh slot (the old one is wasted, erring on the safe side) and tries again. Being "sending" only while
    /// on time keeps the window in which a kill leaves a notification unconfirmed to a few milliseconds.
    /// </summary>
    private enum Start { OnTime, LeaseLost, TooLate }

    private async Task<Start> MarkSendingOnTimeAsync(TraamDbContext db, Notification n, string claim, ConversationRecord record, long slot, CancellationToken ct)
    {
        var row = db.Set<Notification>().Where(x => x.Id == n.Id && x.LeaseOwner == claim);
        for (var attempt = 0; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var started = await row.Where(x => x.State == NotificationState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, NotificationState.Sending).SetProperty(x => x.SendingSince, now)
                    .SetProperty(x => x.Attempts, x => x.Attempts + 1), ct);
            if (started == 0) return Start.LeaseLost; // taken over (lease expired) or cancelled meanwhile
            if (limiter.Clock.GetUtcNow().UtcTicks - slot <= MaxLateness.Ticks) return Start.OnTime;

            await row.Where(x => x.State == NotificationState.Sending).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.State, NotificationState.Pending).SetProperty(x => x.Attempts, x => x.Attempts - 1), ct);
            if (attempt == 2) return Start.TooLate; // this machine is too busy to keep time: back to the queue
            (slot, var wait) = await TenantSlotAsync(db, record.TenantId, ct);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, limiter.Clock, ct);
        }
    }

    /// <summary>
    /// How late after its slot a request may still leave. Slots are 1/(limit × margin) apart, so requests whose
    /// lateness differs by less than (1/margin − 1) s can never put more than the limit into one second
    /// (e.g. 0.96 → 41 ms); beyond that, a fresh slot.
    /// </summary>
    private TimeSpan MaxLateness => TimeSpan.FromSeconds(((1 / options.Value.SafetyMargin) - 1) * 0.95);

    private RateRule Tenant => TeamsLimits.Tenant(options.Value.EffectiveTenantRate);

    private static string TenantKey(string? tenantId) => $"tenant:{tenantId ?? "-"}";

    private static string ConversationKey(ConversationRecord record, RateRule rule) => $"conv:{rule.Name}:{record.ConversationId}";

    private Activity Render(Notification n, string language, Person? person)
    {
        using var data = JsonDocument.Parse(n.DataJson);
        var card = cards.RenderElement(n.Card, LocalizedData.For(data.RootElement, language), language);
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Attachments = [Attachment.AdaptiveCard(card)],
            // The line the Teams notification shows, and what an assistive reader announces first.
            Summary = cards.Text("delivery.summary", language),
        };

        // Late because the bot (or Teams) was unavailable: say so rather than pretend it is on time.
        var now = clock.GetUtcNow();
        if (now - n.DueAt > LateAfter)
        {
            var zone = Reminders.LocalTime.ZoneOf(person?.AcademyCode);
            var planned = TimeZoneInfo.ConvertTime(n.DueAt, zone);
            var culture = Languages.Culture(language);
            activity.Text = string.Format(culture, cards.Text("delivery.late", language), planned.ToString(language == Languages.English ? "dddd d MMMM, HH:mm" : "dddd d MMMM à HH:mm", culture));
        }

        return activity;
    }

    private Task<NotificationOutcome> RetryAsync(TraamDbContext db, Notification n, string claim, TimeSpan after, string reason, CancellationToken ct) =>
        Update(db.Set<Notification>().Where(x => x.Id == n.Id && x.LeaseOwner == claim && x.State == NotificationState.Pending), after, reason, ct);

    private Task<NotificationOutcome> BackToQueueAsync(TraamDbContext db, Notification n, TimeSpan after, string reason, CancellationToken ct) =>
        Update(db.Set<Notification>().Where(x => x.Id == n.Id && x.State == NotificationState.Sending), after, reason, ct);

    private async Task<NotificationOutcome> Update(IQueryable<Notification> row, TimeSpan after, string reason, CancellationToken ct)
    {
        var next = clock.GetUtcNow() + after;
        await row.ExecuteUpdateAsync(s => s
            .SetProperty(x => x.State, NotificationState.Pending)
            .SetProperty(x => x.NextAttemptAt, next)
            .SetProperty(x => x.FailureReason, reason)
            .SetProperty(x => x.LeaseOwner, (string?)null)
            .SetProperty(x => x.LeaseUntil, (DateTimeOffset?)null), ct);
        return NotificationOutcome.Retry;
    }

    private static async Task<NotificationOutcome> FinishAsync(TraamDbContext db, Notification n, string claim, NotificationState state, string reason, CancellationToken ct)
    {
        await db.Set<Notification>().Where(x => x.Id == n.Id && x.LeaseOwner == claim && x.State == NotificationState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, state).SetProperty(x => x.FailureReason, reason).SetProperty(x => x.LeaseOwner, (string?)null), ct);
        return state == NotificationState.Cancelled ? NotificationOutcome.Cancelled : NotificationOutcome.Failed;
    }

    private static async Task<NotificationOutcome> EndSendingAsync(TraamDbContext db, Notification n, NotificationState state, string reason, NotificationOutcome outcome)
    {
        await db.Set<Notification>().Where(x => x.Id == n.Id && x.State == NotificationState.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, state).SetProperty(x => x.FailureReason, reason).SetProperty(x => x.LeaseOwner, (string?)null), CancellationToken.None);
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Id}: card {Card} could not be built ({Error})")]
    private static partial void LogBroken(ILogger logger, long id, string card, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Id}: outcome unknown ({Detail}); kept as unconfirmed")]
    private static partial void LogUnknown(ILogger logger, long id, string detail);
}

/// <summary>Data of cards/delivery/app-missing.json.</summary>
internal sealed record AppMissingCard(string Person)
{
    public const string Name = "delivery/app-missing";
}
