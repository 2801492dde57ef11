using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.People;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Meetings;

/// <summary>How the meeting card is shown: who reads it (their time zone), and what they may do from it.</summary>
public sealed record MeetingView(
    string? ReaderAcademy = null, bool CanManage = false, bool ConfirmCancel = false, bool ShowMine = false, string Done = "",
    IReadOnlyList<string>? RefreshUserIds = null, bool Invitation = false);

/// <summary>
/// The meeting card (cards/meetings/meeting.json): the national group's channel copy, the organiser's confirmation,
/// the fallback invitation. The time is the reader's (their académie's zone), else Paris; every other zone of the
/// attendees is listed below it. Only the buttons depend on who looks.
/// </summary>
public sealed class MeetingCard(TraamDbContext db, CardTemplates cards, MeetingLinks links, TimeProvider clock)
{
    public const string Template = "meetings/meeting";

    public async Task<JsonElement> RenderAsync(Meeting meeting, MeetingView view, string language, CancellationToken ct) =>
        cards.Render(Template, Data(meeting, await FactsAsync(meeting, ct), view, language), language);

    /// <summary>Both languages, for a copy rendered when the outbox sends it.</summary>
    public async Task<Dictionary<string, object>> QueuedAsync(Meeting meeting, MeetingView view, CancellationToken ct)
    {
        var facts = await FactsAsync(meeting, ct);
        return LocalizedData.Of(Data(meeting, facts, view, Languages.French), Data(meeting, facts, view, Languages.English));
    }

    private MeetingCardData Data(Meeting m, MeetingFacts facts, MeetingView view, string language)
    {
        string T(string key) => cards.Text("meetings." + key, language);
        var cancelled = m.State == MeetingState.Cancelled;
        // Over (or held outside the bot and recorded afterwards): nothing to join, add to a calendar or move.
        var recorded = m.WasRecordedAfterwards();
        var over = recorded || m.HasEnded(clock.GetUtcNow());
        var state = cancelled ? "card.cancelled" : recorded ? "card.recorded" : over ? "card.held" : "card.scheduled";
        var pastNote = cancelled ? "" : recorded ? T("card.recordedNote") : over ? T("card.heldNote") : "";
        var zone = view.ReaderAcademy is { } academy ? Reference.LocalTime.ZoneOf(academy).Id : MeetingTimes.Paris;
        var when = $"{MeetingTimes.At(m.StartUtc, zone, language)} ({MeetingTimes.ZoneName(zone, language)})";
        var heading = (view.Invitation ? T("card.invitation") + " · " : "") + string.Format(CultureInfo.InvariantCulture, T("card.group"), facts.Theme);
        return new MeetingCardData(
            heading, m.Subject, T("kinds." + MeetingForm.KindValue(m.Kind)), T(state), cancelled ? "Attention" : "Good",
            view.Done, when, MeetingTimes.Elsewhere(m.StartUtc, zone, facts.Academies, language), Duration(m.Duration), m.Agenda,
            facts.Secretary ?? T("card.nobody"), string.Format(CultureInfo.InvariantCulture, T("card.inviteesCount"), facts.Invitees),
            over ? "" : m.JoinUrl ?? "", over ? "" : links.IcsUrl(m.Id), m.Id.ToString("N"), m.Revision.ToString(CultureInfo.InvariantCulture),
            cancelled, view.CanManage && !cancelled, view.CanManage && !cancelled && !over, view.ConfirmCancel && !cancelled, view.ShowMine, pastNote,
            view.RefreshUserIds ?? [],
            // A recorded meeting invited nobody: cancelling it tells nobody either, and the question says so.
            T(recorded ? "card.cancelQuestionRecorded" : "card.cancelQuestion"));
    }

    private static string Duration(TimeSpan d) =>
        d.TotalMinutes < 60 ? $"{(int)d.TotalMinutes} min" : d.Minutes == 0 ? $"{(int)d.TotalHours} h" : $"{(int)d.TotalHours} h {d.Minutes:00}";

    private async Task<MeetingFacts> FactsAsync(Meeting m, CancellationToken ct)
    {
        var theme = await db.Themes.AsNoTracking().SingleAsync(t => t.Id == m.ThemeId, ct);
        var themes = await db.Themes.AsNoTracking().Where(t => t.CampaignId == theme.CampaignId).ToListAsync(ct);
        var attendees = await (from a in db.MeetingAttendances.AsNoTracking()
                               where a.MeetingId == m.Id
                               join p in db.People on a.PersonId equals p.Id into found
                               from p in found.DefaultIfEmpty()
                               select new { a.PersonId, Academy = p == null ? null : p.AcademyCode }).ToListAsync(ct);
        var secretary = m.SecretaryPersonId is { } s
            ? await db.People.AsNoTracking().Where(p => p.Id == s).Select(p => p.FirstName + " " + p.LastName).SingleOrDefaultAsync(ct)
            : null;
        return new MeetingFacts(Labels.Theme(theme, themes, Languages.French) + " – " + theme.Title, attendees.Count,
            [.. attendees.Select(a => a.Academy)], secretary);
    }

    private sealed record MeetingFacts(string Theme, int Invitees, IReadOnlyList<string?> Academies, string? Secretary);
}

/// <summary>Data of cards/meetings/meeting.json.</summary>
public sealed record MeetingCardData(
    string Heading, string Title, string Kind, string State, string StateColor, string Done, string When, IReadOnlyList<TimeFact> Elsewhere,
    string Duration, string Agenda, string Secretary, string Invitees, string JoinUrl, string IcsUrl, string MeetingId, string Revision,
    bool Cancelled, bool CanManage, bool CanMove, bool ConfirmCancel, bool ShowMine, string PastNote, IReadOnlyList<string> RefreshUserIds,
    string CancelQuestion);
