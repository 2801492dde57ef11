using TraAM.Bot.Help;
using TraAM.Bot.People.Access;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Candidacies.Selection;

/// <summary>The national selection of transmitted candidacies and the June results (issue 10 §4).</summary>
public static class SelectionRoutes
{
    public static IServiceCollection AddCandidacySelection(this IServiceCollection services) => services
        .AddScoped<SelectionRequests>()
        .AddScoped<SelectionCard>()
        .AddScoped<ShowSelection>()
        .AddScoped<ToggleSelection>()
        .AddScoped<PublishResults>()
        .AddScoped<ResultNotices>()
        .AddScoped<PublishResultsJob>();

    public static BotRoutes MapCandidacySelection(this BotRoutes bot, HelpCatalog help)
    {
        help.Add(new HelpEntry("sélection", "selection", "selection.help", Permission.DecideNationalSelection));
        return bot
            .OnCommand<ShowSelection>("sélection", "sélection nationale", "national selection") // accents do not count: "selection" too
            .OnCardAction<ToggleSelection>(ToggleSelection.Verb)
            .OnCardAction<PublishResults>(PublishResults.Verb);
    }
}
