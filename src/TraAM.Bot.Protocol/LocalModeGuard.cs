using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TraAM.Bot.Protocol;

/// <summary>
/// Local mode (no app id) accepts unauthenticated activities, which is only safe when nobody else can reach the bot:
/// every listening address must be loopback. Checked on the configured URLs before the server starts, and on the
/// addresses actually bound once it has.
/// </summary>
internal sealed partial class LocalModeGuard(
    IOptions<BotProtocolOptions> options,
    IConfiguration configuration,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<LocalModeGuard> logger) : IHostedService
{
    public static string Refusal(string address) =>
        "Mode local (Bot__MicrosoftAppId vide) : le bot n'accepte que des adresses d'écoute de bouclage " +
        $"(127.0.0.1, [::1], localhost). Adresse refusée : {address}. Renseignez Bot__MicrosoftAppId et Bot__MicrosoftAppPassword " +
        "pour écouter sur le réseau, ou lancez-le avec --urls http://127.0.0.1:3978.";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsLocalMode) return Task.CompletedTask;
        LogLocalMode(logger);
        var configured = ConfiguredUrls(configuration).FirstOrDefault(u => !IsLoopback(u));
        if (configured is not null) throw new InvalidOperationException(Refusal(configured));

        lifetime.ApplicationStarted.Register(() =>
        {
            var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => !IsLoopback(a));
            if (bound is null) return;
            LogRefused(logger, bound);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static IEnumerable<string> ConfiguredUrls(IConfiguration configuration)
    {
        foreach (var key in new[] { "urls", "ASPNETCORE_URLS", "http_ports", "https_ports" })
        {
            var value = configuration[key];
            if (string.IsNullOrWhiteSpace(value)) continue;
            foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                yield return key.EndsWith("_ports", StringComparison.Ordinal) ? $"http://*:{part}" : part;
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url) yield return url;
        }
    }

    internal static bool IsLoopback(string url)
    {
        // "http://*:80", "http://+:80" and "http://0.0.0.0:80" are all "every interface".
        var normalized = url.Replace("://*", "://wildcard.invalid", StringComparison.Ordinal)
            .Replace("://+", "://wildcard.invalid", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri)) return false;
        return uri.IsLoopback;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local mode: Bot__MicrosoftAppId is empty, inbound activities are not authenticated and no token is sent (development only).")]
    private static partial void LogLocalMode(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Local mode refuses to listen on {Address}; stopping.")]
    private static partial void LogRefused(ILogger logger, string address);
}
