using TraAM.Bot.Delivery.Files;
using TraAM.Bot.Help;
using TraAM.Bot.People.Access;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Candidacies.Transmission;

/// <summary>DAN and DRAN transmit their approved candidacies to the DNE (issue 10 §3); the file goes by Teams' consent card.</summary>
public static class TransmissionRoutes
{
    public static IServiceCollection AddCandidacyTransmission(this IServiceCollection services) => services
        .AddScoped<TransmissionRequests>()
        .AddScoped<TransmissionCard>()
        .AddScoped<ShowTransmission>()
        .AddScoped<TransmitCandidacies>()
        .AddScoped<ResendExportFile>()
        .AddScoped<BuildExportJob>()
        .AddOfferedFiles<CandidacyExportFiles, AcceptExportFile>(CandidacyExportFiles.Key)
        .AddScoped<PurgeExportsJob>();

    public static BotRoutes MapCandidacyTransmission(this BotRoutes bot, HelpCatalog help)
    {
        help.Add(new HelpEntry("transmettre", "transmit", "transmission.help", Permission.ExportCandidacies));
        return bot
            .OnCommand<ShowTransmission>("transmettre", "transmettre à la dne", "transmit", "send to the dne")
            .OnCardAction<TransmitCandidacies>(TransmitCandidacies.Verb)
            .OnCardAction<ResendExportFile>(ResendExportFile.Verb);
    }
}
