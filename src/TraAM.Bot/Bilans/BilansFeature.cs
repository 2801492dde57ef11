using TraAM.Bot.Help;
using TraAM.Bot.People.Access;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Bilans;

/// <summary>
/// The end-of-year bilan collection (issue 13 §1): launched by a theme's TN3 expert, answered by each selected team's
/// referent in the form card, followed in the national group's channel, reminded and escalated through the bilan
/// deadline, checked (the productions' addresses) and kept three years.
/// </summary>
public static class BilansFeature
{
    public static IServiceCollection AddBilans(this IServiceCollection services)
    {
        services.AddOptions<BilanOptions>().BindConfiguration(BilanOptions.Section);
        services.AddHttpClient(UrlProbe.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(UrlProbe.PublicOnlyHandler);
        return services
            .AddScoped<UrlProbe>()
            .AddScoped<BilanFormCard>()
            .AddScoped<BilanPrefill>()
            .AddScoped<BilanTracker>()
            .AddScoped<BilanEffects>()
            .AddScoped<OpenBilan>()
            .AddScoped<SaveBilan>()
            .AddScoped<LaunchBilanCollection>()
            .AddScoped<SendBilanCardsJob>()
            .AddScoped<CheckBilanUrlsJob>()
            .AddScoped<PurgeBilansJob>();
    }

    public static BotRoutes MapBilans(this BotRoutes bot, HelpCatalog help)
    {
        help.Add(new HelpEntry("bilan", "bilan", "help.commands.bilanLaunch", Permission.TriggerBilan));
        help.Add(new HelpEntry("bilan", "bilan", "help.commands.bilan", Permission.SubmitBilan));
        return bot
            .OnCommand<LaunchBilanCollection>("bilan", "bilans", "bilan de fin d'annee", "end-of-year report")
            .OnCardAction<LaunchBilanCollection>(LaunchBilanCollection.LaunchVerb)
            .OnCardAction<OpenBilan>(OpenBilan.Verb)
            .OnCardAction<SaveBilan>(BilanFormCard.SaveVerb)
            .OnCardAction<SaveBilan>(BilanFormCard.SubmitVerb);
    }
}
