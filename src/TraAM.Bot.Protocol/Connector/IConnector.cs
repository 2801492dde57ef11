using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Protocol.Connector;

/// <summary>
/// The Bot Connector REST API (protocol.md §2.3), every call relative to the conversation's serviceUrl.
/// This is the seam tests replace: features never see HTTP.
/// </summary>
public interface IConnector
{
    /// <summary><c>POST v3/conversations/{id}/activities</c>. The answer's id may be null (202, no body).</summary>
    Task<ResourceResponse> SendAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken);

    /// <summary><c>POST v3/conversations/{id}/activities/{replyToId}</c>: a reply in the same thread.</summary>
    Task<ResourceResponse> ReplyAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken);

    /// <summary><c>PUT v3/conversations/{id}/activities/{activityId}</c>: replaces a message (e.g. a card after it was used).</summary>
    Task<ResourceResponse> UpdateAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken);

    /// <summary><c>DELETE v3/conversations/{id}/activities/{activityId}</c>.</summary>
    Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken);

    /// <summary><c>POST v3/conversations</c>: a 1:1 chat with a user, or a new thread in a channel.</summary>
    Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken);

    /// <summary><c>GET v3/conversations/{id}/pagedmembers</c> (for a team, pass the team id).</summary>
    Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int pageSize, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>
    /// <c>GET v3/conversations/{id}/members/{memberId}</c>: one member with their e-mail and Entra object id, which is
    /// how the bot matches a Teams user to the directory. Throws <see cref="ConnectorException"/> (404) for a non-member.
    /// </summary>
    Task<TeamsChannelAccount> GetConversationMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken);

    /// <summary><c>GET v3/teams/{teamId}</c>.</summary>
    Task<TeamDetails> GetTeamDetailsAsync(string serviceUrl, string teamId, CancellationToken cancellationToken);
}

/// <summary>Keys of the <see cref="IConnector"/> variants in the service container.</summary>
public static class ConnectorKeys
{
    /// <summary>Each call is made once: 429/503 surface as <see cref="ConnectorThrottledException"/> at once.</summary>
    public const string SingleAttempt = "single-attempt";
}
