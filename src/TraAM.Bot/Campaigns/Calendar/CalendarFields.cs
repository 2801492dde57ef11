using System.Globalization;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Campaigns.Calendar;

/// <summary>
/// The editable fields of a campaign calendar, in the order of the yearly cycle: their card ids, how to read and
/// write them, and the order they must respect (a later step cannot come before an earlier one).
/// </summary>
internal static class CalendarFields
{
    public sealed record DateField(string Id, Func<Campaign, DateOnly> Get, Action<Campaign, DateOnly> Set);

    public static IReadOnlyList<DateField> Dates { get; } =
    [
        new("submissionDeadline", c => c.SubmissionDeadline, (c, d) => c.SubmissionDeadline = d),
        new("resultsDate", c => c.ResultsDate, (c, d) => c.ResultsDate = d),
        new("workStart", c => c.WorkStart, (c, d) => c.WorkStart = d),
        new("kickoffDeadline", c => c.KickoffDeadline, (c, d) => c.KickoffDeadline = d),
        new("completionDeadline", c => c.CompletionDeadline, (c, d) => c.CompletionDeadline = d),
        new("bilanDeadline", c => c.BilanDeadline, (c, d) => c.BilanDeadline = d),
    ];

    public const string CheckpointsMin = "checkpointsMin";
    public const string CheckpointsMax = "checkpointsMax";
    public const string ReminderOffsets = "reminderOffsets";

    /// <summary>"J-30, J-7, J-1" (or "D-…" in English).</summary>
    public static string Offsets(IReadOnlyList<int> days, string language) =>
        string.Join(", ", days.Select(d => (language == Languages.English ? "D-" : "J-") + d.ToString(CultureInfo.InvariantCulture)));

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Display(DateOnly d, string language) => Cards.DateText.Day(d, language);

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        || DateOnly.TryParseExact(text?.Trim(), "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
