using TraAM.Bot.Cards;

namespace TraAM.Bot.Forms;

/// <summary>
/// Turns a form, its answers and their errors into the data of <c>cards/forms/form.json</c>, the one card every
/// versioned form is answered in (candidacy, check-in, bilan, minutes): the feature gives the title, the facts about
/// what is being answered, the banner and its buttons; the fields, values, choices and errors come from here.
/// </summary>
public static class FormCard
{
    public const string Template = "forms/form";

    public static IReadOnlyList<FormFieldLine> Fields(FormDefinition form, FormAnswers answers, IReadOnlyDictionary<string, string> errors, CardTemplates cards, string language) =>
    [
        .. form.Fields.Select(f => new FormFieldLine(
            f.Id,
            KindName(f.Kind),
            cards.Text($"{form.TextPrefix}.fields.{f.Id}", language) + (f.Required ? " *" : ""),
            answers[f.Id],
            errors.GetValueOrDefault(f.Id, ""),
            f.Required,
            f.MaxLength,
            [.. f.Options.Select(o => new FormChoice(ChoiceLabel(form, f, o, cards, language), o))])),
    ];

    /// <summary>The answers as label → text, choices in words: what a read-only copy of the form shows.</summary>
    public static IReadOnlyList<FormFact> Facts(FormDefinition form, FormAnswers answers, CardTemplates cards, string language) =>
    [
        .. form.Fields.Where(f => answers[f.Id].Length > 0).Select(f => new FormFact(
            cards.Text($"{form.TextPrefix}.fields.{f.Id}", language),
            f.Kind is FieldKind.Choice or FieldKind.MultiChoice
                ? string.Join(", ", FormAnswers.Split(answers[f.Id]).Select(v => f.Options.Contains(v) ? ChoiceLabel(form, f, v, cards, language) : v))
                : answers[f.Id])),
    ];

    private static string ChoiceLabel(FormDefinition form, FormField field, string value, CardTemplates cards, string language) =>
        cards.Text($"{form.TextPrefix}.choices.{field.Id}.{value}", language);

    private static string KindName(FieldKind kind) => kind switch
    {
        FieldKind.LongText => "longText",
        FieldKind.Choice => "choice",
        FieldKind.MultiChoice => "multiChoice",
        FieldKind.Url => "url",
        _ => "text",
    };
}

/// <summary>Data of cards/forms/form.json.</summary>
public sealed record FormCardData(
    string Title,
    string Subtitle,
    IReadOnlyList<FormFact> Facts,
    string Banner,
    string Done,
    string Intro,
    IReadOnlyList<FormFieldLine> Fields,
    IReadOnlyList<FormAction> Actions);

public sealed record FormFact(string Title, string Value);

public sealed record FormFieldLine(string Id, string Kind, string Label, string Value, string Error, bool Required, int MaxLength, IReadOnlyList<FormChoice> Choices);

public sealed record FormChoice(string Title, string Value);

/// <summary>A button of the form: its verb, what it acts on (<paramref name="Subject"/>) and the version the card shows.</summary>
public sealed record FormAction(string Title, string Verb, string Subject, string Version, string Style = "default");
