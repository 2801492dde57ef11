using TraAM.Bot.Campaigns.Calendar;
using TraAM.Bot.Campaigns.Opening;
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
        return services.AddScoped<CampaignPhases>().AddScoped<CalendarCard>()
            .AddScoped<CampaignOpener>().AddScoped<ThemeImporter>().AddScoped<OpenCampaign>().AddScoped<EditThemes>();
    }

    public static BotRoutes MapCampaigns(this BotRoutes bot, HelpCatalog help)
    {
        help.Add(new HelpEntry("calendrier", "calendar", "help.commands.calendar", Permission.ViewCalendar));
        help.Add(new HelpEntry("ouvrir campagne", "open campaign", "openCampaign.help", Permission.OpenCampaign));
        return bot
            .OnCommand<CalendarCard>("calendrier", "calendar", "dates", "calendrier de la campagne")
            .OnCardAction<CalendarCard>(CalendarCard.SaveVerb)
            .OnCommand<OpenCampaign>("ouvrir campagne", "open campaign", "ouvrir la campagne", "nouvelle campagne", "new campaign")
            .OnCardAction<OpenCampaign>(OpenCampaign.OpenVerb)
            .OnCardAction<OpenCampaign>(OpenCampaign.CopyThemesVerb)
            .OnCardAction<EditThemes>(EditThemes.ShowVerb)
            .OnCardAction<EditThemes>(EditThemes.SaveVerb);
    }
}
