using TraAM.Bot.Campaigns.Calendar;
using TraAM.Bot.Help;
using TraAM.Bot.People.Access;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Campaigns;

/// <summary>The campaign and its calendar.</summary>
public static class CampaignsFeature
{
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.AddOptions<CampaignOptions>().BindConfiguration(CampaignOptions.Section)
            .Validate(o => o.SelectionQuota is >= 1 and <= 30, "Campaign__SelectionQuota doit être entre 1 et 30 projets par discipline.")
            .ValidateOnStart();
        return services.AddScoped<CampaignPhases>().AddScoped<CalendarCard>();
    }

    public static BotRoutes MapCampaigns(this BotRoutes bot, HelpCatalog help)
    {
        help.Add(new HelpEntry("calendrier", "calendar", "help.commands.calendar", Permission.ViewCalendar));
        return bot
            .OnCommand<CalendarCard>("calendrier", "calendar", "dates", "calendrier de la campagne")
            .OnCardAction<CalendarCard>(CalendarCard.SaveVerb);
    }
}
