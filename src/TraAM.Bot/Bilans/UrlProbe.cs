using System.Net;
using System.Net.Sockets;

namespace TraAM.Bot.Bilans;

/// <summary>What one address check found.</summary>
internal sealed record UrlProbeResult(UrlCheckOutcome Outcome, int? StatusCode, string? Detail);

/// <summary>
/// Checks that a production's address answers publicly: HEAD (GET when the server refuses HEAD), redirects followed by
/// hand (five at most) so that one to a login page (CAS, ENT, Microsoft, "connexion"…) is seen, 401/403 read as a login
/// wall, a short timeout. A network failure is "unreachable", never an error of the referent. The named HttpClient
/// (<see cref="HttpClientName"/>) sends no cookie and no credential, follows no redirect by itself, and only connects
/// to public addresses: a referent's URL must not make the bot probe its own network.
/// </summary>
internal sealed class UrlProbe(IHttpClientFactory clients)
{
    public const string HttpClientName = "bilan-url-check";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(8);
    private const int MaxRedirects = 5;

    private static readonly HashSet<string> LoginWords = new(StringComparer.Ordinal)
    {
        "login", "logon", "signin", "connexion", "connect", "authentification", "authenticate", "authorize", "auth", "oauth", "oauth2",
        "sso", "cas", "saml", "saml2", "idp", "shibboleth", "wayf", "adfs", "accounts", "identification",
    };

    public async Task<UrlProbeResult> CheckAsync(Uri url, CancellationToken ct)
    {
        var client = clients.CreateClient(HttpClientName);
        var current = url;
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            int status;
            Uri? location;
            try
            {
                (status, location) = await AskAsync(client, HttpMethod.Head, current, ct);
                if (status >= 400) (status, location) = await AskAsync(client, HttpMethod.Get, current, ct); // many servers refuse HEAD
            }
            catch (HttpRequestException e)
            {
                return new UrlProbeResult(UrlCheckOutcome.Unreachable, null, Short(e.HttpRequestError.ToString()));
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return new UrlProbeResult(UrlCheckOutcome.Unreachable, null, "timeout");
            }

            if (status is >= 300 and < 400 && location is not null)
            {
                var next = new Uri(current, location);
                if (next.Scheme != Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttp) return new UrlProbeResult(UrlCheckOutcome.Error, status, Short(next.Scheme));
                if (IsLoginPage(next)) return new UrlProbeResult(UrlCheckOutcome.LoginRequired, status, Short(next.Host + next.AbsolutePath));
                current = next;
                continue;
            }

            return status switch
            {
                >= 200 and < 300 => new UrlProbeResult(UrlCheckOutcome.Ok, status, null),
                401 or 403 => new UrlProbeResult(UrlCheckOutcome.LoginRequired, status, Short(current.Host + current.AbsolutePath)),
                _ => new UrlProbeResult(UrlCheckOutcome.Error, status, null),
            };
        }

        return new UrlProbeResult(UrlCheckOutcome.Error, null, "too many redirects");
    }

    /// <summary>A login page by its address: a word of <see cref="LoginWords"/> in the host or the path.</summary>
    public static bool IsLoginPage(Uri uri) =>
        (uri.Host + "/" + uri.AbsolutePath).ToLowerInvariant()
            .Split(['/', '.', '-', '_', '?', '&', '='], StringSplitOptions.RemoveEmptyEntries)
            .Any(LoginWords.Contains);

    private static async Task<(int Status, Uri? Location)> AskAsync(HttpClient client, HttpMethod method, Uri url, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        using var request = new HttpRequestMessage(method, url);
        request.Headers.UserAgent.ParseAdd("TraAM.Bot/1.0 (verification des adresses des productions)");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        return ((int)response.StatusCode, response.Headers.Location);
    }

    private static string Short(string text) => text.Length > 300 ? text[..300] : text;

    /// <summary>The production handler: no redirect, no cookie, and a connection only to a public address.</summary>
    public static SocketsHttpHandler PublicOnlyHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ConnectCallback = async (context, ct) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
            var target = addresses.FirstOrDefault(IsPublic) ?? throw new HttpRequestException(HttpRequestError.ConnectionError, "adresse non publique");
            var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(target, context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>Not loopback, private (RFC 1918, ULA), link-local, CGNAT or unspecified.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return false;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 0 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || b[0] >= 224);
    }
}
