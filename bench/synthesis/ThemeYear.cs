using System.Globalization;
using System.Text;
using TraAM.Bot.CheckIns;
using TraAM.Bot.Reference;
using TraAM.Bot.Syntheses;

namespace TraAM.Bot.Bench.Synthesis;

/// <summary>
/// A deterministic theme at the end of a full year: teams spread over the académies, 8 check-in rounds, 4 meetings
/// with minutes, and a bilan per team of realistic length (a recap near the 3,000-character cap; difficulties, advice,
/// accessibility and collaboration of a few sentences), typed as people type (straight quotes, spaces before : ? ! or not).
/// </summary>
internal static class ThemeYear
{
    private static readonly string[] Sentences =
    [
        "Les élèves de 4e ont travaillé en binômes sur des cartes \"sensibles\" de leur quartier",
        "Nous avons testé le scénario dans trois classes: deux au collège, une au lycée",
        "Le temps de concertation a manqué au deuxième trimestre ; les séances ont été décalées",
        "Les tablettes du collège étaient anciennes ! Il a fallu prévoir une solution hors ligne",
        "Comment évaluer la compétence « coopérer » sans alourdir la grille ?",
        "L'ENT académique a permis de partager les productions sans compte élève supplémentaire",
        "La collaboration avec l'académie partenaire s'est faite en visioconférence chaque mois",
        "Les fiches Édubase ont été relues par l'inspecteur avant publication",
        "Le parcours M@gistère reprend les trois scénarios avec des vidéos de classe",
        "Les documents sont exportés en PDF balisé, lisibles par un lecteur d'écran",
    ];

    public static SynthesisInput Build(int teamCount = 120, int rounds = 8, int meetings = 4)
    {
        var start = new DateTimeOffset(2026, 9, 15, 8, 0, 0, TimeSpan.Zero);
        var teams = Enumerable.Range(0, teamCount).Select(i => Team(i, rounds, start)).ToList();
        var meetingList = Enumerable.Range(0, meetings).Select(m => Meeting(m, start, teams)).ToList();
        return new SynthesisInput("2026-2027", "Histoire-géographie", "Cartographie numérique et esprit critique", null, 1,
            start.AddMonths(9), "Léa Petit", teams, meetingList);
    }

    private static TeamInput Team(int i, int rounds, DateTimeOffset start)
    {
        var academy = Academies.All[i % Academies.All.Count];
        var name = $"Équipe {academy.Name} {i / Academies.All.Count + 1}";
        var label = $"{academy.Name} — {name}";
        var referent = $"Référent {i + 1}";
        var source = new SynthesisSource(SourceKind.Directory, label, "Équipe retenue (annuaire)", null, start);
        var checkIns = Enumerable.Range(1, rounds).Where(r => (i + r) % 11 != 0).Select(r =>
        {
            var at = start.AddDays(30 * r + i % 7);
            return new CheckInInput(r, DateOnly.FromDateTime(start.AddDays(30 * r).Date), (OverallProgress)((i + r) % 4), 1 + (i + r) % 2, at,
                new SynthesisSource(SourceKind.CheckIn, label, string.Create(CultureInfo.InvariantCulture, $"Point d'étape n° {r}"), 1 + (i + r) % 2, at, referent));
        }).ToList();
        var productions = Enum.GetValues<ProductionKind>().Select(k => new ProductionInput(k, (ProductionState)((i + (int)k) % 5),
            (i + (int)k) % 3 == 0 ? null : $"https://www.ac-{academy.Code}.fr/traam/{i}/{k.ToString().ToLowerInvariant()}",
            new SynthesisSource(SourceKind.Production, label, "Suivi des productions", 1, start.AddMonths(8)))).ToList();
        var bilanSource = new SynthesisSource(SourceKind.Bilan, label, "Bilan de fin d'année", 1 + i % 3, start.AddMonths(9).AddDays(-i % 10), referent);
        var bilan = BilanInput.FromAnswers(new Dictionary<string, string>
        {
            ["recap"] = Text(i, 2900, paragraphs: 4),
            ["url_scenarios"] = $"https://www.ac-{academy.Code}.fr/traam/{i}/scenarios",
            ["url_magistere"] = $"https://magistere.education.fr/ac-{academy.Code}/course/view.php?id={1000 + i}",
            ["edubase"] = $"Fiches {20000 + 3 * i}, {20001 + 3 * i} et {20002 + 3 * i}",
            ["collaboration"] = Text(i + 1, 400),
            ["difficulties"] = Text(i + 2, 800, paragraphs: 2),
            ["advice"] = Text(i + 3, 700, paragraphs: 2),
            ["accessibility_rgpd"] = Text(i + 4, 500),
        }, bilanSource);
        return new TeamInput(i + 1, academy.Name, name, referent, source, productions, checkIns, bilan);
    }

    private static MeetingInput Meeting(int m, DateTimeOffset start, List<TeamInput> teams)
    {
        var at = start.AddDays(20 + 70 * m);
        var kind = m == 0 ? "Lancement (à distance)" : "Point d'étape";
        var minutes = new SynthesisSource(SourceKind.Minutes, null, $"Compte rendu de la réunion n° {m + 1}", 1, at.AddDays(2), "Secrétaire de séance");
        return new MeetingInput(at, kind, $"Réunion nationale n° {m + 1}",
            new SynthesisSource(SourceKind.Meeting, null, $"Réunion n° {m + 1}", 0, at),
            new MinutesInput(
                [.. Enumerable.Range(0, 6).Select(d => new DecisionInput(Text(m * 10 + d, 220), minutes))],
                [.. Enumerable.Range(0, 10).Select(a => new ActionInput(Text(m * 20 + a, 120), teams[(m * 10 + a) % teams.Count].Referent,
                    DateOnly.FromDateTime(at.AddDays(30 + a).Date), a % 3 != 0, minutes))],
                [.. teams.Take(40).Select(t => t.Referent!)], minutes));
    }

    private static string Text(int seed, int length, int paragraphs = 1)
    {
        var sb = new StringBuilder(length + 200);
        var per = length / paragraphs;
        for (var p = 0; p < paragraphs; p++)
        {
            var start = sb.Length;
            for (var k = 0; sb.Length - start < per; k++) sb.Append(Sentences[(seed * 7 + p * 3 + k) % Sentences.Length]).Append(". ");
            sb.Append('\n');
        }

        return sb.ToString().Trim();
    }
}
