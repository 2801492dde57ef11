namespace TraAM.Bot.Reference;

/// <summary>A discipline (or "enseignement") of the TraAM calls; themes change each year, disciplines rarely.</summary>
public sealed record Discipline(string Code, string Name, params string[] Aliases);

/// <summary>The disciplines of the 2026-2027 call (seed 003): twenty of them.</summary>
public static class Disciplines
{
    public static IReadOnlyList<Discipline> All { get; } =
    [
        new("premier-degre", "Premier degré", "1er degré", "Primaire"),
        new("arts-plastiques", "Arts plastiques"),
        new("documentation", "Documentation", "Professeurs documentalistes"),
        new("economie-gestion", "Économie-gestion"),
        new("emi", "Éducation aux médias et à l'information (EMI)", "EMI", "Éducation aux médias et à l'information"),
        new("education-musicale", "Éducation musicale et chant choral", "Éducation musicale", "Musique"),
        new("eps", "Éducation physique et sportive (EPS)", "EPS", "Éducation physique et sportive"),
        new("hda", "Histoire des arts (HDA)", "HDA", "Histoire des arts"),
        new("histoire-geographie", "Histoire-géographie", "HG", "Histoire-géo", "Histoire géographie"),
        new("lve", "Langues vivantes étrangères (LVE)", "LVE", "Langues vivantes", "Langues vivantes étrangères"),
        new("lettres", "Lettres"),
        new("mathematiques", "Mathématiques", "Maths", "Mathematiques"),
        new("nsi", "Numérique et sciences informatiques (NSI) / Informatique", "NSI", "Informatique", "Numérique et sciences informatiques"),
        new("philosophie", "Philosophie", "Philo"),
        new("physique-chimie", "Physique-chimie", "PC"),
        new("ses", "Sciences économiques et sociales (SES)", "SES", "Sciences économiques et sociales"),
        new("sti", "Sciences et techniques industrielles (STI)", "STI", "Sciences et techniques industrielles"),
        new("svt", "Sciences de la vie et de la Terre (SVT)", "SVT", "Sciences de la vie et de la Terre"),
        new("st2s-biotechnologies", "ST2S – Biotechnologies", "ST2S", "Biotechnologies", "ST2S Biotechnologies"),
        new("technologie", "Technologie", "Techno"),
    ];

    private static readonly Dictionary<string, Discipline> ByKey = All
        .SelectMany(d => new[] { d.Code, d.Name }.Concat(d.Aliases).Select(k => (Key: TextKey.Of(k), d)))
        .DistinctBy(x => x.Key)
        .ToDictionary(x => x.Key, x => x.d, StringComparer.Ordinal);

    public static Discipline? Find(string? nameOrCode) =>
        ByKey.TryGetValue(TextKey.Of(nameOrCode), out var d) ? d : null;

    public static Discipline? ByCode(string? code) => All.FirstOrDefault(d => d.Code == code);
}
