using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Protocol.Connector;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Delivery;

/// <summary>
/// Sends one claimed notification: finds its conversation (creating the personal chat when Teams allows), renders the
/// card in the recipient's language, waits for a rate slot, then hands it to <see cref="NotificationPoster"/>, which
/// marks it "sending", posts once and records the outcome. Every state change is conditional on the claim
/// (<see cref="NotificationStates"/>), so a worker whose lease ran out cannot touch a row another took.
/// </summary>
public sealed partial class NotificationSender
{
    private readonly IDbContextFactory<TraamDbContext> _contexts;
    private readonly Outbox _outbox;
    private readonly TimeProvider _clock;
    private readonly IOptions<DeliveryOptions> _options;
    private readonly ILogger<NotificationSender> _logger;
    private readonly NotificationStates _states;
    private readonly SendPacing _pacing;
    private readonly NotificationRenderer _renderer;
    private readonly PersonalChatCreator _chats;
    private readonly NotificationPoster _poster;

    public NotificationSender(
        IDbContextFactory<TraamDbContext> contexts,
        [FromKeyedServices(ConnectorKeys.SingleAttempt)] IConnector connector,
        CardTemplates cards,
        RateLimiter limiter,
        Outbox outbox,
        TimeProvider clock,
        IOptions<DeliveryOptions> options,
        ILogger<NotificationSender> logger)
    {
        (_contexts, _outbox, _clock, _options, _logger) = (contexts, outbox, clock, options, logger);
        _states = new NotificationStates(clock);
        _pacing = new SendPacing(limiter, options, clock);
        _renderer = new NotificationRenderer(cards, clock);
        _chats = new PersonalChatCreator(connector, _pacing, options, clock);
        _poster = new NotificationPoster(connector, _pacing, _states, options, clock, logger);
    }

    public async Task<NotificationOutcome> SendAsync(long id, string claim, CancellationToken ct)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct);
        var n = await db.Set<Notification>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.LeaseOwner == claim && x.State == NotificationState.Pending, ct);
        if (n is null) return NotificationOutcome.Skipped; // taken over after our lease expired, or cancelled meanwhile
        var now = _clock.GetUtcNow();
        if (n.ExpiresAt is { } expires && expires <= now)
            return await NotificationStates.FinishAsync(db, n, claim, NotificationState.Cancelled, "échéance passée : rappel non envoyé en retard", ct);

        var target = await DeliveryTargets.ResolveAsync(db, n, ct);
        if (target is DeliveryTarget.CreateChat create)
        {
            if (n.Attempts >= _options.Value.MaxAttempts)
                return await NotificationStates.FinishAsync(db, n, claim, NotificationState.Failed, $"conversation impossible à créer après {n.Attempts} essais", ct);
            target = await _chats.CreateAsync(db, create, n.Attempts, ct);
            if (target is DeliveryTarget.Later later)
            {
                // Counted as an attempt: a Teams that keeps failing is not asked for ever.
                await NotificationStates.CountAttemptAsync(db, n, claim, ct);
                return await _states.RetryAsync(db, n, claim, later.After, later.Reason, ct);
            }
        }

        if (target is DeliveryTarget.None none)
        {
            if (none.AppMissing && none.Person is { } missing) await AppMissingNotice.TellGroupAsync(_outbox, db, missing, _clock.GetUtcNow(), ct);
            return await NotificationStates.FinishAsync(db, n, claim, NotificationState.Failed, none.Reason, ct);
        }

        var conversation = (DeliveryTarget.Conversation)target;
        Activity activity;
        try
        {
            activity = _renderer.Render(n, conversation.Language, conversation.Person);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or JsonException or InvalidOperationException or FormatException or TemplateException)
        {
            // A template or its data that no longer fit (renamed card, data of an older version): trying again
            // would fail the same way.
            LogBroken(_logger, n.Id, n.Card, ex.GetType().Name);
            return await NotificationStates.FinishAsync(db, n, claim, NotificationState.Failed, $"carte impossible à construire ({n.Card})", ct);
        }

        if (await _pacing.WaitForSlotAsync(db, conversation.Record, ct) is not { } slot)
            return await _states.RetryAsync(db, n, claim, _options.Value.MaxInlineWait, "rythme de Teams pour cette conversation", ct);

        return await _poster.PostAsync(db, n, claim, conversation, activity, slot, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Id}: card {Card} could not be built ({Error})")]
    private static partial void LogBroken(ILogger logger, long id, string card, string error);
}
