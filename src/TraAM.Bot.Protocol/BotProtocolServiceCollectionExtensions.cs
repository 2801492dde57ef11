using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using TraAM.Bot.Protocol.Authentication;
using TraAM.Bot.Protocol.Connector;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Protocol;

public static class BotProtocolServiceCollectionExtensions
{
    /// <summary>Inbound JWT validation, the Connector client and its token, the route table and the local-mode guard.</summary>
    public static IServiceCollection AddBotProtocol(this IServiceCollection services)
    {
        services.AddOptions<BotProtocolOptions>().BindConfiguration(BotProtocolOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotProtocolOptions>, BotProtocolOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<ServiceUrlPolicy>();
        services.AddSingleton<IConfigurationManager<BotSigningKeys>>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<BotProtocolOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient("bot-openid");
            var metadata = new Uri(o.OpenIdMetadataUrl);
            var retriever = new HttpDocumentRetriever(http) { RequireHttps = !metadata.IsLoopback };
            // IdentityModel defaults: refresh every 12 h, at most every 5 min on demand (protocol.md §1.4: ≤ 24 h).
            return new ConfigurationManager<BotSigningKeys>(o.OpenIdMetadataUrl, new BotSigningKeysRetriever(), retriever);
        });
        services.AddHttpClient("bot-openid", c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<IInboundAuthenticator, InboundAuthenticator>();

        services.AddHttpClient("bot-token", c => c.Timeout = TimeSpan.FromSeconds(15));
        // One provider for the whole process, so its cached token is shared by every send.
        services.TryAddSingleton<IAppTokenProvider>(sp => ActivatorUtilities.CreateInstance<AppTokenProvider>(sp,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient("bot-token")));
        services.AddHttpClient<IConnector, ConnectorClient>(c => c.Timeout = TimeSpan.FromSeconds(30));
        // The same client without its own retries, for callers that schedule retries themselves (the outbox): a
        // retry hidden in here would bypass their shared rate limiter and hold a worker for the whole Retry-After.
        services.AddKeyedTransient<IConnector>(ConnectorKeys.SingleAttempt, (sp, _) =>
        {
            var o = sp.GetRequiredService<IOptions<BotProtocolOptions>>().Value;
            var single = Options.Create(o.SingleAttempt());
            return ActivatorUtilities.CreateInstance<ConnectorClient>(sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(IConnector)), single);
        });

        // Files accepted through Teams' consent card go straight to the user's OneDrive: a plain client, no bot token.
        services.AddHttpClient(Files.FileUploader.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(60));
        services.AddSingleton<Files.FileUploader>();

        services.AddSingleton<BotRoutes>();
        services.AddScoped<BotDispatcher>();
        services.TryAddSingleton<IActivityDeduplicator, InMemoryActivityDeduplicator>();
        services.AddHostedService<LocalModeGuard>();
        return services;
    }
}
