using TraAM.Bot.Reminders.Holidays;

namespace TraAM.Bot.Meetings;

public enum MeetingKind
{
    KickoffInPerson,
    KickoffRemote,
    Checkpoint,
}

/// <summary>What the organiser typed on the card: a wall-clock date and time in <see cref="TimeZoneId"/>.</summary>
public sealed record MeetingDraft(MeetingKind Kind, DateOnly Date, TimeOnly StartTime, TimeSpan Duration, string TimeZoneId)
{
    public bool IsKickoff => Kind is MeetingKind.KickoffInPerson or MeetingKind.KickoffRemote;

    /// <summary>The start as an instant, or null when the wall time does not exist (the spring-forward hour) or the zone is unknown.</summary>
    public DateTimeOffset? StartUtc()
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out var zone)) return null;
        var local = Date.ToDateTime(StartTime, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local)) return null;
        // In the autumn's repeated hour we take the first one (summer time), as Outlook does.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}

/// <summary>What the rules need to know besides the card: the campaign, the meetings already planned, the attendees' zones.</summary>
public sealed record MeetingContext(DateOnly? KickoffDeadline, int CheckpointsThisSchoolYear, IReadOnlyList<string?> AttendeeZones,
    IReadOnlyCollection<HolidayPeriod> Holidays);

/// <summary>
/// A refusal shown next to <see cref="Field"/> on the card, French first. A confirmable one goes away when the
/// organiser ticks "Je confirme"; the others must be corrected.
/// </summary>
public sealed record MeetingProblem(string Field, string French, string English, bool Confirmable);

/// <summary>
/// When the rules run and for what: <see cref="Now"/> judges a start in the past; <see cref="Recording"/> is true for a
/// new meeting (the scheduling card), which may record one that already took place; a move (false) may not.
/// </summary>
public sealed record MeetingTiming(DateTimeOffset Now, bool Recording);

/// <summary>The scheduling rules of issue 12 §2, pure so that they are tested on their own.</summary>
public static class MeetingRules
{
    public const int UsualCheckpointsPerYear = 3;

    /// <summary>
    /// How far back a meeting held outside the bot may be recorded: the hourly minutes sweep
    /// (<c>CollectMinutesJob.RunDueAsync</c>) looks that far back, so an older one would never get its minutes card.
    /// </summary>
    public static readonly TimeSpan RecordWindow = TimeSpan.FromDays(30);

    public static IReadOnlyList<MeetingProblem> Check(MeetingDraft draft, MeetingContext context, bool confirmed, MeetingTiming? timing = null)
    {
        var problems = new List<MeetingProblem>();
        if (draft.Duration <= TimeSpan.Zero)
            problems.Add(new("duration", "La fin doit être après le début : indiquez une durée d'au moins quelques minutes.",
                "The end must be after the start: give a duration of at least a few minutes.", false));
        if (draft.StartUtc() is null)
            problems.Add(new("time", "Cette heure n'existe pas ce jour-là (passage à l'heure d'été) ou le fuseau est inconnu : choisissez une autre heure.",
                "This time does not exist that day (daylight saving change) or the time zone is unknown: choose another time.", false));
        if (draft.IsKickoff && context.KickoffDeadline is { } deadline && draft.Date > deadline)
            problems.Add(new("date", $"Le lancement doit avoir lieu au plus tard le {deadline:dd/MM/yyyy} (échéance de la campagne).",
                $"The kick-off must take place by {deadline:yyyy-MM-dd} (the campaign's deadline).", false));
        var start = draft.StartUtc();
        var past = timing is not null && start < timing.Now;
        var recordable = past && timing!.Recording && start >= timing.Now - RecordWindow;
        if (past && !timing!.Recording)
            problems.Add(new("date", "Ce moment est déjà passé : choisissez une date et une heure à venir.",
                "This moment has passed: choose a date and time to come.", false));
        else if (past && !recordable)
            problems.Add(new("date", $"Cette réunion remonte à plus de {RecordWindow.Days} jours : le bot ne demande le compte rendu que des réunions des {RecordWindow.Days} derniers jours. Choisissez une date plus récente.",
                $"This meeting is more than {RecordWindow.Days} days old: the bot asks for the minutes of the last {RecordWindow.Days} days' meetings only. Choose a more recent date.", false));
        if (!confirmed)
        {
            if (recordable) problems.Add(Recorded);
            problems.AddRange(Confirmables(draft, context));
        }

        return problems;
    }

    /// <summary>A start in the past on a new meeting: a meeting held outside the bot, put on record once confirmed.</summary>
    private static readonly MeetingProblem Recorded = new("date",
        "Cette réunion a déjà eu lieu : elle sera enregistrée sans invitation ni événement d'agenda, et le compte rendu sera demandé au secrétaire. Cochez la confirmation pour l'enregistrer.",
        "This meeting has already taken place: it will be recorded without invitations or a calendar event, and the secretary will be asked for the minutes. Tick the confirmation to record it.", true);

    private static IEnumerable<MeetingProblem> Confirmables(MeetingDraft draft, MeetingContext context)
    {
        if (draft.Kind == MeetingKind.Checkpoint && context.CheckpointsThisSchoolYear >= UsualCheckpointsPerYear)
            yield return new("kind", $"Ce serait le {context.CheckpointsThisSchoolYear + 1}e point d'étape de l'année (2 ou 3 d'habitude) : cochez la confirmation pour le planifier.",
                $"This would be checkpoint number {context.CheckpointsThisSchoolYear + 1} this year (usually 2 or 3): tick the confirmation to schedule it.", true);
        if (draft.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            yield return new("date", "Ce jour est un week-end : cochez la confirmation pour le garder.",
                "This day is a weekend: tick the confirmation to keep it.", true);
        else if (MostOnHoliday(draft.Date, context))
            yield return new("date", "La plupart des participants sont en vacances scolaires ce jour-là : cochez la confirmation pour le garder.",
                "Most attendees are on school holidays that day: tick the confirmation to keep it.", true);
    }

    // "Most" of the attendees whose zone we know: a zone-less attendee (IGÉSR, a national expert) does not tip the balance.
    private static bool MostOnHoliday(DateOnly day, MeetingContext context)
    {
        var zoned = context.AttendeeZones.Where(z => z is not null).ToList();
        if (zoned.Count == 0) return false;
        var away = zoned.Count(z => !WorkingDays.IsWorkingDay(day, z, context.Holidays));
        return away * 2 > zoned.Count;
    }
}
