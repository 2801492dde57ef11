using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Meetings;

/// <summary>
/// The meeting card's actions (Universal Actions, as the candidacy card's): Teams' automatic refresh and "Afficher à mon
/// heure" give each reader their own view (their zone; "Déplacer" and "Annuler" for who may schedule the theme's
/// meetings); "Déplacer" opens the scheduling card on this meeting and moves it through
/// <see cref="MeetingScheduler.RescheduleAsync"/>; "Annuler", once confirmed, cancels it. Each answer goes to the one
/// who clicked (a user-specific card); the calendar job then updates the channel's copy for everyone. Every verb asks
/// <see cref="AccessPolicy"/> again.
/// </summary>
internal sealed class ManageMeeting(
    CallerResolver callers, TraamDbContext db, NationalGroup group, MeetingScheduler scheduler, ScheduleCard form,
    MeetingCard card, CardTemplates cards, TimeProvider clock) : ICardActionHandler
{
    public const string ViewVerb = "meeting.view";
    public const string MoveFormVerb = "meeting.move.form";
    public const string MoveVerb = "meeting.move";
    public const string CancelVerb = "meeting.cancel";

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (!Guid.TryParseExact(CardInput.Text(data, "meetingId"), "N", out var id)
            || await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken) is not { } meeting)
            return CardActionResult.Message(cards.Text("meetings.card.gone", language));

        var theme = await db.Themes.AsNoTracking().SingleAsync(t => t.Id == meeting.ThemeId, cancellationToken);
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        var canManage = caller.Can(Permission.ScheduleMeeting, AccessScope.ForTheme(theme));
        var invited = caller.Person is { } p && await db.MeetingAttendances.AnyAsync(a => a.MeetingId == id && a.PersonId == p.Id, cancellationToken);
        // The group's people read it (as the channel does); an invitee from outside the group too.
        if (!canManage && !invited && !caller.Can(Permission.ReadSynthesis, AccessScope.ForTheme(theme)))
            return CardActionResult.Message(cards.Text("meetings.card.notVisible", language));

        var verb = CardInput.Text(data, "verb");
        if (verb is MoveFormVerb or MoveVerb or CancelVerb && !canManage) return CardActionResult.Message(cards.Text("meetings.card.notAllowed", language));
        var reader = caller.Person?.AcademyCode;
        return verb switch
        {
            MoveFormVerb => CardActionResult.Card(await MoveFormAsync(meeting, Current(meeting), language, cancellationToken)),
            MoveVerb => await MoveAsync(meeting, data, reader, language, cancellationToken),
            CancelVerb when CardInput.IsOn(data, "confirm") => await CancelAsync(meeting, reader, language, cancellationToken),
            CancelVerb => CardActionResult.Card(await card.RenderAsync(meeting, new MeetingView(reader, canManage, ConfirmCancel: true), language, cancellationToken)),
            _ => CardActionResult.Card(await card.RenderAsync(meeting, new MeetingView(reader, canManage), language, cancellationToken)),
        };
    }

    private async Task<CardActionResult> MoveAsync(Meeting meeting, JsonElement data, string? reader, string language, CancellationToken ct)
    {
        var input = MeetingForm.From(data);
        var (draft, checkedForm) = input.ToDraft(meeting.Kind, cards, language);
        if (draft?.StartUtc() is { } start && start < clock.GetUtcNow())
            checkedForm = checkedForm.WithError("date", cards.Text("meetings.schedule.errors.past", language));
        if (draft is null || checkedForm.HasErrors) return CardActionResult.Card(await MoveFormAsync(meeting, checkedForm, language, ct));

        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == meeting.CampaignId, ct);
        var theme = await db.Themes.AsNoTracking().SingleAsync(t => t.Id == meeting.ThemeId, ct);
        var context = await group.ContextAsync(campaign, theme, meeting.Id, draft.Date, await AttendeesAsync(meeting, ct), ct);
        var revision = int.TryParse(CardInput.Text(data, "revision"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : -1;
        var outcome = await scheduler.RescheduleAsync(meeting.Id, revision, draft, context, input.Confirm, ct);
        if (!outcome.Saved) return CardActionResult.Card(await MoveFormAsync(meeting, checkedForm.With(outcome.Problems, language), language, ct));

        var moved = await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == meeting.Id, ct);
        return CardActionResult.Card(await card.RenderAsync(moved, new MeetingView(reader, true, Done: cards.Text("meetings.card.movedDone", language)), language, ct));
    }

    private async Task<CardActionResult> CancelAsync(Meeting meeting, string? reader, string language, CancellationToken ct)
    {
        var outcome = await scheduler.CancelAsync(meeting.Id, ct);
        if (!outcome.Saved) return CardActionResult.Message(language == Languages.English ? outcome.Problems[0].English : outcome.Problems[0].French);
        var cancelled = await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == meeting.Id, ct);
        return CardActionResult.Card(await card.RenderAsync(cancelled, new MeetingView(reader, true, Done: cards.Text(cancelled.WasRecordedAfterwards() ? "meetings.card.cancelledRecordedDone" : "meetings.card.cancelledDone", language)), language, ct));
    }

    /// <summary>The scheduling card on this meeting: only the date, time, duration and zone can change.</summary>
    private async Task<JsonElement> MoveFormAsync(Meeting meeting, MeetingForm input, string language, CancellationToken ct)
    {
        var heading = string.Format(CultureInfo.InvariantCulture, cards.Text("meetings.schedule.moveTitle", language), meeting.Subject);
        return form.Render(new ScheduleView(true, meeting.Id, meeting.Revision, heading, [], [], await AttendeesAsync(meeting, ct), input), language);
    }

    /// <summary>The form as the meeting stands: its wall-clock time in the zone it was chosen in.</summary>
    private static MeetingForm Current(Meeting m)
    {
        var local = TimeZoneInfo.ConvertTime(m.StartUtc, MeetingTimes.Zone(m.TimeZoneId));
        return new MeetingForm("", MeetingForm.KindValue(m.Kind), local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            local.ToString("HH:mm", CultureInfo.InvariantCulture), ((int)m.Duration.TotalMinutes).ToString(CultureInfo.InvariantCulture), m.TimeZoneId, "", "", "", false);
    }

    /// <summary>The invitees as invited (the rules' zones come from where they work today).</summary>
    private async Task<IReadOnlyList<GroupMember>> AttendeesAsync(Meeting meeting, CancellationToken ct) =>
        await (from a in db.MeetingAttendances.AsNoTracking()
               where a.MeetingId == meeting.Id
               join p in db.People on a.PersonId equals p.Id into found
               from p in found.DefaultIfEmpty()
               orderby a.Id
               select new GroupMember(a.PersonId ?? 0, a.Name, a.Email, p == null ? null : p.AcademyCode)).ToListAsync(ct);
}
