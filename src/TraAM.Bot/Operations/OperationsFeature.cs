using TraAM.Bot.Help;
using TraAM.Bot.People.Access;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Operations;

/// <summary>What the people who run the bot ask it in chat (issue 14 §1): "version", admins only.</summary>
public static class OperationsFeature
{
    public static IServiceCollection AddOperations(this IServiceCollection services) => services
        .AddSingleton(RunningInstance.Current)
        .AddScoped<OperationsReport>()
        .AddScoped<ShowVersion>();

    public static BotRoutes MapOperations(this BotRoutes bot, HelpCatalog help)
    {
        help.Add(new HelpEntry("version", "version", "help.commands.version", Permission.ViewOperations));
        return bot.OnCommand<ShowVersion>("version");
    }
}
