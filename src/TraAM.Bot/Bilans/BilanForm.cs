using TraAM.Bot.CheckIns;
using TraAM.Bot.Forms;

namespace TraAM.Bot.Bilans;

/// <summary>
/// The questions of the end-of-year bilan (issue 13 §1), answered in the generic form card. The field ids are shared
/// with the synthesis, which reads the versions: do not rename them. Only the recap is required; the four productions'
/// addresses are https (checked here, then probed by <see cref="CheckBilanUrlsJob"/>).
/// </summary>
public static class BilanForm
{
    public const int RecapMax = 3000;
    public const int TextMax = 2000;
    public const int ReferenceMax = 300;
    public const int UrlMax = 500;

    /// <summary>Address field → the production it is (the production tracker's kind).</summary>
    public static IReadOnlyList<(string Field, ProductionKind Kind)> Productions { get; } =
    [
        ("url_scenarios", ProductionKind.Scenarios),
        ("url_magistere", ProductionKind.Magistere),
        ("url_bilan_academique", ProductionKind.AcademicBilan),
        ("url_communication", ProductionKind.Communication),
    ];

    public static FormDefinition Definition { get; } = new(Bilan.FormKind, "bilan",
    [
        new FormField("recap", FieldKind.LongText, Required: true, MaxLength: RecapMax),
        new FormField("url_scenarios", FieldKind.Url, MaxLength: UrlMax),
        new FormField("url_magistere", FieldKind.Url, MaxLength: UrlMax),
        new FormField("url_bilan_academique", FieldKind.Url, MaxLength: UrlMax),
        new FormField("url_communication", FieldKind.Url, MaxLength: UrlMax),
        new FormField("edubase", FieldKind.Text, MaxLength: ReferenceMax),
        new FormField("magistere", FieldKind.Text, MaxLength: ReferenceMax),
        new FormField("collaboration", FieldKind.LongText, MaxLength: TextMax),
        new FormField("difficulties", FieldKind.LongText, MaxLength: TextMax),
        new FormField("advice", FieldKind.LongText, MaxLength: TextMax),
        new FormField("accessibility_rgpd", FieldKind.LongText, MaxLength: TextMax),
    ]);

    /// <summary>The production addresses answered, field → address.</summary>
    public static IEnumerable<(string Field, string Url)> Urls(FormAnswers answers) =>
        Productions.Select(p => (p.Field, answers[p.Field])).Where(p => p.Item2.Length > 0);
}
