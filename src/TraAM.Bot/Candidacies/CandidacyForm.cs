using TraAM.Bot.Forms;

namespace TraAM.Bot.Candidacies;

/// <summary>The questions of a candidacy (issue 10 §1); the same keys are read by the transmission's spreadsheet.</summary>
public static class CandidacyForm
{
    public const int SummaryMax = 2000;

    public static FormDefinition Definition { get; } = new(Candidacy.FormKind, "candidacy",
    [
        new FormField("title", FieldKind.Text, Required: true, MaxLength: 150),
        new FormField("summary", FieldKind.LongText, Required: true, MaxLength: SummaryMax),
        new FormField("productions", FieldKind.MultiChoice, Required: true, Choices: ["scenarios", "magistere", "communication"]),
        new FormField("levels", FieldKind.Text, Required: true, MaxLength: 200),
        new FormField("tools", FieldKind.LongText, MaxLength: 1000),
        new FormField("rgpd", FieldKind.LongText, MaxLength: 1000),
        new FormField("accessibility", FieldKind.LongText, MaxLength: 1000),
        new FormField("crcn", FieldKind.LongText, MaxLength: 1000),
        new FormField("year", FieldKind.Choice, Required: true, MaxLength: 1, Choices: ["1", "2"]),
    ]);
}
