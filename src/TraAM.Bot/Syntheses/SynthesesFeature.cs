using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using TraAM.Bot.Conversations;
using TraAM.Bot.Help;
using TraAM.Bot.Meetings;
using TraAM.Bot.People.Access;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Syntheses;

/// <summary>
/// Syntheses (issue 13 §2): the theme's (or an académie's) synthesis compiled as a Word document by a job, kept
/// version by version, delivered through Teams' file consent card, diffused to the national group, IGÉSR and by
/// e-mail; deleted three years after the campaign.
/// </summary>
public static class SynthesesFeature
{
    public static IServiceCollection AddSyntheses(this IServiceCollection services) => services
        .AddScoped<SynthesisTargets>()
        .AddScoped<SynthesisRecipients>()
        .AddScoped<SynthesisLoader>()
        // The bilans as sent (FormVersions); the minutes through their seam.
        .AddScoped<ISynthesisBilans, SynthesisBilans>()
        .AddScoped<ISynthesisMinutes, SynthesisMinutes>()
        .AddSingleton<ISynthesisMailer>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<GraphOptions>>().Value;
            return options.Enabled ? new GraphSynthesisMailer(MeetingsFeature.CreateGraphClient(sp, options), options) : new NoSynthesisMailer();
        })
        .AddSynthesisSummary()
        .AddScoped<RequestSynthesis>()
        .AddScoped<DiffuseSynthesis>()
        .AddScoped<GetSynthesisFile>()
        .AddScoped<AcceptSynthesisFile>()
        .AddScoped<IFileConsentTarget>(sp => sp.GetRequiredService<AcceptSynthesisFile>())
        .AddScoped<CompileSynthesisJob>()
        .AddScoped<DeliverSynthesisJob>()
        .AddScoped<MailSynthesisJob>()
        .AddScoped<PurgeSynthesesJob>();

    // The optional AI paragraph: an OpenAI-compatible chat endpoint when Syntheses__Summary__Enabled and its settings are
    // given (https), else nothing. Azure OpenAI's "/openai/v1" endpoint speaks the same API.
    private static IServiceCollection AddSynthesisSummary(this IServiceCollection services)
    {
        services.AddOptions<SynthesisSummaryOptions>().BindConfiguration(SynthesisSummaryOptions.Section)
            .Validate(o => !o.Enabled || o.Usable, "Syntheses__Summary__Enabled demande Syntheses__Summary__Endpoint (https), __Model et __ApiKey.")
            .ValidateOnStart();
        return services.AddSingleton<ISynthesisSummarizer>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<SynthesisSummaryOptions>>().Value;
            if (!o.Usable) return new NoSummary();
            var chat = new OpenAI.Chat.ChatClient(o.Model, new System.ClientModel.ApiKeyCredential(o.ApiKey),
                new OpenAI.OpenAIClientOptions { Endpoint = new Uri(o.Endpoint) }).AsIChatClient();
            return new ChatSynthesisSummarizer(chat, sp.GetRequiredService<ILogger<ChatSynthesisSummarizer>>());
        });
    }

    public static BotRoutes MapSyntheses(this BotRoutes bot, HelpCatalog help)
    {
        help.Add(new HelpEntry("synthèse", "synthesis", "synthesis.help", Permission.ReadSynthesis));
        return bot
            .OnCommand<RequestSynthesis>("synthèse", "synthesis")
            .OnCardAction<DiffuseSynthesis>(DiffuseSynthesis.Verb)
            .OnCardAction<GetSynthesisFile>(GetSynthesisFile.Verb);
    }
}
