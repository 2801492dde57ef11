namespace TraAM.Bot.Campaigns;

/// <summary>
/// The 2026-2027 call for projects (seed 003) as the first campaign: its calendar defaults and its 22 themes in 20
/// disciplines. Seeded by the migrations, so a fresh database (PostgreSQL or the embedded file) starts with it.
/// </summary>
internal static class Call2026
{
    public const int CampaignId = 1;

    public static Campaign Campaign => new()
    {
        Id = CampaignId,
        Code = "2026-2027",
        SubmissionDeadline = new DateOnly(2026, 3, 31),
        ResultsDate = new DateOnly(2026, 6, 15),
        WorkStart = new DateOnly(2026, 9, 1),
        KickoffDeadline = new DateOnly(2026, 10, 31),
        CheckpointsMin = 2,
        CheckpointsMax = 3,
        CompletionDeadline = new DateOnly(2027, 4, 30),
        BilanDeadline = new DateOnly(2027, 6, 30),
        UpdatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    public static Theme[] Themes =>
    [
        T(1, "premier-degre", "Le numérique au service des STIAM : intégration du numérique comme levier dans l'enseignement interdisciplinaire"),
        T(2, "arts-plastiques", "Développer un usage éthique et responsable de l'intelligence artificielle dans l'enseignement des arts plastiques"),
        T(3, "documentation", "Les professeurs documentalistes, initiateurs d'espaces de médiation numérique au service de l'accessibilité, de l'inclusion et du bien-être des élèves"),
        T(4, "economie-gestion", "Intelligence artificielle et économie-gestion : enjeux pédagogiques et éducatifs"),
        T(5, "emi", "EMI et ingérences étrangères : comprendre les mécanismes d'ingérence numérique pour développer l'esprit critique"),
        T(6, "education-musicale", "De l'art à la science : contribution de l'éducation musicale à l'appropriation des savoirs scientifiques"),
        T(7, "eps", "Rendre les apprentissages plus explicites grâce aux outils numériques"),
        T(8, "hda", "Perspectives : l'intelligence artificielle dans l'enseignement de l'histoire des arts"),
        T(9, "histoire-geographie", "Une fenêtre sur le monde et le monde dans la classe"),
        T(10, "lve", "L'éthique et la citoyenneté numérique dans l'apprentissage des langues"),
        T(11, "lettres", "L'intelligence artificielle en lettres : quels usages ? Quelles plus-values pédagogiques ? Quels points de vigilance ?"),
        T(12, "mathematiques", "Différencier en mathématiques : des approches adaptées aux besoins de chaque élève"),
        T(13, "nsi", "Cybersécurité, réseaux sociaux", number: 1),
        T(14, "nsi", "Égalité filles-garçons", number: 2),
        T(15, "philosophie", "L'intelligence artificielle comme objet de réflexion, outil pédagogique et assistant du professeur"),
        T(16, "physique-chimie", "Comment les systèmes à intelligence artificielle peuvent-ils contribuer à la formation en physique-chimie ?"),
        T(17, "ses", "Perspectives de l'utilisation de l'intelligence artificielle en SES"),
        T(18, "sti", "Le numérique dans les enseignements STI : pratiques pédagogiques et plus-values"),
        T(19, "svt", "Numérique et approche « Une seule santé »", number: 1),
        T(20, "svt", "Bases de données et systèmes d'information géographique", number: 2, year: 2, requiresYearOne: true),
        T(21, "st2s-biotechnologies", "Enseigner les biotechnologies et les sciences sanitaires et sociales à l'ère des IA génératives"),
        T(22, "technologie", "Mobiliser les outils numériques dans la conduite de projets pour développer la collaboration, la créativité et la culture technologique"),
    ];

    private static Theme T(int id, string discipline, string title, int? number = null, int year = 1, bool requiresYearOne = false) => new()
    {
        Id = id,
        CampaignId = CampaignId,
        DisciplineCode = discipline,
        Code = number is null ? discipline : $"{discipline}-{number}",
        Number = number ?? 1,
        Title = title,
        Year = year,
        RequiresYearOne = requiresYearOne,
    };
}
