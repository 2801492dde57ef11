namespace TraAM.Bot.Reference;

/// <summary>An académie (or a vice-rectorat), where its people work: its time zone decides when "9:00" is.</summary>
public sealed record Academy(string Code, string Name, string TimeZoneId, string RegionCode, bool IsViceRectorate = false, params string[] Aliases)
{
    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
}

/// <summary>A région académique: DRAN act at this level (e.g. Bourgogne-Franche-Comté = Besançon + Dijon).</summary>
public sealed record Region(string Code, string Name);

/// <summary>
/// The 30 académies, the vice-rectorates and their régions académiques. This is law, not user data: it changes by
/// decree, so it lives in code (reviewed, versioned) and rows refer to it by code.
/// </summary>
public static class Academies
{
    private const string Paris = "Europe/Paris";

    public static IReadOnlyList<Region> Regions { get; } =
    [
        new("auvergne-rhone-alpes", "Auvergne-Rhône-Alpes"),
        new("bourgogne-franche-comte", "Bourgogne-Franche-Comté"),
        new("bretagne", "Bretagne"),
        new("centre-val-de-loire", "Centre-Val de Loire"),
        new("corse", "Corse"),
        new("grand-est", "Grand Est"),
        new("hauts-de-france", "Hauts-de-France"),
        new("ile-de-france", "Île-de-France"),
        new("normandie", "Normandie"),
        new("nouvelle-aquitaine", "Nouvelle-Aquitaine"),
        new("occitanie", "Occitanie"),
        new("pays-de-la-loire", "Pays de la Loire"),
        new("provence-alpes-cote-d-azur", "Provence-Alpes-Côte d'Azur"),
        new("guadeloupe", "Guadeloupe"),
        new("martinique", "Martinique"),
        new("guyane", "Guyane"),
        new("la-reunion", "La Réunion"),
        new("mayotte", "Mayotte"),
        new("nouvelle-caledonie", "Nouvelle-Calédonie"),
        new("polynesie-francaise", "Polynésie française"),
        new("wallis-et-futuna", "Wallis-et-Futuna"),
    ];

    public static IReadOnlyList<Academy> All { get; } =
    [
        new("aix-marseille", "Aix-Marseille", Paris, "provence-alpes-cote-d-azur"),
        new("amiens", "Amiens", Paris, "hauts-de-france"),
        new("besancon", "Besançon", Paris, "bourgogne-franche-comte"),
        new("bordeaux", "Bordeaux", Paris, "nouvelle-aquitaine"),
        new("clermont-ferrand", "Clermont-Ferrand", Paris, "auvergne-rhone-alpes", false, "Clermont"),
        new("corse", "Corse", Paris, "corse"),
        new("creteil", "Créteil", Paris, "ile-de-france"),
        new("dijon", "Dijon", Paris, "bourgogne-franche-comte"),
        new("grenoble", "Grenoble", Paris, "auvergne-rhone-alpes"),
        new("lille", "Lille", Paris, "hauts-de-france"),
        new("limoges", "Limoges", Paris, "nouvelle-aquitaine"),
        new("lyon", "Lyon", Paris, "auvergne-rhone-alpes"),
        new("montpellier", "Montpellier", Paris, "occitanie"),
        new("nancy-metz", "Nancy-Metz", Paris, "grand-est"),
        new("nantes", "Nantes", Paris, "pays-de-la-loire"),
        new("nice", "Nice", Paris, "provence-alpes-cote-d-azur"),
        new("normandie", "Normandie", Paris, "normandie", false, "Caen", "Rouen"),
        new("orleans-tours", "Orléans-Tours", Paris, "centre-val-de-loire"),
        new("paris", "Paris", Paris, "ile-de-france"),
        new("poitiers", "Poitiers", Paris, "nouvelle-aquitaine"),
        new("reims", "Reims", Paris, "grand-est"),
        new("rennes", "Rennes", Paris, "bretagne"),
        new("strasbourg", "Strasbourg", Paris, "grand-est"),
        new("toulouse", "Toulouse", Paris, "occitanie"),
        new("versailles", "Versailles", Paris, "ile-de-france"),
        new("guadeloupe", "Guadeloupe", "America/Guadeloupe", "guadeloupe"),
        new("martinique", "Martinique", "America/Martinique", "martinique"),
        new("guyane", "Guyane", "America/Cayenne", "guyane"),
        new("la-reunion", "La Réunion", "Indian/Reunion", "la-reunion", false, "Réunion"),
        new("mayotte", "Mayotte", "Indian/Mayotte", "mayotte"),
        new("nouvelle-caledonie", "Nouvelle-Calédonie", "Pacific/Noumea", "nouvelle-caledonie", true, "Nouméa"),
        new("polynesie-francaise", "Polynésie française", "Pacific/Tahiti", "polynesie-francaise", true, "Polynésie", "Tahiti"),
        new("wallis-et-futuna", "Wallis-et-Futuna", "Pacific/Wallis", "wallis-et-futuna", true, "Wallis"),
    ];

    private static readonly Dictionary<string, Academy> ByKey = BuildIndex();

    public static Academy? Find(string? nameOrCode) =>
        ByKey.TryGetValue(TextKey.Of(nameOrCode), out var a) ? a : null;

    public static Academy? ByCode(string? code) => All.FirstOrDefault(a => a.Code == code);

    public static Region? RegionByCode(string? code) => Regions.FirstOrDefault(r => r.Code == code);

    public static IEnumerable<Academy> InRegion(string regionCode) => All.Where(a => a.RegionCode == regionCode);

    private static Dictionary<string, Academy> BuildIndex()
    {
        var index = new Dictionary<string, Academy>(StringComparer.Ordinal);
        foreach (var a in All)
        {
            foreach (var key in new[] { a.Code, a.Name, "académie de " + a.Name, "académie d'" + a.Name }.Concat(a.Aliases))
            {
                index.TryAdd(TextKey.Of(key), a);
            }
        }

        return index;
    }
}
