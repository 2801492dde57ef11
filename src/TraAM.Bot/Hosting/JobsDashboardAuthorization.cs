using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;
using TraAM.Bot.Protocol;

namespace TraAM.Bot.Hosting;

/// <summary>
/// Who may open /jobs. Local mode: only the machine itself (the bot listens on loopback anyway). Otherwise HTTP
/// Basic with <c>Jobs__DashboardUser</c> / <c>Jobs__DashboardPassword</c>, compared in constant time, and only over
/// HTTPS or loopback so the password never crosses the network in clear. No password configured: nobody.
/// </summary>
internal sealed class JobsDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var bot = http.RequestServices.GetRequiredService<IOptions<BotProtocolOptions>>().Value;
        var jobs = http.RequestServices.GetRequiredService<IOptions<JobsOptions>>().Value;
        var loopback = http.Connection.RemoteIpAddress is { } ip && System.Net.IPAddress.IsLoopback(ip);
        if (bot.IsLocalMode) return loopback;

        if (string.IsNullOrEmpty(jobs.DashboardPassword) || (!http.Request.IsHttps && !loopback)) return Deny(http);
        if (!AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return Deny(http);
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return Deny(http);
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return Deny(http);
        var userOk = FixedEquals(decoded[..colon], jobs.DashboardUser);
        var passwordOk = FixedEquals(decoded[(colon + 1)..], jobs.DashboardPassword);
        return (userOk && passwordOk) || Deny(http);
    }

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));

    // Hangfire answers 401 when a filter says no; the header makes browsers ask for the credentials.
    private static bool Deny(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Basic realm=\"TraAM.Bot jobs\", charset=\"UTF-8\"";
        return false;
    }
}
