using TraAM.Bot.Delivery.Files;
using TraAM.Bot.Help;
using TraAM.Bot.People.Access;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Privacy;

/// <summary>
/// RGPD rights (issue 14 §2): access ("mes données", files through Teams' file consent card, as the documents de
/// synthèse) and erasure ("personne supprimer", or the CLI verb forget-person), as <see cref="PersonalData"/> decides.
/// </summary>
public static class PrivacyFeature
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services) => services
        .AddScoped<PersonalDataCollector>()
        .AddScoped<ShowMyData>()
        .AddScoped<BuildPersonalDataExportJob>()
        .AddOfferedFiles<PersonalDataExportFiles, AcceptPersonalDataFile>()
        .AddScoped<PurgePersonalDataExportsJob>()
        .AddScoped<PersonEraser>()
        .AddScoped<ErasePerson>();

    public static BotRoutes MapPrivacy(this BotRoutes bot, HelpCatalog help)
    {
        help.Add(new HelpEntry("mes données", "my data", "help.commands.myData"))
            .Add(new HelpEntry("personne supprimer", "forget person", "help.commands.erasePerson", Permission.ErasePerson));
        return bot
            .OnCommand<ShowMyData>("mes données", "my data")
            .OnCommand<ErasePerson>("personne supprimer", "supprimer personne", "forget person")
            .OnCardAction<ErasePerson>(ErasePerson.ConfirmVerb);
    }
}
