using System.Globalization;
using TraAM.Bot.Candidacies;
using TraAM.Bot.Cards;
using TraAM.Bot.Delivery;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Syntheses;

/// <summary>Data of cards/syntheses/synthesis.json: a compiled version, for its author ("Diffuser") or its readers ("Recevoir le document").</summary>
internal sealed record SynthesisCardData(string Title, string Text, IReadOnlyList<SynthesisFact> Facts, string Note, bool CanDiffuse, bool CanGet, long DocumentId);

internal sealed record SynthesisFact(string Label, string Value);

internal static class SynthesisCard
{
    public const string Template = "syntheses/synthesis";

    /// <summary>For the person who compiled it; a national synthesis may be diffused from it.</summary>
    public static SynthesisCardData Ready(SynthesisDocument d, string label, CardTemplates cards, string language) =>
        new(cards.Format("synthesis.card.ready", language, label), cards.Format("synthesis.card.readyText", language, d.Version),
            Facts(d, cards, language), d.IsNational ? cards.Text("synthesis.card.diffuseHint", language) : cards.Text("synthesis.card.academicHint", language),
            d.IsNational, false, d.Id);

    /// <summary>For the theme's national group and IGÉSR: a new version was diffused.</summary>
    public static object Published(SynthesisDocument d, string label, CardTemplates cards) =>
        LocalizedData.Of(PublishedIn(d, label, cards, Languages.French), PublishedIn(d, label, cards, Languages.English));

    private static SynthesisCardData PublishedIn(SynthesisDocument d, string label, CardTemplates cards, string language) =>
        new(cards.Format("synthesis.card.published", language, label), cards.Format("synthesis.card.publishedText", language, d.Version, d.DiffusedByName ?? d.CreatedByName),
            Facts(d, cards, language), cards.Text("synthesis.card.getHint", language), false, true, d.Id);

    private static List<SynthesisFact> Facts(SynthesisDocument d, CardTemplates cards, string language) =>
    [
        new(cards.Text("synthesis.card.version", language), d.Version.ToString(CultureInfo.InvariantCulture)),
        new(cards.Text("synthesis.card.compiled", language), DateText.Day(DateOnly.FromDateTime((d.CompiledAt ?? d.CreatedAt).UtcDateTime), language)),
        new(cards.Text("synthesis.card.teams", language), d.TeamCount.ToString(CultureInfo.InvariantCulture)),
        new(cards.Text("synthesis.card.bilans", language), cards.Format("synthesis.card.bilansValue", language, d.BilanCount, d.TeamCount)),
    ];
}
