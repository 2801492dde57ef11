using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using TraAM.Bot.Data;
using TraAM.Bot.Protocol;
using TraAM.Bot.Protocol.Connector;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.People.Identity;

/// <summary>
/// Matches the sender of an activity to a person of the directory. First by Entra object id (in every Teams activity,
/// covered by the channel's signature); failing that, asks Teams for the member's e-mail and matches it, then
/// remembers the Entra id so the next turn is one indexed read. A directory entry that already carries another Entra
/// id is never taken over by e-mail. Resolved once per turn. The Entra id is remembered (bound for good) only when
/// <c>Bot__AllowedTenants</c> limits who can write: from any tenant, an e-mail proves too little to bind an identity,
/// so the match then holds for the turn only.
/// What Teams says about a member (e-mail, Entra id) is cached for an hour: a sender not in the directory costs one
/// Connector call per hour, not one per message, and an import still takes effect at once (the cache holds no match).
/// </summary>
internal sealed partial class CallerResolver(
    TraamDbContext db, Campaigns.CampaignPhases phases, TimeProvider clock, IMemoryCache memberCache, IOptions<BotProtocolOptions> bot, ILogger<CallerResolver> logger)
{
    private static readonly TimeSpan MemberCacheDuration = TimeSpan.FromHours(1);

    // Every turn runs one of these. Compiled once: EF otherwise walks the LINQ tree again on each call to find its cached
    // plan, and on this shape (Include + FirstOrDefault) builds a delegate each time (seen in bench/inbound's profile).
    private static readonly Func<TraamDbContext, string, CancellationToken, Task<Person?>> ByEntraId =
        EF.CompileAsyncQuery((TraamDbContext db, string aad, CancellationToken ct) => db.People.Include(p => p.Roles).FirstOrDefault(p => p.EntraObjectId == aad));

    private static readonly Func<TraamDbContext, string, CancellationToken, Task<Person?>> ByEmail =
        EF.CompileAsyncQuery((TraamDbContext db, string email, CancellationToken ct) => db.People.Include(p => p.Roles).FirstOrDefault(p => p.Email == email));

    private (string ActivityKey, Caller Caller)? _cached;

    public async Task<Caller> ResolveAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var a = turn.Activity;
        var key = $"{a.Conversation?.Id}|{a.Id}";
        if (_cached is { } c && c.ActivityKey == key) return c.Caller;
        var caller = await FindAsync(turn, cancellationToken);
        _cached = (key, caller);
        return caller;
    }

    /// <summary>A person already identified by a request (a job it queued), with their roles as they are now.</summary>
    public async Task<Caller> ForPersonAsync(long personId, CancellationToken ct)
    {
        var person = await db.People.Include(p => p.Roles).FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null) return Caller.Unknown;
        return new Caller(person, person.Roles, await CurrentCampaignAsync(ct));
    }

    private Task<People.Access.CampaignContext> CurrentCampaignAsync(CancellationToken ct) => phases.ContextAsync(ct);

    private async Task<Caller> FindAsync(TurnContext turn, CancellationToken ct)
    {
        var from = turn.Activity.From;
        if (from?.Id is null) return Caller.Unknown;
        var aad = NormalizeGuid(from.AadObjectId);
        Person? person = null;
        if (aad is not null) person = await ByEntraId(db, aad, ct);
        person ??= await FindByEmailAsync(turn, from.Id, aad, ct);
        if (person is null) return Caller.Unknown;

        // In their personal chat: the 29: id (per bot and per user, what a proactive 1:1 needs) and the language of their
        // Teams client, which proactive messages will be written in.
        var language = string.IsNullOrEmpty(turn.Activity.Locale) ? person.PreferredLanguage : turn.Language;
        // And someone writing to the bot has the app and does not block it: reachable again if Teams had said otherwise.
        if (turn.IsPersonal && (person.TeamsUserId != from.Id || person.PreferredLanguage != language || !person.IsReachable))
        {
            person.TeamsUserId = from.Id;
            person.PreferredLanguage = language;
            person.IsReachable = true;
            person.UnreachableReason = null;
            person.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }

        return new Caller(person, person.Roles, await CurrentCampaignAsync(ct));
    }

    private async Task<Person?> FindByEmailAsync(TurnContext turn, string memberId, string? aad, CancellationToken ct)
    {
        var a = turn.Activity;
        if (a.ServiceUrl is null || a.Conversation?.Id is null) return null;
        var key = "teams-member:" + memberId;
        if (!memberCache.TryGetValue(key, out (string? Email, string? Aad) member))
        {
            try
            {
                var found = await turn.Connector.GetConversationMemberAsync(a.ServiceUrl, a.Conversation.Id, memberId, ct);
                member = ((found.Email ?? found.UserPrincipalName)?.Trim().ToLowerInvariant(), NormalizeGuid(found.AadObjectId));
            }
            catch (ConnectorException ex)
            {
                // Not cached for long: it may be Teams being busy, not an answer about the member.
                LogMemberLookupFailed(logger, (int)ex.Status);
                memberCache.Set(key, ((string?)null, (string?)null), TimeSpan.FromMinutes(1));
                return null;
            }

            memberCache.Set(key, member, MemberCacheDuration);
        }

        var email = member.Email;
        aad ??= member.Aad;

        if (string.IsNullOrEmpty(email)) return null;
        var person = await ByEmail(db, email, ct);
        if (person is null) return null;
        if (person.EntraObjectId is not null && person.EntraObjectId != aad)
        {
            LogEntraMismatch(logger, person.Id);
            return null;
        }

        if (person.EntraObjectId is null && aad is not null && bot.Value.AllowedTenants.Count > 0)
        {
            person.EntraObjectId = aad;
            person.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }

        return person;
    }

    internal static string? NormalizeGuid(string? value) => Guid.TryParse(value, out var g) ? g.ToString("D") : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams member lookup failed ({Status}); sender treated as unknown")]
    private static partial void LogMemberLookupFailed(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Person {PersonId} matched by e-mail but carries another Entra id; not matched")]
    private static partial void LogEntraMismatch(ILogger logger, long personId);
}
