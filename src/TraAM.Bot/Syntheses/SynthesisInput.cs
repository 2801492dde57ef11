using TraAM.Bot.CheckIns;

namespace TraAM.Bot.Syntheses;

/// <summary>What a paragraph of a synthesis comes from: the kind of record, the team, the card, its version and date.</summary>
public enum SourceKind
{
    Directory,
    Production,
    CheckIn,
    Bilan,
    Meeting,
    Minutes,
}

/// <summary>
/// One record the synthesis cites (issue 13 §2: "every paragraph names its source"): its kind, the team ("Académie —
/// équipe", null for what concerns the theme), the card or register it was read from as people know it ("Bilan de fin
/// d'année"), its version and date, and who wrote it.
/// </summary>
public sealed record SynthesisSource(SourceKind Kind, string? Team, string Card, int? Version, DateTimeOffset? Date, string? Author = null);

/// <summary>
/// Everything the synthesis engine reads, as plain records: the database loader fills them today from teams,
/// productions, check-ins and meetings; bilans and minutes through <see cref="ISynthesisBilans"/> and
/// <see cref="ISynthesisMinutes"/>. The bench and the tests build them by hand. <c>Academy</c> is null for the theme's
/// national synthesis, the académie's name for an academic one.
/// </summary>
public sealed record SynthesisInput(
    string Campaign,
    string Discipline,
    string Theme,
    string? Academy,
    int Version,
    DateTimeOffset CompiledAt,
    string CompiledBy,
    IReadOnlyList<TeamInput> Teams,
    IReadOnlyList<MeetingInput> Meetings);

public sealed record TeamInput(
    long Id,
    string Academy,
    string Name,
    string? Referent,
    SynthesisSource Source,
    IReadOnlyList<ProductionInput> Productions,
    IReadOnlyList<CheckInInput> CheckIns,
    BilanInput? Bilan)
{
    public string Label => $"{Academy} — {Name}";
}

/// <summary>A production as the tracker last heard of it.</summary>
public sealed record ProductionInput(ProductionKind Kind, ProductionState State, string? Url, SynthesisSource Source);

/// <summary>A team's submitted answer to one round (<paramref name="Round"/> counts from 1 in the theme's order).</summary>
public sealed record CheckInInput(int Round, DateOnly RoundOpens, OverallProgress? Overall, int Version, DateTimeOffset Date, SynthesisSource Source);

/// <summary>
/// A team's end-of-year bilan, last submitted version. The fields are those of the bilan form (ids
/// <c>recap</c>, <c>url_scenarios</c>, <c>url_magistere</c>, <c>url_bilan_academique</c>, <c>url_communication</c>,
/// <c>edubase</c>, <c>magistere</c>, <c>collaboration</c>, <c>difficulties</c>, <c>advice</c>, <c>accessibility_rgpd</c>).
/// </summary>
public sealed record BilanInput(
    string Recap,
    IReadOnlyDictionary<ProductionKind, string> Urls,
    string? Edubase,
    string? Magistere,
    string? Collaboration,
    string? Difficulties,
    string? Advice,
    string? AccessibilityRgpd,
    SynthesisSource Source)
{
    private static readonly (string Field, ProductionKind Kind)[] UrlFields =
    [
        ("url_scenarios", ProductionKind.Scenarios),
        ("url_magistere", ProductionKind.Magistere),
        ("url_bilan_academique", ProductionKind.AcademicBilan),
        ("url_communication", ProductionKind.Communication),
    ];

    /// <summary>From the bilan form's answers (field id → text), as <c>Forms/</c> stores them.</summary>
    public static BilanInput FromAnswers(IReadOnlyDictionary<string, string> answers, SynthesisSource source)
    {
        string? Get(string id) => answers.TryGetValue(id, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var urls = UrlFields.Where(u => Get(u.Field) is not null).ToDictionary(u => u.Kind, u => Get(u.Field)!);
        return new BilanInput(Get("recap") ?? "", urls, Get("edubase"), Get("magistere"), Get("collaboration"),
            Get("difficulties"), Get("advice"), Get("accessibility_rgpd"), source);
    }
}

/// <summary>A meeting of the national group, with its minutes when they were filed.</summary>
public sealed record MeetingInput(
    DateTimeOffset Date,
    string Kind,
    string Subject,
    SynthesisSource Source,
    MinutesInput? Minutes);

public sealed record MinutesInput(
    IReadOnlyList<DecisionInput> Decisions,
    IReadOnlyList<ActionInput> Actions,
    IReadOnlyList<string> Present,
    SynthesisSource Source);

public sealed record DecisionInput(string Text, SynthesisSource Source);

public sealed record ActionInput(string Text, string? Owner, DateOnly? Due, bool Done, SynthesisSource Source);
