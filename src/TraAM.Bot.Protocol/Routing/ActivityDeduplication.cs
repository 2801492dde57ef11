using System.Collections.Concurrent;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Protocol.Routing;

/// <summary>
/// Teams re-sends an activity it did not see acknowledged within 15 s, with the same id. The first arrival is
/// processed; the others get the first one's invoke answer (or a plain 200) and have no effect.
/// </summary>
public interface IActivityDeduplicator
{
    /// <summary>True when this activity is seen for the first time and the caller should process it.</summary>
    Task<DeduplicationTicket> BeginAsync(Activity activity, CancellationToken cancellationToken);

    /// <summary>Records the answer given, so a retry of an invoke gets the same one.</summary>
    Task CompleteAsync(DeduplicationTicket ticket, InvokeResponse? response, CancellationToken cancellationToken);

    /// <summary>Processing failed: forget the activity so that Teams' retry is processed again.</summary>
    Task AbandonAsync(DeduplicationTicket ticket, CancellationToken cancellationToken);
}

public sealed record DeduplicationTicket(string Key, bool IsFirst, InvokeResponse? PreviousResponse = null)
{
    /// <summary>Channel + conversation + activity id; activities without an id cannot be deduplicated.</summary>
    public static string? KeyOf(Activity activity) =>
        string.IsNullOrEmpty(activity.Id) ? null : $"{activity.ChannelId}|{activity.Conversation?.Id}|{activity.Id}";
}

/// <summary>Process-local default for the protocol layer alone; the app replaces it with one shared through its database.</summary>
public sealed class InMemoryActivityDeduplicator(TimeProvider clock) : IActivityDeduplicator
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Seen, InvokeResponse? Response)> _seen = new();

    public Task<DeduplicationTicket> BeginAsync(Activity activity, CancellationToken cancellationToken)
    {
        var key = DeduplicationTicket.KeyOf(activity);
        if (key is null) return Task.FromResult(new DeduplicationTicket("", true));
        var now = clock.GetUtcNow();
        if (_seen.Count > 10_000)
        {
            foreach (var old in _seen.Where(kv => now - kv.Value.Seen > Window)) _seen.TryRemove(old.Key, out _);
        }

        var first = _seen.TryAdd(key, (now, null));
        return Task.FromResult(new DeduplicationTicket(key, first, first ? null : _seen.GetValueOrDefault(key).Response));
    }

    public Task CompleteAsync(DeduplicationTicket ticket, InvokeResponse? response, CancellationToken cancellationToken)
    {
        if (ticket.Key.Length > 0) _seen[ticket.Key] = (clock.GetUtcNow(), response);
        return Task.CompletedTask;
    }

    public Task AbandonAsync(DeduplicationTicket ticket, CancellationToken cancellationToken)
    {
        if (ticket.Key.Length > 0) _seen.TryRemove(ticket.Key, out _);
        return Task.CompletedTask;
    }
}
