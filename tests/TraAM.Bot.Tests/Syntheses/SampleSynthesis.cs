using TraAM.Bot.CheckIns;
using TraAM.Bot.Syntheses;

namespace TraAM.Bot.Tests.Syntheses;

/// <summary>A small theme: three teams (one without a bilan), three rounds, two meetings (one with minutes).</summary>
internal static class SampleSynthesis
{
    public static readonly DateTimeOffset Now = new(2027, 6, 20, 10, 0, 0, TimeSpan.Zero);

    public static SynthesisInput Input(bool allBilans = false)
    {
        var teams = new List<TeamInput>
        {
            Team(1, "Lyon", "Les Canuts", "Anne Martin", withBilan: true),
            Team(2, "Aix-Marseille", "Calanques", "Karim Benali", withBilan: true),
            Team(3, "Nice", "Baie des Anges", "Léa Rossi", withBilan: allBilans),
        };
        var kickoff = new SynthesisSource(SourceKind.Meeting, null, "Réunion de lancement", 1, new DateTimeOffset(2026, 10, 5, 14, 0, 0, TimeSpan.Zero));
        var minutes = new SynthesisSource(SourceKind.Minutes, null, "Compte rendu de la réunion de lancement", 2, new DateTimeOffset(2026, 10, 7, 9, 0, 0, TimeSpan.Zero), "Paul Expert");
        var meetings = new List<MeetingInput>
        {
            new(kickoff.Date!.Value, "Lancement", "Lancement national", kickoff,
                new MinutesInput(
                    [new DecisionInput("Les scénarios suivront le gabarit \"Édubase\": une fiche par séance", minutes)],
                    [new ActionInput("Partager le gabarit", "Paul Expert", new DateOnly(2026, 10, 20), true, minutes),
                     new ActionInput("Relire les scénarios", "Anne Martin", new DateOnly(2027, 5, 1), false, minutes)],
                    ["Paul Expert", "Anne Martin", "Karim Benali"], minutes)),
            new(new DateTimeOffset(2027, 2, 3, 14, 0, 0, TimeSpan.Zero), "Point d'étape", "Point de mi-parcours",
                new SynthesisSource(SourceKind.Meeting, null, "Réunion de mi-parcours", 1, new DateTimeOffset(2027, 2, 3, 14, 0, 0, TimeSpan.Zero)), null),
        };
        return new SynthesisInput("2026-2027", "Histoire-géographie", "Cartographie numérique", null, 3, Now, "Paul Expert", teams, meetings);
    }

    private static TeamInput Team(long id, string academy, string name, string referent, bool withBilan)
    {
        var label = $"{academy} — {name}";
        var directory = new SynthesisSource(SourceKind.Directory, label, "Équipe retenue", null, new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero));
        var checkIns = Enumerable.Range(1, 3).Select(r =>
        {
            var at = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero).AddMonths(2 * (r - 1)).AddDays(id);
            var state = (OverallProgress)((r + id) % 4);
            return new CheckInInput(r, DateOnly.FromDateTime(at.Date.AddDays(-id)), state, 1, at,
                new SynthesisSource(SourceKind.CheckIn, label, $"Point d'étape n° {r}", 1, at, referent));
        }).Where(c => !(id == 3 && c.Round == 2)).ToList();
        var productionSource = new SynthesisSource(SourceKind.Production, label, "Suivi des productions (point d'étape n° 3)", 1, checkIns[^1].Date);
        var productions = new List<ProductionInput>
        {
            new(ProductionKind.Scenarios, ProductionState.Published, $"https://www.ac-{id}.fr/traam/scenarios", productionSource),
            new(ProductionKind.Magistere, ProductionState.Written, null, productionSource),
        };
        BilanInput? bilan = null;
        if (withBilan)
        {
            var source = new SynthesisSource(SourceKind.Bilan, label, "Bilan de fin d'année", 2, new DateTimeOffset(2027, 6, 10, 16, 0, 0, TimeSpan.Zero), referent);
            bilan = BilanInput.FromAnswers(new Dictionary<string, string>
            {
                ["recap"] = $"L'équipe {name} a conçu 4 scénarios: cartes \"sensibles\" et SIG.\n\nDeux classes de 4e les ont testés!",
                ["url_communication"] = $"https://www.ac-{id}.fr/traam/article",
                ["edubase"] = "Fiches 12345 et 12346",
                ["difficulties"] = $"{name} : le temps de concertation a manqué ; les tablettes étaient anciennes.",
                ["advice"] = "Commencer par un scénario court ?",
                ["accessibility_rgpd"] = "Pas de compte élève; cartes exportées en PDF accessible.",
                ["collaboration"] = id == 1 ? "Échanges réguliers avec Aix-Marseille." : "",
            }, source);
        }

        return new TeamInput(id, academy, name, referent, directory, productions, checkIns, bilan);
    }
}
