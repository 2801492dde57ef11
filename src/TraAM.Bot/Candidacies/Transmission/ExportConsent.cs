using TraAM.Bot.Cards;
using TraAM.Bot.Delivery.Files;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Candidacies.Transmission;

/// <summary>
/// The Teams file consent card that offers an export's file (protocol.md §2.8). Its context names the export only:
/// the invoke that comes back is matched to the export's person through Teams' signed sender, not through it.
/// </summary>
internal static class ExportConsent
{
    public static Activity Offer(CandidacyExport export, string campaignCode, CardTemplates cards, string language)
    {
        var context = FileConsentAnswer.Context(CandidacyExportFiles.Key, export.Id);
        var scope = TransmissionScope.Parse(export.ScopeKey)?.Label ?? export.ScopeKey;
        var description = cards.Format("transmission.consentDescription", language, campaignCode, scope, export.Count);
        return new Activity
        {
            Type = ActivityTypes.Message,
            Attachments = [FileConsent.ConsentCard(export.FileName, description, export.Content?.LongLength ?? 0, context)],
        };
    }
}
