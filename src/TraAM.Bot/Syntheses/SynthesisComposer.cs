using TraAM.Bot.CheckIns;

namespace TraAM.Bot.Syntheses;

/// <summary>
/// Decides what a synthesis says, from its input only: the theme and its teams, the productions, each team's recap,
/// the cross-cutting findings grouped by team, the meetings with their decisions and actions, the check-in chart, the
/// missing bilans, and the sources. Every paragraph and table row cites the record it comes from; the teams' text gets
/// French typography. Pure, so the same input always gives the same document.
/// </summary>
public static class SynthesisComposer
{
    public const string MissingBilan = "Bilan non reçu à la date de compilation.";

    public static SynthesisModel Compose(SynthesisInput input)
    {
        // What the bot's registers say when nothing was filed: a statement of absence cites the register it read.
        var sources = new SourceRegistry
        {
            Register = new SynthesisSource(SourceKind.Directory, null, $"Registres du bot pour le thème « {input.Theme} » (équipes, points d'étape, bilans, réunions)", null, input.CompiledAt),
        };
        var blocks = new List<Block> { new TocBlock() };
        var teams = input.Teams.OrderBy(t => t.Academy, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), true))
            .ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ToList();

        Teams(input, teams, blocks, sources);
        Productions(teams, blocks, sources);
        Recaps(teams, blocks, sources);
        Findings(teams, blocks, sources);
        Meetings(input, blocks, sources);
        CheckInsOverYear(teams, blocks, sources);
        Missing(teams, blocks, sources);

        var title = input.Academy is null ? $"Synthèse TraAM {input.Campaign} — {input.Theme}" : $"Synthèse académique TraAM {input.Campaign} — {input.Academy}";
        var subtitle = $"{input.Discipline} · {input.Theme} · version {input.Version}, compilée le {SynthesisLabels.Day(input.CompiledAt)} par {input.CompiledBy}";
        return new SynthesisModel(FrenchTypography.Apply(title), FrenchTypography.Apply(subtitle), blocks, sources.Sources);
    }

    private static HeadingBlock H(int level, string text) => new(level, FrenchTypography.Apply(text));

    private static ParagraphBlock Para(SourceRegistry sources, SynthesisSource source, string text, string? lead = null, bool bullet = false) =>
        new(lead is null ? null : FrenchTypography.Apply(lead), FrenchTypography.Apply(text), sources.Cite(source), bullet);

    private static void Teams(SynthesisInput input, List<TeamInput> teams, List<Block> blocks, SourceRegistry sources)
    {
        blocks.Add(H(1, "Le thème et ses équipes"));
        var academies = teams.Select(t => t.Academy).Distinct(StringComparer.Ordinal).Count();
        var received = teams.Count(t => t.Bilan is not null);
        var directory = new SynthesisSource(SourceKind.Directory, null, $"Équipes retenues du thème « {input.Theme} »", null, input.CompiledAt);
        blocks.Add(Para(sources, directory,
            $"{Plural(teams.Count, "équipe", "équipes")} de {Plural(academies, "académie", "académies")} ont travaillé sur le thème « {input.Theme} » ({input.Discipline}) pendant la campagne {input.Campaign}. Bilans reçus à la date de compilation : {received} sur {teams.Count}."));
        blocks.Add(new TableBlock(["Académie", "Équipe", "Référent·e", "Bilan", "Source"],
            [.. teams.Select(t => new Row(
                [new Cell(t.Academy), new Cell(FrenchTypography.Apply(t.Name)), new Cell(t.Referent ?? "—"),
                 new Cell(t.Bilan is { } b ? $"Reçu (version {b.Source.Version}, {Date(b.Source)})" : "Manquant")],
                sources.Cite(t.Bilan?.Source ?? t.Source)))]));
    }

    private static void Productions(List<TeamInput> teams, List<Block> blocks, SourceRegistry sources)
    {
        blocks.Add(H(1, "Productions"));
        foreach (var team in teams)
        {
            blocks.Add(H(3, team.Label));
            var rows = new List<Row>();
            foreach (var kind in Enum.GetValues<ProductionKind>())
            {
                var tracked = team.Productions.FirstOrDefault(p => p.Kind == kind);
                var bilanUrl = team.Bilan?.Urls.GetValueOrDefault(kind);
                if (tracked is null && bilanUrl is null) continue;
                var url = bilanUrl ?? tracked?.Url;
                var source = bilanUrl is not null ? team.Bilan!.Source : tracked!.Source;
                rows.Add(new Row([new Cell(SynthesisLabels.Production(kind)), new Cell(tracked is null ? "—" : SynthesisLabels.State(tracked.State)),
                    new Cell(url ?? "—", IsLink(url) ? url : null)], sources.Cite(source)));
            }

            if (rows.Count == 0) blocks.Add(Para(sources, team.Source, "Aucune production déclarée dans les points d'étape ni dans le bilan."));
            else blocks.Add(new TableBlock(["Production", "État", "Adresse", "Source"], rows));
        }
    }

    private static void Recaps(List<TeamInput> teams, List<Block> blocks, SourceRegistry sources)
    {
        blocks.Add(H(1, "Ce que les équipes ont fait"));
        foreach (var team in teams)
        {
            blocks.Add(H(3, team.Label));
            if (team.Bilan is not { } bilan)
            {
                blocks.Add(Para(sources, team.Source, MissingBilan));
                continue;
            }

            foreach (var part in Paragraphs(bilan.Recap)) blocks.Add(Para(sources, bilan.Source, part));
            if (bilan.Edubase is { } edubase) blocks.Add(Para(sources, bilan.Source, edubase, "Édubase : "));
            if (bilan.Magistere is { } magistere) blocks.Add(Para(sources, bilan.Source, magistere, "M@gistère : "));
        }
    }

    private static void Findings(List<TeamInput> teams, List<Block> blocks, SourceRegistry sources)
    {
        blocks.Add(H(1, "Constats transversaux"));
        Finding(teams, blocks, sources, "Difficultés rencontrées", b => b.Difficulties);
        Finding(teams, blocks, sources, "Conseils aux équipes de l'an prochain", b => b.Advice);
        Finding(teams, blocks, sources, "Accessibilité et RGPD", b => b.AccessibilityRgpd);
        Finding(teams, blocks, sources, "Travail avec les autres académies", b => b.Collaboration);
    }

    private static void Finding(List<TeamInput> teams, List<Block> blocks, SourceRegistry sources, string title, Func<BilanInput, string?> field)
    {
        blocks.Add(H(2, title));
        var any = false;
        foreach (var team in teams)
        {
            if (team.Bilan is not { } bilan || field(bilan) is not { } text) continue;
            var first = true;
            foreach (var part in Paragraphs(text))
            {
                blocks.Add(Para(sources, bilan.Source, part, first ? team.Label + " : " : null, bullet: true));
                first = false;
            }

            any = true;
        }

        if (!any) blocks.Add(Para(sources, sources.Register!, "Aucun bilan reçu n'en dit rien."));
    }

    private static void Meetings(SynthesisInput input, List<Block> blocks, SourceRegistry sources)
    {
        blocks.Add(H(1, "Réunions, décisions et actions"));
        if (input.Meetings.Count == 0)
        {
            blocks.Add(Para(sources, sources.Register!, "Aucune réunion du groupe national n'est enregistrée."));
            return;
        }

        foreach (var meeting in input.Meetings.OrderBy(m => m.Date))
        {
            blocks.Add(H(2, $"{SynthesisLabels.Day(meeting.Date)} — {meeting.Kind} : {meeting.Subject}"));
            if (meeting.Minutes is not { } minutes)
            {
                blocks.Add(Para(sources, meeting.Source, "Compte rendu non disponible à la date de compilation."));
                continue;
            }

            if (minutes.Present.Count > 0)
                blocks.Add(Para(sources, minutes.Source, string.Join(", ", minutes.Present) + ".", "Présents : "));
            if (minutes.Decisions.Count == 0) blocks.Add(Para(sources, minutes.Source, "Aucune décision consignée."));
            foreach (var decision in minutes.Decisions) blocks.Add(Para(sources, decision.Source, decision.Text, "Décision : ", bullet: true));
            if (minutes.Actions.Count > 0)
            {
                blocks.Add(new TableBlock(["Action", "Responsable", "Échéance", "État", "Source"],
                    [.. minutes.Actions.Select(a => new Row(
                        [new Cell(FrenchTypography.Apply(a.Text)), new Cell(a.Owner ?? "—"), new Cell(a.Due is { } d ? SynthesisLabels.Day(d) : "—"),
                         new Cell(a.Done ? "Faite" : a.Due is { } due && due < DateOnly.FromDateTime(input.CompiledAt.UtcDateTime) ? "En retard" : "À faire")],
                        sources.Cite(a.Source)))]));
            }
        }
    }

    private static void CheckInsOverYear(List<TeamInput> teams, List<Block> blocks, SourceRegistry sources)
    {
        blocks.Add(H(1, "Les points d'étape sur l'année"));
        var rounds = CheckInChart.Rounds(teams);
        if (rounds.Count == 0)
        {
            blocks.Add(Para(sources, sources.Register!, "Aucun point d'étape n'a été rendu."));
            return;
        }

        var (png, width, height) = CheckInChart.Render(rounds);
        var answers = rounds.Sum(r => r.Answered);
        var source = new SynthesisSource(SourceKind.CheckIn, null, $"Points d'étape, {Plural(rounds.Count, "manche", "manches")} ({answers} réponses)",
            null, teams.SelectMany(t => t.CheckIns).Max(c => c.Date));
        blocks.Add(new ImageBlock(png, width, height, "Graphique : état déclaré par les équipes à chaque point d'étape (barres empilées)."));
        blocks.Add(Para(sources, source, $"État déclaré par les équipes à chaque point d'étape ; « Sans réponse » compte les équipes qui n'ont pas rendu la manche."));
        blocks.Add(new TableBlock(["Manche", "Pas commencé", "En cours", "Dans les temps", "En retard", "Sans réponse", "Source"],
            [.. rounds.Select(r => new Row(
                [new Cell($"{r.Number} ({SynthesisLabels.Day(r.Opens)})"), new Cell($"{r.Count(OverallProgress.NotStarted)}"), new Cell($"{r.Count(OverallProgress.InProgress)}"),
                 new Cell($"{r.Count(OverallProgress.OnTrack)}"), new Cell($"{r.Count(OverallProgress.Late)}"), new Cell($"{r.Missing}")],
                sources.Cite(source)))]));
    }

    private static void Missing(List<TeamInput> teams, List<Block> blocks, SourceRegistry sources)
    {
        blocks.Add(H(1, "Bilans manquants"));
        var missing = teams.Where(t => t.Bilan is null).ToList();
        if (missing.Count == 0)
        {
            blocks.Add(Para(sources, sources.Register!, "Toutes les équipes ont envoyé leur bilan."));
            return;
        }

        foreach (var team in missing) blocks.Add(Para(sources, team.Source, $"{team.Label} (référent·e : {team.Referent ?? "non renseigné"}) : bilan non reçu.", bullet: true));
    }

    /// <summary>A text's paragraphs, as the person separated them by blank lines or line breaks.</summary>
    internal static IEnumerable<string> Paragraphs(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsLink(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp);

    private static string Date(SynthesisSource source) => source.Date is { } d ? SynthesisLabels.ShortDay(d) : "—";

    private static string Plural(int n, string one, string many) => $"{n} {(n > 1 ? many : one)}";
}
