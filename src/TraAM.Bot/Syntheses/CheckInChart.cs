using ScottPlot;
using TraAM.Bot.CheckIns;

namespace TraAM.Bot.Syntheses;

/// <summary>One round of the year: how many teams declared each overall state, and how many did not answer.</summary>
public sealed record RoundTally(int Number, DateOnly Opens, IReadOnlyDictionary<OverallProgress, int> Counts, int Missing)
{
    public int Count(OverallProgress state) => Counts.GetValueOrDefault(state);

    public int Answered => Counts.Values.Sum();
}

/// <summary>
/// The check-in states over the year as a stacked bar chart (ScottPlot 5, drawn by SkiaSharp, whose Linux native
/// library comes with the package), rendered to PNG for the Word document. The same figures go in a table beside it.
/// </summary>
public static class CheckInChart
{
    public const int Width = 1200;
    public const int Height = 600;

    private static readonly (OverallProgress? State, string Hex)[] Series =
    [
        (OverallProgress.OnTrack, "#2E7D32"),
        (OverallProgress.InProgress, "#1565C0"),
        (OverallProgress.NotStarted, "#9E9E9E"),
        (OverallProgress.Late, "#C62828"),
        (null, "#E0E0E0"),
    ];

    public static IReadOnlyList<RoundTally> Rounds(IReadOnlyCollection<TeamInput> teams) =>
        [.. teams.SelectMany(t => t.CheckIns).GroupBy(c => c.Round).OrderBy(g => g.Key).Select(g =>
        {
            var counts = g.Where(c => c.Overall is not null).GroupBy(c => c.Overall!.Value).ToDictionary(x => x.Key, x => x.Count());
            return new RoundTally(g.Key, g.Min(c => c.RoundOpens), counts, teams.Count - counts.Values.Sum());
        })];

    public static (byte[] Png, int Width, int Height) Render(IReadOnlyList<RoundTally> rounds)
    {
        var plot = new Plot();
        var bars = new List<Bar>();
        foreach (var round in rounds)
        {
            double bottom = 0;
            foreach (var (state, hex) in Series)
            {
                var value = state is { } s ? round.Count(s) : round.Missing;
                if (value == 0) continue;
                bars.Add(new Bar { Position = round.Number, ValueBase = bottom, Value = bottom + value, FillColor = Color.FromHex(hex) });
                bottom += value;
            }
        }

        plot.Add.Bars(bars);
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.Legend.ManualItems.AddRange(Series.Select(s => new LegendItem { LabelText = SynthesisLabels.Overall(s.State), FillColor = Color.FromHex(s.Hex) }));
        plot.Axes.Bottom.SetTicks([.. rounds.Select(r => (double)r.Number)], [.. rounds.Select(r => $"{r.Number}\n{r.Opens:dd/MM}")]);
        plot.Axes.Bottom.Label.Text = "Point d'étape";
        plot.Axes.Left.Label.Text = "Équipes";
        plot.Title("État déclaré à chaque point d'étape");
        plot.Axes.Margins(bottom: 0, top: 0.25);
        return (plot.GetImageBytes(Width, Height, ImageFormat.Png), Width, Height);
    }
}
