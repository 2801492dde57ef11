using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Protocol.Routing;

/// <summary>
/// Told of each inbound activity whose <c>serviceUrl</c> the channel's token vouched for (the JWT's <c>serviceurl</c>
/// claim matched it and the allow-list accepted it), before dispatch. Teams may move a conversation to another
/// serviceUrl and asks bots to keep the stored one current (protocol.md §2.2). Never called in local mode, where
/// nothing is authenticated: a serviceUrl nobody vouched for must not become where proactive messages go.
/// </summary>
public interface IVerifiedServiceUrlObserver
{
    Task SeenAsync(Activity activity, CancellationToken cancellationToken);
}
