using TraAM.Bot.Help;
using TraAM.Bot.Operations.Deliveries;
using TraAM.Bot.People.Access;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Operations;

/// <summary>What the people who run the bot ask it in chat (issue 14 §1): "version" and "envois", admins only.</summary>
public static class OperationsFeature
{
    public static IServiceCollection AddOperations(this IServiceCollection services) => services
        .AddSingleton(RunningInstance.Current)
        .AddScoped<OperationsReport>()
        .AddScoped<ShowVersion>()
        .AddScoped<DeliveryProblems>()
        .AddScoped<DeliveriesCard>()
        .AddScoped<ShowDeliveries>()
        .AddScoped<SettleNotification>();

    public static BotRoutes MapOperations(this BotRoutes bot, HelpCatalog help)
    {
        help.Add(new HelpEntry("version", "version", "help.commands.version", Permission.ViewOperations));
        help.Add(new HelpEntry("envois", "deliveries", "help.commands.deliveries", Permission.ManageDeliveries));
        return bot.OnCommand<ShowVersion>("version")
            .OnCommand<ShowDeliveries>("envois", "deliveries")
            .OnCardAction<ShowDeliveries>(ShowDeliveries.Verb)
            .OnCardAction<SettleNotification>(SettleNotification.ResendVerb)
            .OnCardAction<SettleNotification>(SettleNotification.AbandonVerb);
    }
}
