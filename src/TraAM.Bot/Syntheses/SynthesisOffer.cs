using System.Text.Json;
using TraAM.Bot.Candidacies;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Syntheses;

/// <summary>
/// Offers a synthesis to one person with Teams' file consent card (protocol.md §2.8), the same delivery as the DAN/DRAN
/// export: a <see cref="SynthesisDelivery"/> row records the offer, and its id is all the card's context names; who
/// answers is matched through Teams' signed sender (<see cref="AcceptSynthesisFile"/>).
/// </summary>
internal static class SynthesisOffer
{
    public const string ContextKey = "synthesisDeliveryId";

    public static SynthesisDelivery Record(TraamDbContext db, SynthesisDocument doc, long personId, DateTimeOffset now)
    {
        var delivery = new SynthesisDelivery { DocumentId = doc.Id, PersonId = personId, OfferedAt = now };
        db.SynthesisDeliveries.Add(delivery);
        return delivery;
    }

    public static Attachment ConsentCard(SynthesisDocument doc, SynthesisDelivery delivery, string label, CardTemplates cards, string language)
    {
        var context = JsonSerializer.SerializeToElement(new Dictionary<string, long> { [ContextKey] = delivery.Id });
        var description = cards.Format("synthesis.consentDescription", language, label, doc.Version, doc.BilanCount, doc.TeamCount);
        return FileConsent.ConsentCard(doc.FileName, description, doc.Content?.LongLength ?? 0, context);
    }

    public static long? DeliveryIdOf(FileConsentCardResponse response) =>
        response.Context is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty(ContextKey, out var id) && id.TryGetInt64(out var v) ? v : null;

    public static string FileName(string campaign, string themeCode, string? academyCode, int version) =>
        $"Synthese-TraAM-{campaign}-{themeCode}{(academyCode is null ? "" : "-" + academyCode)}-v{version}.docx";
}
