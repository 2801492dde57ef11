using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Conversations;

public static class ConversationsFeature
{
    public static IServiceCollection AddConversations(this IServiceCollection services) => services
        .AddScoped<CaptureInstallation>();

    public static BotRoutes MapConversations(this BotRoutes bot) => bot
        .OnConversationUpdate<CaptureInstallation>()
        .OnInstallationUpdate<CaptureInstallation>();
}
