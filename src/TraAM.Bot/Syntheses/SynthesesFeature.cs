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
        // Seams for the branches not merged yet (bilans, minutes): replace these two lines with the real loaders.
        .AddScoped<ISynthesisBilans, NoBilansYet>()
        .AddScoped<ISynthesisMinutes, NoMinutesYet>()
        .AddSingleton<ISynthesisMailer>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<GraphOptions>>().Value;
            return options.Enabled ? new GraphSynthesisMailer(MeetingsFeature.CreateGraphClient(sp, options), options) : new NoSynthesisMailer();
        })
        .AddScoped<RequestSynthesis>()
        .AddScoped<DiffuseSynthesis>()
        .AddScoped<GetSynthesisFile>()
        .AddScoped<AcceptSynthesisFile>()
        .AddScoped<IFileConsentTarget>(sp => sp.GetRequiredService<AcceptSynthesisFile>())
        .AddScoped<CompileSynthesisJob>()
        .AddScoped<DeliverSynthesisJob>()
        .AddScoped<MailSynthesisJob>()
        .AddScoped<PurgeSynthesesJob>();

    public static BotRoutes MapSyntheses(this BotRoutes bot, HelpCatalog help)
    {
        help.Add(new HelpEntry("synthèse", "synthesis", "synthesis.help", Permission.ReadSynthesis));
        return bot
            .OnCommand<RequestSynthesis>("synthèse", "synthesis")
            .OnCardAction<DiffuseSynthesis>(DiffuseSynthesis.Verb)
            .OnCardAction<GetSynthesisFile>(GetSynthesisFile.Verb);
    }
}
