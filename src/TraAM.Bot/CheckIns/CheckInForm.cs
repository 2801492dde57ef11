using TraAM.Bot.Cards;
using TraAM.Bot.Forms;

namespace TraAM.Bot.CheckIns;

/// <summary>
/// The questions of a check-in (issue 11 §1), answered in the generic form card. Only the overall progress is required;
/// each production has a state and an optional https address; a "yes" to help wanted needs a word on which help.
/// </summary>
public static class CheckInForm
{
    public const int TextMax = 2000;

    private static readonly string[] States = ["planned", "written", "tested", "published"];
    private static readonly string[] YesNoNa = ["yes", "no", "na"];

    /// <summary>Form field prefix → production tracked.</summary>
    public static IReadOnlyList<(string Prefix, ProductionKind Kind)> Productions { get; } =
    [
        ("scenarios", ProductionKind.Scenarios),
        ("magistere", ProductionKind.Magistere),
        ("bilan", ProductionKind.AcademicBilan),
        ("communication", ProductionKind.Communication),
    ];

    public static FormDefinition Definition { get; } = new(CheckInRound.FormKind, "checkin",
    [
        new FormField("overall", FieldKind.Choice, Required: true, MaxLength: 16, Choices: ["notStarted", "inProgress", "onTrack", "late"]),
        new FormField("scenariosState", FieldKind.Choice, MaxLength: 16, Choices: [.. States, "indexed"]), // only scenarios are indexed in Édubase
        new FormField("scenariosUrl", FieldKind.Url, MaxLength: 500),
        new FormField("magistereState", FieldKind.Choice, MaxLength: 16, Choices: States),
        new FormField("magistereUrl", FieldKind.Url, MaxLength: 500),
        new FormField("bilanState", FieldKind.Choice, MaxLength: 16, Choices: States),
        new FormField("bilanUrl", FieldKind.Url, MaxLength: 500),
        new FormField("communicationState", FieldKind.Choice, MaxLength: 16, Choices: States),
        new FormField("communicationUrl", FieldKind.Url, MaxLength: 500),
        new FormField("rgpd", FieldKind.Choice, MaxLength: 4, Choices: YesNoNa),
        new FormField("accessibility", FieldKind.Choice, MaxLength: 4, Choices: YesNoNa),
        new FormField("crcn", FieldKind.Choice, MaxLength: 4, Choices: YesNoNa),
        new FormField("commons", FieldKind.Choice, MaxLength: 4, Choices: YesNoNa),
        new FormField("blockers", FieldKind.LongText, MaxLength: TextMax),
        new FormField("help", FieldKind.Choice, MaxLength: 4, Choices: ["yes", "no"]),
        new FormField("helpText", FieldKind.LongText, MaxLength: TextMax),
        new FormField("confidence", FieldKind.Choice, MaxLength: 1, Choices: ["1", "2", "3", "4", "5"]),
    ]);

    /// <summary>The generic checks, plus this form's own rule: help wanted says which help (when sending).</summary>
    public static Dictionary<string, string> Validate(FormAnswers answers, bool submitting, CardTemplates cards, string language)
    {
        var errors = Definition.Validate(answers, submitting, cards, language);
        if (submitting && answers["help"] == "yes" && answers["helpText"].Length == 0 && !errors.ContainsKey("helpText"))
            errors["helpText"] = cards.Text("checkin.errors.helpText", language);
        return errors;
    }

    public static OverallProgress? Overall(FormAnswers a) => a["overall"] switch
    {
        "notStarted" => OverallProgress.NotStarted,
        "inProgress" => OverallProgress.InProgress,
        "onTrack" => OverallProgress.OnTrack,
        "late" => OverallProgress.Late,
        _ => null,
    };

    public static ProductionState? State(string value) => value switch
    {
        "planned" => ProductionState.Planned,
        "written" => ProductionState.Written,
        "tested" => ProductionState.Tested,
        "published" => ProductionState.Published,
        "indexed" => ProductionState.Indexed,
        _ => null,
    };

    public static int? Confidence(FormAnswers a) => int.TryParse(a["confidence"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 5 ? n : null;

    public static bool HelpWanted(FormAnswers a) => a["help"] == "yes";

    public static bool HasBlocker(FormAnswers a) => a["blockers"].Length > 0;

    /// <summary>What makes a check-in a risk for the theme's experts and the team's inspectors.</summary>
    public static RiskReasons Risk(FormAnswers a) =>
        (Overall(a) == OverallProgress.Late ? RiskReasons.Late : RiskReasons.None)
        | (HelpWanted(a) ? RiskReasons.HelpWanted : RiskReasons.None)
        | (HasBlocker(a) ? RiskReasons.Blocker : RiskReasons.None);

    /// <summary>The blocker and the help asked, as shown to whoever follows the team.</summary>
    public static string? RiskDetail(FormAnswers a)
    {
        var parts = new[] { a["blockers"], HelpWanted(a) ? a["helpText"] : "" }.Where(p => p.Length > 0).ToList();
        var text = string.Join("\n", parts);
        return text.Length == 0 ? null : text.Length > TextMax ? text[..TextMax] : text;
    }
}
