using System.Globalization;
using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.Forms;

namespace TraAM.Bot.Meetings.Minutes;

/// <summary>
/// The minutes card (cards/meetings/minutes.json) for the secretary, and its read-only copy for the national group's
/// channel (cards/meetings/minutes-published.json). The editable card's buttons carry the meeting and the revision shown,
/// nothing else; who presses is checked again on the server.
/// </summary>
public sealed class MinutesCard(CardTemplates cards)
{
    public const string Template = "meetings/minutes";
    public const string PublishedTemplate = "meetings/minutes-published";
    public const string OpenVerb = "minutes.open";
    public const string SaveVerb = "minutes.save";
    public const string PublishVerb = "minutes.publish";

    /// <summary>Transcript cues shown on the card (Teams' 28 KB limit); the whole text prefills the notes.</summary>
    private const int CuesShown = 30;

    /// <summary>What the secretary starts from: the report's attendees ticked (else nobody), the transcript as notes.</summary>
    public static FormAnswers Prefill(MinutesFile file)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var reported = file.Reported.Select(r => r.Email.ToLowerInvariant()).ToHashSet();
        if (reported.Count > 0)
            values["present"] = string.Join(",", file.Invitees.Where(i => reported.Contains(i.Email.ToLowerInvariant())).Select(i => i.AttendanceId.ToString(CultureInfo.InvariantCulture)));
        var transcript = file.TranscriptLines;
        if (transcript.Count > 0)
        {
            values["notes"] = Transcript.AsText(transcript, 8000);
            values["fromTranscript"] = "notes";
        }

        return new FormAnswers(values);
    }

    public JsonElement Render(MinutesFile file, FormAnswers answers, IReadOnlyDictionary<string, string> errors, string language,
        string banner = "", string done = "", int? revision = null) =>
        cards.Render(Template, Data(file, answers, errors, language, banner, done, revision), language);

    public MinutesCardData Data(MinutesFile file, FormAnswers answers, IReadOnlyDictionary<string, string> errors, string language,
        string banner = "", string done = "", int? revision = null)
    {
        string T(string key) => cards.Text($"minutes.{key}", language);
        var form = MinutesForm.For(file.Invitees);
        var version = (revision ?? file.Minutes?.Revision ?? 0).ToString(CultureInfo.InvariantCulture);
        var reported = file.Reported.ToDictionary(r => r.Email.ToLowerInvariant(), r => r, StringComparer.Ordinal);
        var fields = new List<FormFieldLine>();
        foreach (var f in form.Fields)
        {
            var (kind, label, choices) = f.Id switch
            {
                "present" => ("multiChoice", T("fields.present"), file.Invitees.Select(i => new FormChoice(
                    i.Name + (reported.TryGetValue(i.Email.ToLowerInvariant(), out var r) ? $" ({Minutes(r.Seconds)} min)" : ""), i.AttendanceId.ToString(CultureInfo.InvariantCulture))).ToList()),
                "fromTranscript" => ("multiChoice", T("fields.fromTranscript"), MinutesForm.Parts.Select(p => new FormChoice(T($"parts.{p}"), p)).ToList()),
                "decisions" or "notes" or "links" => ("longText", T($"fields.{f.Id}"), new List<FormChoice>()),
                _ when f.Id.EndsWith("What", StringComparison.Ordinal) => ("text", Row(T("fields.actionWhat"), f.Id), []),
                _ when f.Id.EndsWith("Owner", StringComparison.Ordinal) => ("choice", Row(T("fields.actionOwner"), f.Id),
                    file.Invitees.Where(i => i.PersonId is not null).DistinctBy(i => i.PersonId).Select(i => new FormChoice(i.Name, i.PersonId!.Value.ToString(CultureInfo.InvariantCulture))).ToList()),
                _ => ("date", Row(T("fields.actionDue"), f.Id), []),
            };
            fields.Add(new FormFieldLine(f.Id, kind, label, answers[f.Id], errors.GetValueOrDefault(f.Id, ""), false, f.MaxLength, choices));
        }

        var transcript = file.TranscriptLines;
        return new MinutesCardData(
            T("title"),
            file.Meeting.Subject,
            Facts(file, language),
            banner,
            done,
            T("intro"),
            Source(file, language),
            transcript.Count == 0 ? "" : T("transcriptTitle"),
            string.Join("\n\n", transcript.Take(CuesShown).Select(l => l.ToString())),
            fields,
            [
                new FormAction(T("save"), SaveVerb, file.Subject, version),
                new FormAction(T(file.State == MinutesState.Published ? "republish" : "publish"), PublishVerb, file.Subject, version, "positive"),
            ]);
    }

    /// <summary>The channel's copy: the published answers in words, and which parts came from the transcript.</summary>
    public MinutesPublishedData Published(MinutesFile file, FormAnswers answers, int version, string by, DateTimeOffset at, string language)
    {
        string T(string key) => cards.Text($"minutes.{key}", language);
        var present = FormAnswers.Split(answers["present"]).ToHashSet();
        var here = file.Invitees.Where(i => present.Contains(i.AttendanceId.ToString(CultureInfo.InvariantCulture))).Select(i => i.Name).ToList();
        var away = file.Invitees.Where(i => !present.Contains(i.AttendanceId.ToString(CultureInfo.InvariantCulture))).Select(i => i.Name).ToList();
        var names = file.Invitees.Where(i => i.PersonId is not null).DistinctBy(i => i.PersonId).ToDictionary(i => i.PersonId!.Value, i => i.Name);
        var actions = MinutesForm.Actions(answers).Select(a => "- " + a.What
            + (a.OwnerPersonId is { } o && names.TryGetValue(o, out var n) ? $" — {n}" : "")
            + (a.Due is { } d ? $" — {cards.Text("minutes.dueBy", language)} {DateText.Day(d, language)}" : "")).ToList();
        var parts = FormAnswers.Split(answers["fromTranscript"]).Where(MinutesForm.Parts.Contains).Select(p => T($"parts.{p}")).ToList();
        var sections = new List<MinutesSection>
        {
            new(T("fields.present"), here.Count == 0 ? "—" : string.Join(", ", here)),
            new(T("absent"), away.Count == 0 ? "—" : string.Join(", ", away)),
            new(T("fields.decisions"), Or(answers["decisions"])),
            new(T("actionsTitle"), actions.Count == 0 ? "—" : string.Join("\n", actions)),
            new(T("fields.notes"), Or(answers["notes"])),
            new(T("fields.links"), Or(answers["links"])),
        };
        return new MinutesPublishedData(
            T("publishedTitle"),
            file.Meeting.Subject,
            [.. Facts(file, language), new FormFact(T("facts.version"), string.Format(CultureInfo.InvariantCulture, T("versionBy"), version, by, at.Format(file.Zone, language)))],
            sections,
            parts.Count == 0 ? "" : string.Format(CultureInfo.InvariantCulture, T("fromTranscriptNote"), string.Join(", ", parts)));
    }

    private List<FormFact> Facts(MinutesFile file, string language) =>
    [
        new(cards.Text("minutes.facts.when", language), $"{file.Meeting.StartUtc.Format(file.Zone, language)} ({file.Meeting.TimeZoneId})"),
        new(cards.Text("minutes.facts.theme", language), file.Theme.Title),
        new(cards.Text("minutes.facts.writer", language), file.WriterName ?? "—"),
    ];

    private string Source(MinutesFile file, string language)
    {
        var key = file.Minutes?.ArtefactsSource switch
        {
            "graph" when file.Reported.Count > 0 && file.TranscriptLines.Count > 0 => "sources.both",
            "graph" when file.Reported.Count > 0 => "sources.attendance",
            "graph" => "sources.transcript",
            "refused" => "sources.refused",
            "none" => "sources.none",
            "recorded" => "sources.recorded",
            _ => "sources.local",
        };
        return cards.Text($"minutes.{key}", language);
    }

    private static string Row(string label, string id) =>
        string.Format(CultureInfo.InvariantCulture, label, id.Where(char.IsDigit).First());

    private static string Minutes(int seconds) => ((seconds + 59) / 60).ToString(CultureInfo.InvariantCulture);

    private static string Or(string text) => text.Length == 0 ? "—" : text;
}

/// <summary>Data of cards/meetings/minutes.json.</summary>
public sealed record MinutesCardData(
    string Title, string Subtitle, IReadOnlyList<FormFact> Facts, string Banner, string Done, string Intro, string Source,
    string TranscriptTitle, string Transcript, IReadOnlyList<FormFieldLine> Fields, IReadOnlyList<FormAction> Actions);

/// <summary>Data of cards/meetings/minutes-published.json.</summary>
public sealed record MinutesPublishedData(string Title, string Subtitle, IReadOnlyList<FormFact> Facts, IReadOnlyList<MinutesSection> Sections, string FromTranscript);

public sealed record MinutesSection(string Title, string Text);

/// <summary>Data of cards/meetings/minutes-reminder.json: a nudge with "Ouvrir le compte rendu".</summary>
public sealed record MinutesReminderData(string Title, string Subject, string Text, string MeetingSubject);
