namespace TraAM.Bot.Syntheses;

/// <summary>A synthesis as blocks, before it is written as Word: what the composer decides, what the writer lays out.</summary>
public sealed record SynthesisModel(string Title, string Subtitle, IReadOnlyList<Block> Blocks, IReadOnlyList<SynthesisSource> Sources);

public abstract record Block;

/// <summary>Heading 1–3 (the table of contents lists 1 and 2).</summary>
public sealed record HeadingBlock(int Level, string Text) : Block;

/// <summary>A paragraph of content; <see cref="SourceNumber"/> is its line in the final sources table (from 1).</summary>
public sealed record ParagraphBlock(string? Lead, string Text, int SourceNumber, bool Bullet = false) : Block;

public sealed record Cell(string Text, string? Url = null);

public sealed record Row(IReadOnlyList<Cell> Cells, int SourceNumber);

/// <summary>A table; each row names its source in its last column.</summary>
public sealed record TableBlock(IReadOnlyList<string> Headers, IReadOnlyList<Row> Rows) : Block;

public sealed record ImageBlock(byte[] Png, int WidthPx, int HeightPx, string AltText) : Block;

public sealed record TocBlock : Block;

/// <summary>Numbers each distinct source once, in order of first citation.</summary>
internal sealed class SourceRegistry
{
    private readonly Dictionary<SynthesisSource, int> _numbers = [];
    private readonly List<SynthesisSource> _sources = [];

    public IReadOnlyList<SynthesisSource> Sources => _sources;

    public SynthesisSource? Register { get; init; }

    public int Cite(SynthesisSource source)
    {
        if (_numbers.TryGetValue(source, out var n)) return n;
        _sources.Add(source);
        return _numbers[source] = _sources.Count;
    }
}
