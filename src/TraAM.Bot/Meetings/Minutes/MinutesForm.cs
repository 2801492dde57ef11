using System.Globalization;
using TraAM.Bot.Cards;
using TraAM.Bot.Forms;

namespace TraAM.Bot.Meetings.Minutes;

/// <summary>An invitee as the minutes card offers them: ticked present, and (when in the directory) owner of an action.</summary>
public sealed record MinutesInvitee(long AttendanceId, long? PersonId, string Name, string Email);

/// <summary>An action row as read from the answers.</summary>
public sealed record ActionRow(int Row, string What, long? OwnerPersonId, DateOnly? Due);

/// <summary>
/// The minutes as a <see cref="FormDefinition"/> built for one meeting (its invitees are the choices): attendance,
/// decisions, <see cref="ActionRows"/> actions (what, who among the invitees in the directory, due date), free notes,
/// links (https, one a line), and which parts came from the transcript. Read and checked as every form is, plus the
/// dates and the links, since a card's data can be forged.
/// </summary>
public static class MinutesForm
{
    public const int ActionRows = 4;
    public static readonly IReadOnlyList<string> Parts = ["decisions", "actions", "notes"];

    public static FormDefinition For(IReadOnlyList<MinutesInvitee> invitees)
    {
        var ids = invitees.Select(i => i.AttendanceId.ToString(CultureInfo.InvariantCulture)).ToList();
        var owners = invitees.Where(i => i.PersonId is not null).Select(i => i.PersonId!.Value.ToString(CultureInfo.InvariantCulture)).Distinct().ToList();
        var fields = new List<FormField>
        {
            new("present", FieldKind.MultiChoice, MaxLength: 4000, Choices: ids),
            new("decisions", FieldKind.LongText, MaxLength: 4000),
        };
        for (var i = 1; i <= ActionRows; i++)
        {
            fields.Add(new($"action{i}What", FieldKind.Text, MaxLength: 300));
            fields.Add(new($"action{i}Owner", FieldKind.Choice, MaxLength: 20, Choices: owners));
            fields.Add(new($"action{i}Due", FieldKind.Text, MaxLength: 40));
        }

        fields.Add(new("notes", FieldKind.LongText, MaxLength: 8000));
        fields.Add(new("links", FieldKind.LongText, MaxLength: 2000));
        fields.Add(new("fromTranscript", FieldKind.MultiChoice, MaxLength: 100, Choices: Parts));
        return new FormDefinition(MeetingMinutes.FormKind, "minutes", fields);
    }

    /// <summary>The form's own checks, then dates (yyyy-MM-dd, as Teams' date input sends), complete action rows and https links.</summary>
    public static Dictionary<string, string> Validate(FormDefinition form, FormAnswers answers, bool publishing, CardTemplates cards, string language)
    {
        var errors = form.Validate(answers, publishing, cards, language);
        for (var i = 1; i <= ActionRows; i++)
        {
            var due = answers[$"action{i}Due"];
            if (due.Length > 0 && !errors.ContainsKey($"action{i}Due") && Date(due) is null)
                errors[$"action{i}Due"] = cards.Text("minutes.errors.date", language);
            var hasOther = answers[$"action{i}Owner"].Length > 0 || due.Length > 0;
            if (hasOther && answers[$"action{i}What"].Length == 0 && !errors.ContainsKey($"action{i}What"))
                errors[$"action{i}What"] = cards.Text("minutes.errors.actionWhat", language);
        }

        if (!errors.ContainsKey("links") && Links(answers["links"]).Any(l => !FormDefinition.IsHttps(l)))
            errors["links"] = cards.Text("minutes.errors.links", language);
        if (publishing && answers["present"].Length == 0 && !errors.ContainsKey("present"))
            errors["present"] = cards.Text("minutes.errors.present", language);
        return errors;
    }

    public static IReadOnlyList<ActionRow> Actions(FormAnswers answers) =>
    [
        .. Enumerable.Range(1, ActionRows)
            .Where(i => answers[$"action{i}What"].Length > 0)
            .Select(i => new ActionRow(i, answers[$"action{i}What"],
                long.TryParse(answers[$"action{i}Owner"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null,
                Date(answers[$"action{i}Due"]))),
    ];

    public static IEnumerable<string> Links(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
