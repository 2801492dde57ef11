using System.Globalization;
using System.Text.Json;
using TraAM.Bot.Cards;

namespace TraAM.Bot.Forms;

/// <summary>How a question is answered on the card (and checked on the server).</summary>
public enum FieldKind
{
    /// <summary>One line of text.</summary>
    Text,

    /// <summary>Several lines (a summary, a recap).</summary>
    LongText,

    /// <summary>One of <see cref="FormField.Choices"/>.</summary>
    Choice,

    /// <summary>Any of <see cref="FormField.Choices"/>, sent by Teams as "a,b".</summary>
    MultiChoice,

    /// <summary>An https address (a production on the academic site).</summary>
    Url,
}

/// <summary>One question of a form: its id (the card input's), how it is answered, and its limits.</summary>
public sealed record FormField(string Id, FieldKind Kind, bool Required = false, int MaxLength = 200, IReadOnlyList<string>? Choices = null)
{
    public IReadOnlyList<string> Options => Choices ?? [];
}

/// <summary>
/// A form answered in a card (a candidacy, a check-in, a bilan, minutes): its questions, read from the card's data and
/// checked the same way the card checks them (<c>isRequired</c>, <c>maxLength</c>, choices), because a card's data can be
/// forged or come from an old client. Texts come from the strings catalog under <see cref="TextPrefix"/>:
/// <c>{prefix}.fields.{id}</c> for labels and <c>{prefix}.choices.{id}.{value}</c> for choices.
/// </summary>
public sealed record FormDefinition(string Kind, string TextPrefix, IReadOnlyList<FormField> Fields)
{
    /// <summary>What a forged card could send at most per field, kept so the person sees what they typed.</summary>
    private const int ReadCap = 20_000;

    /// <summary>The answers in the card's data: every field of the form (empty when absent), nothing else.</summary>
    public FormAnswers Read(JsonElement data)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            var text = data.ValueKind == JsonValueKind.Object && data.TryGetProperty(field.Id, out var v) ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString() ?? "",
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
                _ => "",
            } : "";
            text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
            values[field.Id] = text.Length > ReadCap ? text[..ReadCap] : text;
        }

        return new FormAnswers(values);
    }

    /// <summary>
    /// Errors next to each field, in <paramref name="language"/>: lengths, choices and addresses always (a draft too);
    /// required answers only when <paramref name="submitting"/>.
    /// </summary>
    public Dictionary<string, string> Validate(FormAnswers answers, bool submitting, CardTemplates cards, string language)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            var value = answers[field.Id];
            if (value.Length == 0)
            {
                if (submitting && field.Required) errors[field.Id] = cards.Text("forms.errors.required", language);
                continue;
            }

            if (value.Length > field.MaxLength)
            {
                errors[field.Id] = string.Format(CultureInfo.InvariantCulture, cards.Text("forms.errors.tooLong", language), value.Length, field.MaxLength);
                continue;
            }

            var problem = field.Kind switch
            {
                FieldKind.Choice when !field.Options.Contains(value) => "forms.errors.choice",
                FieldKind.MultiChoice when FormAnswers.Split(value).Any(v => !field.Options.Contains(v)) => "forms.errors.choice",
                FieldKind.Url when !IsHttps(value) => "forms.errors.url",
                _ => null,
            };
            if (problem is not null) errors[field.Id] = cards.Text(problem, language);
        }

        return errors;
    }

    /// <summary>An absolute https address with a host: what a production's page on the academic site must be.</summary>
    public static bool IsHttps(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0 && !value.Contains(' ', StringComparison.Ordinal);

    public FormField this[string id] => Fields.First(f => f.Id == id);
}
