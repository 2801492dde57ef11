using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace TraAM.Bot.Hosting;

/// <summary>
/// Which reverse proxies may tell the bot the client's address and scheme (<c>X-Forwarded-For</c>,
/// <c>X-Forwarded-Proto</c>). Behind Azure's TLS termination the bot sees plain HTTP from the proxy; without this,
/// /jobs (HTTPS only) is unusable, and with it trusted from anyone, any client could claim HTTPS or loopback.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses (e.g. <c>10.0.0.4</c>); loopback is always trusted.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation (e.g. <c>10.0.0.0/8</c>).</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

internal static class Proxies
{
    public static IServiceCollection AddProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.Section)
            .Validate(s => s.KnownProxies.All(p => IPAddress.TryParse(p, out _)),
                "ForwardedHeaders__KnownProxies__N doit être une adresse IP (ex. 10.0.0.4).")
            .Validate(s => s.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)),
                "ForwardedHeaders__KnownNetworks__N doit être un réseau en notation CIDR (ex. 10.0.0.0/8, bits d'hôte à zéro).")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((o, settings) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Invalid entries stop start-up above; TryParse only keeps this from throwing first.
            foreach (var proxy in settings.Value.KnownProxies) if (IPAddress.TryParse(proxy, out var ip)) o.KnownProxies.Add(ip);
            foreach (var network in settings.Value.KnownNetworks) if (System.Net.IPNetwork.TryParse(network, out var net)) o.KnownIPNetworks.Add(net);
        });
        return services;
    }
}
