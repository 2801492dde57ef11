using System.Globalization;
using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.People.Identity;

namespace TraAM.Bot.Campaigns.Calendar;

/// <summary>What the calendar card carries: the typed values as text (so an invalid one can be shown back as typed).</summary>
internal sealed class CalendarForm
{
    private const int MaxCheckpoints = 6;

    public Dictionary<string, string> Values { get; } = [];
    public string? Version { get; private init; }

    public static CalendarForm From(Campaign c)
    {
        var form = new CalendarForm { Version = VersionOf(c) };
        foreach (var f in CalendarFields.Dates) form.Values[f.Id] = CalendarFields.Iso(f.Get(c));
        form.Values[CalendarFields.CheckpointsMin] = c.CheckpointsMin.ToString(CultureInfo.InvariantCulture);
        form.Values[CalendarFields.CheckpointsMax] = c.CheckpointsMax.ToString(CultureInfo.InvariantCulture);
        form.Values[CalendarFields.ReminderOffsets] = string.Join(", ", c.ReminderDays);
        return form;
    }

    public static CalendarForm Read(JsonElement data)
    {
        var form = new CalendarForm { Version = Text(data, "version") };
        foreach (var id in CalendarFields.Dates.Select(f => f.Id).Append(CalendarFields.CheckpointsMin).Append(CalendarFields.CheckpointsMax).Append(CalendarFields.ReminderOffsets))
        {
            form.Values[id] = Text(data, id) ?? "";
        }

        return form;
    }

    /// <summary>What the card carries to detect a save from a stale card: the calendar's version number.</summary>
    public static string VersionOf(Campaign c) => c.Version.ToString(CultureInfo.InvariantCulture);

    /// <summary>Field id → French (or English) error; empty when the form can be saved.</summary>
    public IReadOnlyDictionary<string, string> Validate(CardTemplates cards, string language)
    {
        var errors = new Dictionary<string, string>();
        DateOnly? previous = null;
        string? previousId = null;
        foreach (var f in CalendarFields.Dates)
        {
            var text = Values[f.Id];
            if (string.IsNullOrWhiteSpace(text))
            {
                errors[f.Id] = cards.Text("calendar.errors.required", language);
                continue;
            }

            if (!CalendarFields.TryParse(text, out var date))
            {
                errors[f.Id] = string.Format(CultureInfo.InvariantCulture, cards.Text("calendar.errors.format", language), text);
                continue;
            }

            if (previous is { } p && date < p)
            {
                errors[f.Id] = string.Format(CultureInfo.InvariantCulture, cards.Text("calendar.errors.order", language),
                    cards.Text($"calendar.fields.{previousId}", language), CalendarFields.Display(p, language));
            }

            previous = date;
            previousId = f.Id;
        }

        var min = ParseCount(Values[CalendarFields.CheckpointsMin]);
        var max = ParseCount(Values[CalendarFields.CheckpointsMax]);
        if (min is null || max is null || min < 1 || max > MaxCheckpoints || min > max)
        {
            errors[CalendarFields.CheckpointsMin] = string.Format(CultureInfo.InvariantCulture, cards.Text("calendar.errors.checkpoints", language),
                MaxCheckpoints, Values[CalendarFields.CheckpointsMin], Values[CalendarFields.CheckpointsMax]);
        }

        // An older card (before reminders) carries no offsets: the saved ones stay.
        var offsets = Values.GetValueOrDefault(CalendarFields.ReminderOffsets, "");
        if (offsets.Length > 0 && Campaign.ParseOffsets(offsets) is null)
            errors[CalendarFields.ReminderOffsets] = string.Format(CultureInfo.InvariantCulture, cards.Text("calendar.errors.offsets", language), offsets);

        return errors;
    }

    /// <summary>Copies valid values onto the campaign and returns one audit row per field that changed.</summary>
    public List<CalendarChange> ApplyTo(Campaign campaign, Caller caller, DateTimeOffset now)
    {
        var changes = new List<CalendarChange>();
        var who = caller.Person?.DisplayName ?? "?";
        foreach (var f in CalendarFields.Dates)
        {
            if (!CalendarFields.TryParse(Values[f.Id], out var date)) throw new InvalidOperationException("ApplyTo needs a validated form.");
            var old = f.Get(campaign);
            if (old == date) continue;
            changes.Add(Change(campaign, f.Id, CalendarFields.Iso(old), CalendarFields.Iso(date), caller, who, now));
            f.Set(campaign, date);
        }

        var min = ParseCount(Values[CalendarFields.CheckpointsMin])!.Value;
        var max = ParseCount(Values[CalendarFields.CheckpointsMax])!.Value;
        if (min != campaign.CheckpointsMin || max != campaign.CheckpointsMax)
        {
            changes.Add(Change(campaign, CalendarFields.CheckpointsMin, $"{campaign.CheckpointsMin}–{campaign.CheckpointsMax}", $"{min}–{max}", caller, who, now));
            campaign.CheckpointsMin = min;
            campaign.CheckpointsMax = max;
        }

        if (Campaign.ParseOffsets(Values.GetValueOrDefault(CalendarFields.ReminderOffsets, "")) is { } days)
        {
            var text = string.Join(",", days);
            if (text != string.Join(",", campaign.ReminderDays))
            {
                changes.Add(Change(campaign, CalendarFields.ReminderOffsets, string.Join(",", campaign.ReminderDays), text, caller, who, now));
                campaign.ReminderOffsets = text;
            }
        }

        return changes;
    }

    private static CalendarChange Change(Campaign c, string field, string from, string to, Caller caller, string who, DateTimeOffset now) => new()
    {
        CampaignId = c.Id,
        Field = field,
        OldValue = from,
        NewValue = to,
        ChangedByPersonId = caller.Person?.Id,
        ChangedByName = who,
        ChangedAt = now,
    };

    public static int? ParseCount(string text) => int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string? Text(JsonElement data, string name) => CardInput.Text(data, name);
}
