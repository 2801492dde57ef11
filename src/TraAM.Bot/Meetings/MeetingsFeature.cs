using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using TraAM.Bot.Help;
using TraAM.Bot.Meetings.Minutes;
using TraAM.Bot.People.Access;
using TraAM.Bot.Protocol;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Meetings;

/// <summary>
/// Meetings (issue 12 §1–2): kick-off and checkpoints put in the organiser's calendar through Microsoft Graph, or
/// in our data with an .ics when Graph is not configured. The minutes (§3) build on the event and meeting ids kept here.
/// </summary>
public static class MeetingsFeature
{
    public static IServiceCollection AddMeetings(this IServiceCollection services)
    {
        services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.Section)
            .PostConfigure<IOptions<BotProtocolOptions>>((graph, bot) => Fill(graph, graph.WithBotDefaults(bot.Value)))
            .Validate(o => o.Problems().Count == 0, "Réglages Graph incomplets : Graph__TenantId, Graph__ClientId, Graph__ClientSecret requis avec Graph__Organizer ; Graph__BaseUrl et Graph__TokenEndpoint en https.")
            .ValidateOnStart();
        services.AddOptions<MeetingLinkOptions>().BindConfiguration(MeetingLinkOptions.Section)
            .Validate(o => o.Problems().Count == 0, "Réglages Meetings incorrects : Meetings__PublicUrl en https (http seulement en local), Meetings__LinkKey d'au moins 32 caractères.")
            .ValidateOnStart();
        services.AddSingleton<MeetingLinks>();
        services.AddHttpClient(nameof(ClientCredentialsTokenProvider));
        services.AddScoped<SyncMeetingEventJob>();
        services.AddScoped<ListMeetings>();
        services.AddScoped<MeetingReminders>();
        services.AddScoped<MeetingScheduler>();
        services.AddScoped<NationalGroup>();
        services.AddScoped<MeetingCard>();
        services.AddScoped<MeetingNotices>();
        services.AddScoped<ScheduleCard>();
        services.AddScoped<ScheduleMeeting>();
        services.AddScoped<ManageMeeting>();
        services.AddMeetingMinutes();
        services.AddSingleton<IMeetingCalendar>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<GraphOptions>>().Value;
            return options.Enabled ? CreateGraphCalendar(sp, options) : new IcsMeetingCalendar();
        });
        return services;
    }

    public static BotRoutes MapMeetings(this BotRoutes bot, HelpCatalog help)
    {
        help.Add(new HelpEntry("réunion", "meeting", "help.commands.meeting", Permission.ScheduleMeeting));
        // Listed for who schedules them; invitees may use it too, and each sees only their own meetings.
        help.Add(new HelpEntry("réunions", "meetings", "help.commands.meetings", Permission.ScheduleMeeting));
        return bot
            .OnCommand<ScheduleMeeting>("réunion", "meeting", "planifier une réunion", "schedule a meeting")
            .OnCommand<ListMeetings>("réunions", "meetings", "mes réunions", "my meetings")
            .OnCardAction<ScheduleMeeting>(ScheduleMeeting.Verb)
            .OnCardAction<ManageMeeting>(ManageMeeting.ViewVerb)
            .OnCardAction<ManageMeeting>(ManageMeeting.MoveFormVerb)
            .OnCardAction<ManageMeeting>(ManageMeeting.MoveVerb)
            .OnCardAction<ManageMeeting>(ManageMeeting.CancelVerb)
            .MapMeetingMinutes();
    }

    /// <summary>GET /meetings/{id}.ics?sig=…: "Ajouter à mon agenda" (see <see cref="MeetingLinks"/>).</summary>
    public static void MapMeetingFiles(this IEndpointRouteBuilder app) => MeetingLinks.MapMeetingFiles(app);

    /// <summary>The real SDK client with its default middleware (retry on 429/503/504 honouring Retry-After).</summary>
    internal static GraphMeetingCalendar CreateGraphCalendar(IServiceProvider sp, GraphOptions options) =>
        new(CreateGraphClient(sp, options), options, sp.GetRequiredService<ILogger<GraphMeetingCalendar>>());

    /// <summary>The app-only Graph client of the organiser's mailbox: the calendar, the minutes' artefacts, sendMail for the syntheses.</summary>
    internal static GraphServiceClient CreateGraphClient(IServiceProvider sp, GraphOptions options)
    {
        var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ClientCredentialsTokenProvider));
        var tokens = new ClientCredentialsTokenProvider(http, options, sp.GetRequiredService<TimeProvider>());
        var handlers = GraphClientFactory.CreateDefaultHandlers();
        handlers.Add(new GraphThrottleCounter()); // innermost: counts each 429/503, the SDK's retries included
        return new GraphServiceClient(GraphClientFactory.Create(handlers), new BaseBearerTokenAuthenticationProvider(tokens), options.BaseUrl);
    }

    private static void Fill(GraphOptions target, GraphOptions source)
    {
        target.TenantId = source.TenantId;
        target.ClientId = source.ClientId;
        target.ClientSecret = source.ClientSecret;
        target.BaseUrl = source.BaseUrl;
        target.TokenEndpoint = source.TokenEndpoint;
    }
}
