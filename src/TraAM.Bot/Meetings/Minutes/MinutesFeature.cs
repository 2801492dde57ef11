using Microsoft.Extensions.Options;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Meetings.Minutes;

/// <summary>The minutes of meetings (issue 12 §3): collected after the end, written and published from a card.</summary>
public static class MinutesFeature
{
    public static IServiceCollection AddMeetingMinutes(this IServiceCollection services)
    {
        services.AddScoped<MinutesCard>();
        services.AddScoped<MinutesPublisher>();
        services.AddScoped<CollectMinutesJob>();
        services.AddScoped<PurgeMeetingsJob>();
        services.AddScoped<SaveMinutes>();
        services.AddScoped<OpenMinutes>();
        services.AddSingleton<IMeetingArtefacts>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<GraphOptions>>().Value;
            if (!options.Enabled) return new NoMeetingArtefacts();
            return new GraphMeetingArtefacts(MeetingsFeature.CreateGraphClient(sp, options), options, sp.GetRequiredService<ILogger<GraphMeetingArtefacts>>());
        });
        return services;
    }

    public static BotRoutes MapMeetingMinutes(this BotRoutes bot) => bot
        .OnCardAction<OpenMinutes>(MinutesCard.OpenVerb)
        .OnCardAction<SaveMinutes>(MinutesCard.SaveVerb)
        .OnCardAction<SaveMinutes>(MinutesCard.PublishVerb);
}
