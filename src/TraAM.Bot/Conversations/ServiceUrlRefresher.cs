using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using TraAM.Bot.Data;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Conversations;

/// <summary>
/// Keeps each stored conversation's <see cref="ConversationRecord.ServiceUrl"/> (where the outbox sends) equal to the
/// one Teams last used, from every inbound activity whose token vouched for it. Cheap on the hot path: a bounded
/// in-memory note of the last serviceUrl seen per conversation skips the database when nothing changed, and the
/// update itself only touches a row whose value differs, so an unchanged reference is never written.
/// </summary>
internal sealed class ServiceUrlRefresher(IDbContextFactory<TraamDbContext> contexts, TimeProvider clock) : IVerifiedServiceUrlObserver, IDisposable
{
    /// <summary>Conversations remembered at once; beyond it the least recently used are dropped (one query more for them).</summary>
    public const int Capacity = 20_000;

    // Another instance may move the row in between: the note expires so that a stale one cannot last.
    private static readonly TimeSpan Remember = TimeSpan.FromHours(1);

    private readonly MemoryCache _lastSeen = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public async Task SeenAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Conversation?.Id is not { } id || activity.ServiceUrl is not { } serviceUrl) return;
        var conversationId = ChannelOf(id);
        if (_lastSeen.TryGetValue(conversationId, out string? known) && string.Equals(known, serviceUrl, StringComparison.Ordinal)) return;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await db.Conversations
            .Where(c => c.ConversationId == conversationId && c.ServiceUrl != serviceUrl)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ServiceUrl, serviceUrl).SetProperty(c => c.UpdatedAt, now), cancellationToken);
        _lastSeen.Set(conversationId, serviceUrl, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Remember });
    }

    /// <summary>Teams addresses a message in a channel thread as "19:…@thread.tacv2;messageid=…": the record is the channel's.</summary>
    internal static string ChannelOf(string conversationId) =>
        conversationId.IndexOf(';', StringComparison.Ordinal) is var i and >= 0 ? conversationId[..i] : conversationId;

    public void Dispose() => _lastSeen.Dispose();
}
