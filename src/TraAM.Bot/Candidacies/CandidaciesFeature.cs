using TraAM.Bot.Candidacies.Selection;
using TraAM.Bot.Candidacies.Transmission;
using TraAM.Bot.Help;
using TraAM.Bot.People.Access;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Candidacies;

/// <summary>Candidacies to a call: the referent's versioned form, the inspectors' decisions, the lists, the transmission to the DNE, the national selection.</summary>
public static class CandidaciesFeature
{
    public static IServiceCollection AddCandidacies(this IServiceCollection services) => services
        .AddScoped<CandidacyRules>()
        .AddScoped<CandidacyCard>()
        .AddScoped<CandidacyFormCard>()
        .AddScoped<CandidacyList>()
        .AddScoped<CandidacyNotices>()
        .AddScoped<FillCandidacy>()
        .AddScoped<SaveCandidacy>()
        .AddScoped<ViewCandidacy>()
        .AddScoped<DecideCandidacy>()
        .AddScoped<ListCandidacies>()
        .AddScoped<PurgeCandidaciesJob>()
        .AddCandidacyTransmission()                                          // DAN/DRAN send approved candidacies to the DNE
        .AddCandidacySelection();                                            // national selection and June results

    public static BotRoutes MapCandidacies(this BotRoutes bot, HelpCatalog help)
    {
        help.Add(new HelpEntry("candidature", "candidacy", "help.commands.candidacy", Permission.SubmitCandidacy));
        help.Add(new HelpEntry("candidatures", "candidacies", "help.commands.candidacies", Permission.ViewAcademyStatus)); // a referent has "candidature"
        return bot
            .OnCommand<FillCandidacy>("candidature", "candidacy", "deposer une candidature")
            .OnCommand<ListCandidacies>("candidatures", "candidacies")
            .OnCardAction<FillCandidacy>(FillCandidacy.EditVerb)
            .OnCardAction<SaveCandidacy>(CandidacyFormCard.SaveVerb)
            .OnCardAction<SaveCandidacy>(CandidacyFormCard.SubmitVerb)
            .OnCardAction<ViewCandidacy>(ViewCandidacy.ViewVerb)
            .OnCardAction<ViewCandidacy>(ViewCandidacy.OpenVerb)
            .OnCardAction<DecideCandidacy>(DecideCandidacy.Verb)
            .MapCandidacyTransmission(help)
            .MapCandidacySelection(help);
    }
}
