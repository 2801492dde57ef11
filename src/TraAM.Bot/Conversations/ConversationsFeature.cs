using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Conversations;

public static class ConversationsFeature
{
    public static IServiceCollection AddConversations(this IServiceCollection services) => services
        .AddScoped<CaptureInstallation>()
        .AddScoped<FileConsentRouter>()                  // answers to file consent cards, to the feature that offered the file
        .AddScoped<ReceivedFiles>()
        .AddSingleton<ServiceUrlRefresher>() // one bounded note of the last serviceUrl per conversation, for the process
        .AddSingleton<IVerifiedServiceUrlObserver>(sp => sp.GetRequiredService<ServiceUrlRefresher>())
        .AddSingleton<TeamsFileDownloader>() // files people send to the bot, for any feature that takes one
        .AddHttpClient(TeamsFileDownloader.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(60))
        .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false }) // checked hop by hop
        .Services;

    public static BotRoutes MapConversations(this BotRoutes bot) => bot
        .OnConversationUpdate<CaptureInstallation>()
        .OnInstallationUpdate<CaptureInstallation>()
        .OnInvoke<FileConsentRouter>(FileConsent.InvokeName);
}
