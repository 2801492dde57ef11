using Microsoft.Extensions.Options;

namespace TraAM.Bot.Protocol.Authentication;

/// <summary>
/// Where our app token may be sent. The Bot Connector doc: only send it to the Bot Connector service. An activity
/// (even a correctly signed one, or a stored reference later tampered with) cannot make us call another host.
/// </summary>
public sealed class ServiceUrlPolicy
{
    private readonly IReadOnlyList<Uri> _allowed;
    private readonly bool _allowLoopback;

    public ServiceUrlPolicy(IOptions<BotProtocolOptions> options)
    {
        var o = options.Value;
        _allowed = [.. o.EffectiveAllowedServiceUrls.Select(u => new Uri(u.EndsWith('/') ? u : u + "/", UriKind.Absolute))];
        // Local mode sends no token at all, and talks to the Agents Playground on loopback.
        _allowLoopback = o.IsLocalMode;
    }

    public bool IsAllowed(string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo))
            return false;
        if (_allowLoopback && uri.IsLoopback && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            return true;
        var path = uri.AbsolutePath.EndsWith('/') ? uri.AbsolutePath : uri.AbsolutePath + "/";
        return _allowed.Any(a =>
            string.Equals(a.Scheme, uri.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.IdnHost, uri.IdnHost, StringComparison.OrdinalIgnoreCase)
            && a.Port == uri.Port
            && path.StartsWith(a.AbsolutePath, StringComparison.OrdinalIgnoreCase));
    }
}
