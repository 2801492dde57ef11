using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace TraAM.Bot.Meetings.Minutes;

/// <summary>One cue of a transcript: when (from the start of the recording), who, what was said.</summary>
public sealed record TranscriptLine(TimeSpan Start, string Speaker, string Text)
{
    /// <summary>"00:01:05 Léa Petit : Bonjour à toutes et à tous".</summary>
    public override string ToString() =>
        $"{Start.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture)} {(Speaker.Length > 0 ? Speaker : "?")} : {Text}";
}

/// <summary>
/// Reads Teams' WebVTT transcripts: cues "hh:mm:ss.fff --> hh:mm:ss.fff" followed by <c>&lt;v Speaker&gt;text&lt;/v&gt;</c>
/// lines (cue ids, NOTE blocks and styling are skipped). Tolerant: an unreadable cue is left out, never thrown at.
/// </summary>
public static partial class Transcript
{
    public static IReadOnlyList<TranscriptLine> Parse(string? vtt)
    {
        if (string.IsNullOrWhiteSpace(vtt)) return [];
        var lines = new List<TranscriptLine>();
        TimeSpan? start = null;
        foreach (var raw in vtt.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                start = null;
                continue;
            }

            var timing = Timing().Match(line);
            if (timing.Success)
            {
                start = ParseTime(timing.Groups[1].Value);
                continue;
            }

            if (start is null) continue; // header, cue id, NOTE
            var voice = Voice().Match(line);
            var (speaker, text) = voice.Success ? (voice.Groups[1].Value.Trim(), voice.Groups[2].Value) : ("", line);
            text = WebUtility.HtmlDecode(Tags().Replace(text, "")).Trim();
            if (text.Length == 0) continue;
            if (lines.Count > 0 && lines[^1].Start == start && lines[^1].Speaker == speaker)
                lines[^1] = lines[^1] with { Text = lines[^1].Text + " " + text };
            else
                lines.Add(new TranscriptLine(start.Value, WebUtility.HtmlDecode(speaker), text));
        }

        return lines;
    }

    /// <summary>The transcript as the secretary's starting point: one line per cue, bounded to <paramref name="max"/> characters.</summary>
    public static string AsText(IReadOnlyList<TranscriptLine> lines, int max)
    {
        var text = string.Join("\n", lines.Select(l => l.ToString()));
        return text.Length <= max ? text : text[..(max - 1)] + "…";
    }

    private static TimeSpan? ParseTime(string value)
    {
        var parts = value.Split(':');
        var formats = parts.Length == 3 ? new[] { @"hh\:mm\:ss\.fff", @"h\:mm\:ss\.fff" } : [@"mm\:ss\.fff"];
        return TimeSpan.TryParseExact(value, formats, CultureInfo.InvariantCulture, out var t) ? t : null;
    }

    [GeneratedRegex(@"^(\d{1,2}:\d{2}:\d{2}\.\d{3}|\d{2}:\d{2}\.\d{3})\s+-->\s+")]
    private static partial Regex Timing();

    [GeneratedRegex(@"^<v(?:\.[^ >]*)?\s+([^>]*)>(.*?)(?:</v>)?$")]
    private static partial Regex Voice();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
