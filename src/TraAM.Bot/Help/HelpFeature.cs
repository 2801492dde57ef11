using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Help;

public static class HelpFeature
{
    public static IServiceCollection AddHelp(this IServiceCollection services) => services
        .AddSingleton<HelpCatalog>()
        .AddSingleton<RenderedHelp>()
        .AddScoped<ShowHelp>()
        .AddScoped<UnknownCommand>();

    public static BotRoutes MapHelp(this BotRoutes bot, HelpCatalog help)
    {
        help.Add(new HelpEntry("aide", "help", "help.commands.help"));
        return bot
            .OnCommand<ShowHelp>("aide", "help", "aidez-moi", "?", "menu")
            .OnCardAction<ShowHelp>(ShowHelp.Verb)
            .OnUnknownMessage<UnknownCommand>();
    }
}
