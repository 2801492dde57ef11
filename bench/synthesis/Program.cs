using System.Diagnostics;
using System.Globalization;
using TraAM.Bot.Bench.Synthesis;
using TraAM.Bot.Syntheses;

// Synthesis benchmark (issue 13 §4): a theme of 120 teams over a full year (8 check-in rounds, 4 meetings with minutes,
// 120 bilans of realistic length) through the engine: compose, chart, Word writer. Goal: under 2 s and 300 MB.
// Prints the first (cold) compile, the best of 5 warm ones, the document's size, allocations and the process's peak memory.
var teams = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 120;
const double GoalSeconds = 2.0;
const long GoalBytes = 300L * 1024 * 1024;
var input = ThemeYear.Build(teams);
var chars = input.Teams.Sum(t => t.Bilan!.Recap.Length + (t.Bilan.Difficulties?.Length ?? 0) + (t.Bilan.Advice?.Length ?? 0) + (t.Bilan.AccessibilityRgpd?.Length ?? 0) + (t.Bilan.Collaboration?.Length ?? 0));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Synthesis benchmark: {input.Teams.Count} teams, {input.Teams.Sum(t => t.CheckIns.Count)} check-ins, {input.Meetings.Count} meetings, {input.Teams.Count} bilans ({chars / 1024} KiB of text), {Environment.ProcessorCount} cores, .NET {Environment.Version}"));

(double Seconds, byte[] Docx, long Allocated, int Sources) Compile()
{
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    var sw = Stopwatch.StartNew();
    var model = SynthesisComposer.Compose(input);
    var docx = DocxWriter.Write(model);
    sw.Stop();
    return (sw.Elapsed.TotalSeconds, docx, GC.GetAllocatedBytesForCurrentThread() - allocated, model.Sources.Count);
}

var cold = Compile();
var warm = Enumerable.Range(0, 5).Select(_ => Compile()).MinBy(r => r.Seconds);
using var process = Process.GetCurrentProcess();
process.Refresh();
var peak = process.PeakWorkingSet64;

Console.WriteLine($"{"measure",-44} {"value",12} {"goal",10} {"goal/actual",12}");
Row("first compile, cold (s)", cold.Seconds, GoalSeconds);
Row("compile, best of 5 warm (s)", warm.Seconds, GoalSeconds);
Row("peak working set of the process (MB)", peak / 1048576.0, GoalBytes / 1048576.0);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"allocated by one compile (MB)",-44} {cold.Allocated / 1048576.0,12:F1}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"document (KiB), sources cited",-44} {cold.Docx.Length / 1024,12} {cold.Sources,10}"));
using (var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(cold.Docx), false))
    Console.WriteLine($"{"OpenXML validator errors",-44} {new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(doc).Count(),12}");
var ok = cold.Seconds < GoalSeconds && peak < GoalBytes;
Console.WriteLine(ok ? "within the goals" : "OVER A GOAL");
if (args.Contains("--keep")) File.WriteAllBytes("synthesis-bench.docx", cold.Docx);
return ok ? 0 : 1;

static void Row(string name, double value, double goal) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-44} {value,12:F3} {goal,10:F0} {goal / value,11:F1}x"));
