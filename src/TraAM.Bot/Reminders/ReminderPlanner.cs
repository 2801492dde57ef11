using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.People;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Reference;
using TraAM.Bot.Reminders.Holidays;

namespace TraAM.Bot.Reminders;

public sealed record PlanReport(int Wanted, int Created, int Cancelled);

/// <summary>
/// Turns a campaign's calendar into reminder and escalation notifications in the outbox. Idempotent: it computes
/// what should exist, creates what does not (the outbox keys make a second run a no-op) and cancels what is pending
/// but no longer wanted (a date moved, a person left). Run daily, when the calendar changes, and after a holiday import.
/// Runs are serialized (one transaction under a lock): two overlapping runs would each cancel what the other wants.
/// </summary>
public sealed class ReminderPlanner(TraamDbContext db, Outbox outbox, CardTemplates cards, TimeProvider clock)
{
    public const string ReminderKind = "reminder";
    public const string EscalationKind = "escalation";
    public const string ReminderCard = "reminders/reminder";

    /// <summary>A check-in round's reminder: "Répondre" opens the team's check-in (answering it is what is awaited, not "C'est fait").</summary>
    public const string RoundReminderCard = "reminders/round-reminder";
    public const string EscalationCard = "reminders/escalation";

    /// <summary>A launched bilan collection's reminder: "Remplir le bilan" opens the team's bilan (sending it is what is awaited).</summary>
    public const string BilanReminderCard = "reminders/bilan-reminder";

    /// <summary>An escalation not sent within a week of its time is stale: the situation has moved on.</summary>
    public static readonly TimeSpan EscalationValidity = TimeSpan.FromDays(7);

    /// <summary>The PostgreSQL advisory lock of plan runs: any constant, as long as every instance uses the same.</summary>
    private const long PlanLock = 0x5472_4141_4d_706c61;

    /// <summary>
    /// Plans the deadlines of <paramref name="kinds"/> of campaign <paramref name="campaignId"/>, dated as the calendar is
    /// once the lock is held; the other deadlines' notifications are left as they are.
    /// </summary>
    public async Task<PlanReport> PlanAsync(int campaignId, IReadOnlyCollection<DeadlineKind> kinds, CancellationToken ct)
    {
        // Taken before reading anything, so a run waiting here then reads what the run before it committed. SQLite
        // (one process) needs no lock: its transactions are BEGIN IMMEDIATE, one writer at a time.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PlanLock})", ct);
        var report = await PlanLockedAsync(campaignId, kinds, ct);
        await transaction.CommitAsync(ct);
        return report;
    }

    private async Task<PlanReport> PlanLockedAsync(int campaignId, IReadOnlyCollection<DeadlineKind> kinds, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId, ct);
        var holidays = (await db.SchoolHolidays.AsNoTracking().ToListAsync(ct)).Select(h => h.ToPeriod()).ToList();
        var superiors = await ReminderAudience.LoadAsync(db, campaignId, ct);
        var now = clock.GetUtcNow();
        var report = new PlanReport(0, 0, 0);
        var actions = await ActionsAsync(campaignId, kinds, now, ct);
        var experts = actions.Count == 0 ? [] : await ExpertsAsync(campaignId, ct);
        foreach (var deadline in Deadline.Of(campaign).Where(d => kinds.Contains(d.Kind)).Concat(await RoundsAsync(campaignId, kinds, now, ct)).Concat(actions))
        {
            var done = (await db.DeadlineCompletions.Where(c => c.Subject == deadline.Subject).Select(c => c.PersonId).ToListAsync(ct)).ToHashSet();
            var closings = deadline.Kind == DeadlineKind.Bilan ? await BilanClosings.ForAsync(db, campaignId, ct) : null;
            var wanted = new List<NotificationRequest>();
            var due = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in await ReminderAudience.OfAsync(db, deadline, ct))
            {
                if (done.Contains(member.Person.Id)) continue;
                var own = closings?.For(deadline, member.Roles) ?? deadline; // a referent's bilan closes with their theme's collection
                wanted.AddRange(Reminders(own, member.Person, own.Offsets ?? campaign.ReminderDays, holidays, now, due));
                // A meeting action escalates to the theme's TN3 experts, every other duty to the member's superiors.
                var above = own.ActionId is null ? superiors.Above(member) : ExpertsOf(own, experts, member);
                wanted.AddRange(above.SelectMany(s => Escalation(own, member, s, holidays, now)));
            }

            var created = await outbox.EnqueueAsync(db, wanted, ct);
            due.UnionWith(wanted.Select(w => w.Key));
            var cancelled = await outbox.CancelPendingAsync(db, deadline.Subject, due, "échéance modifiée : rappel replanifié", ct);
            report = new PlanReport(report.Wanted + wanted.Count, report.Created + created, report.Cancelled + cancelled);
        }

        return report;
    }

    /// <summary>
    /// Check-in rounds are deadlines too (one per round): those still to close, and those closed recently enough for
    /// their escalation to be wanted (older ones have nothing left to plan, and are left as they are).
    /// </summary>
    private async Task<IReadOnlyList<Deadline>> RoundsAsync(int campaignId, IReadOnlyCollection<DeadlineKind> kinds, DateTimeOffset now, CancellationToken ct)
    {
        if (!kinds.Contains(DeadlineKind.CheckIn)) return [];
        var since = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-RoundLookBackDays);
        var rounds = await db.CheckInRounds.AsNoTracking().Where(r => r.CampaignId == campaignId && r.Closes >= since).OrderBy(r => r.Id).ToListAsync(ct);
        return [.. rounds.Select(Deadline.OfRound)];
    }

    /// <summary>
    /// Meeting actions are deadlines too (one per action): those of published minutes with an owner and a due day, not
    /// done, still to come or recently passed (their escalation), as for rounds.
    /// </summary>
    private async Task<IReadOnlyList<Deadline>> ActionsAsync(int campaignId, IReadOnlyCollection<DeadlineKind> kinds, DateTimeOffset now, CancellationToken ct)
    {
        if (!kinds.Contains(DeadlineKind.Action)) return [];
        var since = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-RoundLookBackDays);
        var rows = await (
            from a in db.MeetingActions.AsNoTracking()
            join m in db.Meetings.AsNoTracking() on a.MeetingId equals m.Id
            where m.CampaignId == campaignId && m.State == Meetings.MeetingState.Scheduled && a.OwnerPersonId != null && a.Due != null && a.Due >= since
                  && db.MeetingMinutes.Any(x => x.MeetingId == m.Id && x.State == Meetings.Minutes.MinutesState.Published)
            orderby a.Id
            select new { a, m }).ToListAsync(ct);
        return [.. rows.Select(r => Deadline.OfAction(r.a, r.m))];
    }

    /// <summary>The campaign's TN3 experts with the themes they may schedule meetings for (those told of a late action).</summary>
    private async Task<List<(Person Person, RoleAssignment Role)>> ExpertsAsync(int campaignId, CancellationToken ct)
    {
        var rows = await (
            from r in db.RoleAssignments.AsNoTracking()
            join p in db.People.AsNoTracking() on r.PersonId equals p.Id
            where r.Role == Role.ExpertTn3 && r.CampaignId == campaignId
            select new { r, p }).ToListAsync(ct);
        return [.. rows.Select(x => (x.p, x.r))];
    }

    private IReadOnlyList<Person> ExpertsOf(Deadline d, List<(Person Person, RoleAssignment Role)> experts, AudienceMember member)
    {
        var theme = db.Themes.AsNoTracking().Single(t => t.Id == d.ThemeId);
        var scope = People.Access.AccessScope.ForTheme(theme);
        return [.. experts.Where(e => People.Access.AccessPolicy.Allows([e.Role], People.Access.Permission.ScheduleMeeting, scope, d.CampaignId))
            .Select(e => e.Person).Where(p => p.Id != member.Person.Id).DistinctBy(p => p.Id)];
    }

    /// <summary>Weekends, holidays (two weeks at most) and the week an escalation stays valid: what a closed round can still need.</summary>
    private const int RoundLookBackDays = 30;

    /// <summary>
    /// J-k reminders at 9:00 on a working day of the person's académie (moved earlier past weekends and holidays).
    /// Those whose time has passed are not queued, except the latest one when no other is still to come: it goes at
    /// the next office hour, saying when it was due, so that a late plan never means no reminder at all. The keys of
    /// those whose time has passed go into <paramref name="due"/>: one still pending (waiting on a retry) is still
    /// wanted and must not be cancelled.
    /// </summary>
    private List<NotificationRequest> Reminders(Deadline d, Person person, IReadOnlyList<int> offsets, List<HolidayPeriod> holidays, DateTimeOffset now, HashSet<string> due)
    {
        var zone = LocalTime.ZoneOf(person.AcademyCode);
        var school = SchoolZones.Of(person.AcademyCode);
        var end = LocalTime.EndOf(d.Day, zone);
        if (end <= now) return [];
        var plans = offsets
            .Select(k => (Days: k, At: LocalTime.At(WorkingDays.OnOrBefore(d.Day.AddDays(-k), school, holidays), LocalTime.ReminderTime, zone)))
            .DistinctBy(p => p.At)
            .Where(p => d.Opens is not { } opens || p.At > LocalTime.At(opens, LocalTime.ReminderTime, zone)) // a round's reminder comes after its card
            .ToList();
        var past = plans.Where(p => p.At <= now).ToList();
        due.UnionWith(past.Select(p => NotificationRequest.KeyOf(ReminderKind, d.Subject, Recipient.Person(person.Id), Occurrence(d, p.Days))));
        var queued = plans.Where(p => p.At > now).Select(p => Reminder(d, person, p.Days, p.At, end, zone, late: null)).ToList();
        // A round's card is its own notice: a round planned after its J-2 gets no late reminder on top.
        if (queued.Count == 0 && past.Count > 0 && d.RoundId is null)
        {
            var latest = past.MaxBy(p => p.At);
            queued.Add(Reminder(d, person, latest.Days, NextOfficeHour(now, zone, end), end, zone, late: latest.At));
        }

        return queued;
    }

    private NotificationRequest Reminder(Deadline d, Person person, int days, DateTimeOffset at, DateTimeOffset end, TimeZoneInfo zone, DateTimeOffset? late)
    {
        object Data(string language) => new ReminderCardData(
            Title(d, language),
            d.Label ?? cards.Text($"reminders.kinds.{d.Code}.what", language),
            LongDate(d.Day, language),
            string.Format(CultureInfo.InvariantCulture, cards.Text("reminders.daysBefore", language), days),
            late is { } l ? string.Format(CultureInfo.InvariantCulture, cards.Text("reminders.latePlan", language), LongDateTime(l, zone, language)) : "",
            d.Subject,
            d.RoundId?.ToString(CultureInfo.InvariantCulture) ?? "",
            d.CollectionId?.ToString(CultureInfo.InvariantCulture) ?? "");
        var card = d.RoundId is not null ? RoundReminderCard : d.CollectionId is not null ? BilanReminderCard : ReminderCard;
        return new NotificationRequest(ReminderKind, d.Subject, Recipient.Person(person.Id), Occurrence(d, days), card,
            LocalizedData.Of(Data(Languages.French), Data(Languages.English)), at, ExpiresAt: end);
    }

    /// <summary>Once, the first working day after the deadline, to each person above someone who has not done it.</summary>
    private IEnumerable<NotificationRequest> Escalation(Deadline d, AudienceMember member, Person above, List<HolidayPeriod> holidays, DateTimeOffset now)
    {
        var zone = LocalTime.ZoneOf(above.AcademyCode);
        var day = WorkingDays.OnOrAfter(d.Day.AddDays(1), SchoolZones.Of(above.AcademyCode), holidays);
        var at = LocalTime.At(day, LocalTime.ReminderTime, zone);
        if (at + EscalationValidity <= now) yield break;
        object Data(string language) => new EscalationCardData(
            Title(d, language),
            string.Format(CultureInfo.InvariantCulture, cards.Text("reminders.escalationText", language), member.Person.DisplayName, Title(d, language), LongDate(d.Day, language)),
            member.Person.Email);
        yield return new NotificationRequest(EscalationKind, $"{d.Subject}:about:{member.Person.Id}", Recipient.Person(above.Id), Iso(d.Day), EscalationCard,
            LocalizedData.Of(Data(Languages.French), Data(Languages.English)), at, ExpiresAt: at + EscalationValidity);
    }

    /// <summary>Now during office hours (9:00-18:00 local), else the next 9:00 — but never after the deadline.</summary>
    private static DateTimeOffset NextOfficeHour(DateTimeOffset now, TimeZoneInfo zone, DateTimeOffset end)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        var candidate = local.Hour < 9 ? LocalTime.At(today, LocalTime.ReminderTime, zone)
            : local.Hour < 18 ? now
            : LocalTime.At(today.AddDays(1), LocalTime.ReminderTime, zone);
        return candidate < end ? candidate : now;
    }

    private string Title(Deadline d, string language) => cards.Text($"reminders.kinds.{d.Code}.title", language);

    public static string LongDate(DateOnly day, string language) => DateText.Day(day, language, withWeekday: true);

    public static string LongDateTime(DateTimeOffset at, TimeZoneInfo zone, string language) =>
        DateText.DayAndTime(TimeZoneInfo.ConvertTime(at, zone).DateTime, language);

    private static string Occurrence(Deadline d, int days) => $"{Iso(d.Day)}:J-{days}";

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// Data of cards/reminders/reminder.json, round-reminder.json and bilan-reminder.json (one language; <c>Round</c>: the
/// check-in round's id; <c>Collection</c>: the bilan collection's id).
/// </summary>
internal sealed record ReminderCardData(string Title, string What, string Deadline, string When, string Late, string Subject, string Round = "", string Collection = "");

/// <summary>Data of cards/reminders/escalation.json (one language).</summary>
internal sealed record EscalationCardData(string Title, string Text, string Email);
