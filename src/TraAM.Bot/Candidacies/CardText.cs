using System.Globalization;
using TraAM.Bot.Cards;

namespace TraAM.Bot.Candidacies;

internal static class CardText
{
    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/> with its {0}, {1}… filled in.</summary>
    public static string Format(this CardTemplates cards, string key, string language, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, cards.Text(key, language), args);
}
