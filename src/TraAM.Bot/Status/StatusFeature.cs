using TraAM.Bot.Help;
using TraAM.Bot.People.Access;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Status;

/// <summary>Status on request (issue 11 §2): "statut" / "status", scoped by the access policy, paged, refreshable.</summary>
public static class StatusFeature
{
    public static IServiceCollection AddStatus(this IServiceCollection services) => services
        .AddScoped<StatusData>()
        .AddScoped<StatusCards>()
        .AddScoped<ShowStatus>();

    public static BotRoutes MapStatus(this BotRoutes bot, HelpCatalog help)
    {
        help.Add(new HelpEntry("statut", "status", "help.commands.status", Permission.ViewTeamStatus));
        return bot
            .OnCommand<ShowStatus>("statut", "status")
            .OnCardAction<ShowStatus>(ShowStatus.Verb);
    }
}
