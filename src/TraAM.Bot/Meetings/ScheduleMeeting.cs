using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.People;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;
using TraAM.Bot.Reminders;

namespace TraAM.Bot.Meetings;

/// <summary>
/// "réunion" / "meeting" in the personal chat: a TN3 expert of the theme (or an admin) gets the scheduling card for
/// their themes of the working campaign. "Planifier" checks the caller again, reads the rules' context from the
/// campaign (kick-off deadline, checkpoints already planned, attendees' zones, holidays), invites the national group
/// and saves through <see cref="MeetingScheduler"/>; problems come back beside their field with what was typed, success
/// replaces the card with the meeting's. The meeting id is chosen when the card is shown: a double submit is one meeting.
/// </summary>
internal sealed class ScheduleMeeting(
    CallerResolver callers, CampaignPhases phases, TraamDbContext db, NationalGroup group, MeetingScheduler scheduler, ScheduleCard form,
    MeetingCard card, DeadlineProgress progress, CardTemplates cards) : ITurnHandler, ICardActionHandler
{
    public const string Verb = "meeting.schedule";

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        // The card lists the group's names and e-mails: it is the organiser's, never a channel's.
        if (turn.Activity.Conversation?.ConversationType is { } type && type != ConversationTypes.Personal)
        {
            await turn.SendTextAsync(cards.Text("meetings.schedule.personalOnly", language), cancellationToken);
            return;
        }

        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (!caller.CanSomewhere(Permission.ScheduleMeeting))
        {
            await turn.SendTextAsync(cards.Text("meetings.schedule.notAllowed", language), cancellationToken);
            return;
        }

        var work = await phases.ForWorkAsync(cancellationToken);
        var themes = await ThemesAsync(caller, work, cancellationToken);
        if (themes.Count == 0)
        {
            await turn.SendTextAsync(Format("meetings.schedule.noTheme", language, work.Code), cancellationToken);
            return;
        }

        var theme = themes[0];
        var kickoffDone = await db.Meetings.AnyAsync(m => m.ThemeId == theme.Id && m.State == MeetingState.Scheduled
            && (m.Kind == MeetingKind.KickoffInPerson || m.Kind == MeetingKind.KickoffRemote), cancellationToken);
        var day = phases.Today.AddDays(14);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
        var blank = new MeetingForm(Id(theme), MeetingForm.KindValue(kickoffDone || day > work.KickoffDeadline ? MeetingKind.Checkpoint : MeetingKind.KickoffRemote),
            day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "14:00", "90", MeetingTimes.Paris, "", "",
            caller.Person?.Id.ToString(CultureInfo.InvariantCulture) ?? "", false);
        await turn.SendCardAsync(await RenderAsync(Guid.NewGuid(), themes, theme, caller, blank, language, cancellationToken), cancellationToken);
    }

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        var work = await phases.ForWorkAsync(cancellationToken);
        var themes = await ThemesAsync(caller, work, cancellationToken);
        if (themes.Count == 0 || caller.Person is not { } organizer) return CardActionResult.Message(cards.Text("meetings.schedule.notAllowed", language));
        if (!Guid.TryParseExact(CardInput.Text(data, "meetingId"), "N", out var meetingId)) return CardActionResult.Message(cards.Text("meetings.card.gone", language));

        // Already saved (a double submit, a Teams retry): the same confirmation, nothing more.
        if (await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken) is { } saved)
        {
            return themes.Any(t => t.Id == saved.ThemeId)
                ? CardActionResult.Card(await ConfirmationAsync(saved, organizer, language, cancellationToken))
                : CardActionResult.Message(cards.Text("meetings.schedule.notAllowed", language));
        }

        var input = MeetingForm.From(data);
        var theme = themes.FirstOrDefault(t => Id(t) == input.Theme);
        if (theme is null)
            return CardActionResult.Card(await RenderAsync(meetingId, themes, themes[0], caller, input.WithError("theme", cards.Text("meetings.schedule.errors.theme", language)), language, cancellationToken));

        var invitees = await group.InviteesAsync(theme, organizer, cancellationToken);
        var (draft, checkedForm) = input.ToDraft(null, cards, language);
        long? secretary = long.TryParse(input.Secretary, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
        if (input.Secretary.Length > 0 && !invitees.Any(i => i.PersonId == secretary))
            checkedForm = checkedForm.WithError("secretary", cards.Text("meetings.schedule.errors.secretary", language));
        if (draft is null || checkedForm.HasErrors)
            return CardActionResult.Card(await RenderAsync(meetingId, themes, theme, caller, checkedForm, language, cancellationToken));

        var context = await group.ContextAsync(work, theme, meetingId, draft.Date, invitees, cancellationToken);
        var subject = input.Subject.Length > 0 ? input.Subject
            : Format(draft.IsKickoff ? "meetings.schedule.defaultKickoff" : "meetings.schedule.defaultCheckpoint", Languages.French, theme.Title);
        var request = new ScheduleRequest(meetingId, work.Id, theme.Id, draft, subject, input.Agenda, organizer.Id, secretary ?? organizer.Id,
            [.. invitees.Select(i => new Invitee(i.PersonId, i.Name, i.Email))], context, input.Confirm);
        ScheduleOutcome outcome;
        try
        {
            outcome = await scheduler.ScheduleAsync(request, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two clicks at once: the other one saved this meeting id first. Same meeting, same confirmation.
            db.ChangeTracker.Clear();
            if (!await db.Meetings.AnyAsync(m => m.Id == meetingId, cancellationToken)) throw;
            outcome = new ScheduleOutcome(true, []);
        }

        if (!outcome.Saved)
            return CardActionResult.Card(await RenderAsync(meetingId, themes, theme, caller, checkedForm.With(outcome.Problems, language), language, cancellationToken));

        if (draft.IsKickoff) await KickoffDoneAsync(work, theme, cancellationToken);
        var meeting = await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == meetingId, cancellationToken);
        return CardActionResult.Card(await ConfirmationAsync(meeting, organizer, language, cancellationToken));
    }

    private Task<JsonElement> ConfirmationAsync(Meeting meeting, Person organizer, string language, CancellationToken ct) =>
        card.RenderAsync(meeting, new MeetingView(organizer.AcademyCode, CanManage: true,
            Done: cards.Text(meeting.WasRecordedAfterwards() ? "meetings.card.recordedDone" : "meetings.card.scheduledDone", language)), language, ct);

    /// <summary>A kick-off planned is the kick-off deadline met, for each TN3 expert whose duty it is in the theme's discipline.</summary>
    private async Task KickoffDoneAsync(Campaign work, Theme theme, CancellationToken ct)
    {
        var deadline = new Deadline(work.Id, DeadlineKind.Kickoff, work.KickoffDeadline);
        var campaigns = await phases.ContextAsync(ct);
        var experts = await db.People.AsNoTracking().Include(p => p.Roles)
            .Where(p => p.Roles.Any(r => r.Role == Role.ExpertTn3 && r.CampaignId == work.Id && r.DisciplineCode == theme.DisciplineCode))
            .ToListAsync(ct);
        foreach (var expert in experts.Where(p => AccessPolicy.Allows(p.Roles, deadline.Duty, deadline.Scope, campaigns)))
            await progress.CompleteAsync(deadline.Subject, expert.Id, "meeting", ct);
    }

    /// <summary>The themes of the working campaign whose meetings the caller may schedule (the policy decides, theme by theme).</summary>
    private async Task<List<Theme>> ThemesAsync(Caller caller, Campaign work, CancellationToken ct) =>
        [.. (await db.Themes.AsNoTracking().Where(t => t.CampaignId == work.Id).OrderBy(t => t.DisciplineCode).ThenBy(t => t.Number).ToListAsync(ct))
            .Where(t => caller.Can(Permission.ScheduleMeeting, AccessScope.ForTheme(t)))];

    private async Task<JsonElement> RenderAsync(Guid meetingId, List<Theme> themes, Theme theme, Caller caller, MeetingForm input, string language, CancellationToken ct)
    {
        var invitees = await group.InviteesAsync(theme, caller.Person, ct);
        var view = new ScheduleView(false, meetingId, 0, cards.Text("meetings.schedule.title", language),
            [.. themes.Select(t => new Choice(Labels.Theme(t, themes, language) + " – " + t.Title, Id(t)))],
            [.. invitees.Select(i => new Choice(i.Name, i.PersonId.ToString(CultureInfo.InvariantCulture)))], invitees, input);
        return form.Render(view, language);
    }

    private string Format(string key, string language, params object[] args) => string.Format(CultureInfo.InvariantCulture, cards.Text(key, language), args);

    private static string Id(Theme t) => t.Id.ToString(CultureInfo.InvariantCulture);
}
