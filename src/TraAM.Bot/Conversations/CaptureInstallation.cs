using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Protocol.Connector;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Conversations;

/// <summary>
/// Installation in a personal chat, a team channel or a group chat (installationUpdate add, or conversationUpdate
/// with the bot among membersAdded; Teams sends both): store where to write later and welcome once. Uninstall
/// (installationUpdate remove, bot removed, team deleted) marks the conversation inactive, so nothing is sent there.
/// </summary>
internal sealed partial class CaptureInstallation(TraamDbContext db, CardTemplates cards, TimeProvider clock, ILogger<CaptureInstallation> logger)
    : ITurnHandler
{
    public const string WelcomeCard = "shared/welcome";
    private const int LargeTeam = 100;

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var a = turn.Activity;
        switch (Classify(a))
        {
            case Change.Installed:
                var record = await UpsertAsync(a, cancellationToken);
                await WelcomeOnceAsync(turn, record, cancellationToken);
                break;
            case Change.Uninstalled:
                await DeactivateAsync(c => c.ConversationId == a.Conversation!.Id, cancellationToken);
                break;
            case Change.TeamDeleted:
                var teamId = a.ChannelData?.Team?.Id;
                await DeactivateAsync(c => c.TeamId == teamId || c.ConversationId == teamId, cancellationToken);
                break;
        }
    }

    internal enum Change { None, Installed, Uninstalled, TeamDeleted }

    internal static Change Classify(Activity a)
    {
        if (a.Conversation?.Id is null || a.ServiceUrl is null) return Change.None;
        if (a.Type == ActivityTypes.InstallationUpdate)
        {
            return a.Action switch
            {
                "add" or "add-upgrade" => Change.Installed,
                "remove" => Change.Uninstalled,
                _ => Change.None,
            };
        }

        if (a.Type != ActivityTypes.ConversationUpdate) return Change.None;
        if (a.BotIn(a.MembersAdded)) return Change.Installed;
        if (a.BotIn(a.MembersRemoved)) return Change.Uninstalled;
        return a.ChannelData?.EventType is "teamDeleted" or "teamHardDeleted" ? Change.TeamDeleted : Change.None;
    }

    private async Task<ConversationRecord> UpsertAsync(Activity a, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var id = a.Conversation!.Id!;
        var personal = a.Conversation.ConversationType is null or ConversationTypes.Personal;
        await InsertIfAbsentAsync(ConversationRecord.From(a, id, a.Conversation.ConversationType ?? ConversationTypes.Personal, now), ct);
        var record = await db.Conversations.SingleAsync(c => c.ConversationId == id, ct);
        if (!record.IsActive) record.InstalledAt = now;
        record.RefreshFrom(a, now);
        record.BotId = a.Recipient?.Id ?? record.BotId;
        // Only a personal chat belongs to one person; in a channel the installer is not "the user".
        record.UserId = personal ? a.From?.Id ?? record.UserId : null;
        record.UserAadObjectId = personal ? a.From?.AadObjectId ?? record.UserAadObjectId : null;
        record.Locale = a.Locale ?? record.Locale;
        await db.SaveChangesAsync(ct);
        if (personal && People.Identity.CallerResolver.NormalizeGuid(a.From?.AadObjectId) is { } aad) await ReachableAgainAsync(aad, now, ct);
        return record;
    }

    /// <summary>
    /// installationUpdate and conversationUpdate arrive together, and both may find no row: the database settles it
    /// (ON CONFLICT DO NOTHING, in PostgreSQL and SQLite alike), so the loser is the expected case, not a failed
    /// INSERT that EF Core would log as an error. The row starts inactive; the caller then fills it in as usual.
    /// </summary>
    private Task<int> InsertIfAbsentAsync(ConversationRecord r, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(ConversationRecord))!;
        var at = entity.ToProvider(nameof(ConversationRecord.InstalledAt), r.InstalledAt);
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Conversations" ("ConversationId", "ServiceUrl", "ChannelId", "ConversationType", "BotId", "IsActive", "InstalledAt", "UpdatedAt")
            VALUES ({r.ConversationId}, {r.ServiceUrl}, {r.ChannelId}, {r.ConversationType}, {r.BotId}, {false}, {at}, {at})
            ON CONFLICT ("ConversationId") DO NOTHING
            """, ct);
    }

    /// <summary>Someone who installs the app again can be written to again (they had removed or blocked it).</summary>
    private Task<int> ReachableAgainAsync(string aadObjectId, DateTimeOffset now, CancellationToken ct) =>
        db.People.Where(p => p.EntraObjectId == aadObjectId && !p.IsReachable).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.IsReachable, true).SetProperty(p => p.UnreachableReason, (string?)null).SetProperty(p => p.UpdatedAt, now), ct);

    private async Task WelcomeOnceAsync(TurnContext turn, ConversationRecord record, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // The database decides who welcomes: exactly one of the concurrent installation activities wins this update.
        var won = await db.Conversations.Where(c => c.Id == record.Id && c.WelcomedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.WelcomedAt, now), ct) == 1;
        if (!won || await IsLargeTeamAsync(turn, ct)) return;

        try
        {
            // Teams sends installationUpdate (with a locale) and conversationUpdate (sometimes without) together, and
            // either may win the welcome: without a locale of its own, use the one stored from the other event.
            var language = string.IsNullOrEmpty(turn.Activity.Locale) ? Languages.FromLocale(record.Locale) : turn.Language;
            var card = cards.Render(WelcomeCard, new WelcomeCardData(!turn.IsPersonal), language);
            await turn.SendCardAsync(card, ct);
        }
        catch
        {
            // Not welcomed after all: let Teams' retry (or the next install event) try again.
            await db.Conversations.Where(c => c.Id == record.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.WelcomedAt, (DateTimeOffset?)null), CancellationToken.None);
            throw;
        }
    }

    // Teams guidance: no welcome message in teams of more than 100 members. Best effort: if Teams cannot tell, welcome.
    private async Task<bool> IsLargeTeamAsync(TurnContext turn, CancellationToken ct)
    {
        var team = turn.Activity.ChannelData?.Team?.Id;
        if (team is null) return false;
        try
        {
            var details = await turn.Connector.GetTeamDetailsAsync(turn.Activity.ServiceUrl!, team, ct);
            return details.MemberCount > LargeTeam;
        }
        catch (ConnectorException ex)
        {
            LogTeamDetailsUnavailable(logger, (int)ex.Status);
            return false;
        }
    }

    private async Task DeactivateAsync(System.Linq.Expressions.Expression<Func<ConversationRecord, bool>> which, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var count = await db.Conversations.Where(which).Where(c => c.IsActive).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.IsActive, false)
            .SetProperty(c => c.UninstalledAt, now)
            .SetProperty(c => c.UpdatedAt, now)
            .SetProperty(c => c.WelcomedAt, (DateTimeOffset?)null), ct);
        LogDeactivated(logger, count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Team details unavailable ({Status}); welcoming anyway")]
    private static partial void LogTeamDetailsUnavailable(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot uninstalled: {Count} conversation(s) marked inactive")]
    private static partial void LogDeactivated(ILogger logger, int count);
}

/// <summary>Data of cards/shared/welcome.json.</summary>
internal sealed record WelcomeCardData(bool IsChannel);
