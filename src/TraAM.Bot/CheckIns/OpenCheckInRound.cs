using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.CheckIns;

/// <summary>
/// "point d'étape" / "check-in". A TN3 expert (their themes of the working campaign) or an admin gets the round card:
/// theme, opening and closing days, teachers may answer, once or every month; "Créer" makes the rounds not planned yet
/// (<see cref="CheckInRound.Key"/>: planning twice creates nothing) and queues the job that sends the cards. Anyone
/// else gets their team's open check-in. Errors sit beside their field and keep what was typed.
/// </summary>
internal sealed class OpenCheckInRound(
    CallerResolver callers, CampaignPhases phases, TraamDbContext db, RoundCreator creator, AnswerCheckIn answers, Outbox outbox, CardTemplates cards, TimeProvider clock)
    : ITurnHandler, ICardActionHandler
{
    public const string CreateVerb = "checkin.round.create";
    public const string DeleteVerb = "checkin.round.delete";
    public const string Card = "checkins/round";

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        var work = await phases.ForWorkAsync(cancellationToken);
        if (!caller.CanSomewhere(Permission.OpenCheckInRound))
        {
            await AnswerOpenRoundAsync(turn, caller, work, cancellationToken);
            return;
        }

        var themes = await ThemesAsync(caller, work, cancellationToken);
        if (themes.Count == 0)
        {
            await turn.SendTextAsync(cards.Format("checkin.round.noTheme", language, work.Code), cancellationToken);
            return;
        }

        await turn.SendCardAsync(await RenderAsync(work, themes, Blank(themes, work), language, cancellationToken), cancellationToken);
    }

    /// <summary>The card as first shown: opening today, two weeks, once, repeated (if chosen) until the completion deadline.</summary>
    private RoundForm Blank(List<Theme> themes, Campaign work) =>
        new(themes.Count == 1 ? Id(themes[0]) : "", Iso(phases.Today), Iso(phases.Today.AddDays(11)), false, "once", Iso(work.CompletionDeadline));

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        var work = await phases.ForWorkAsync(cancellationToken);
        var themes = await ThemesAsync(caller, work, cancellationToken);
        if (themes.Count == 0) return CardActionResult.Message(cards.Text("checkin.round.notAllowed", language));
        if (CardInput.Text(data, "verb") == DeleteVerb) return await DeleteAsync(work, themes, CardInput.Text(data, "round"), language, cancellationToken);

        var form = new RoundForm(CardInput.Text(data, "theme") ?? "", CardInput.Text(data, "opens") ?? "", CardInput.Text(data, "closes") ?? "",
            CardInput.IsOn(data, "teachers"), CardInput.Text(data, "repeat") == "monthly" ? "monthly" : "once", CardInput.Text(data, "until") ?? "");
        var theme = themes.FirstOrDefault(t => Id(t) == form.Theme);
        form = Check(form, theme, phases.Today, language);
        if (form.HasErrors || theme is null) return CardActionResult.Card(await RenderAsync(work, themes, form, language, cancellationToken));

        var result = await creator.CreateAsync(theme, form.Dates, form.Teachers, caller, cancellationToken);
        if (result.Schedule.Count == 0) form = form with { UntilError = cards.Text("checkin.round.errors.none", language) };
        else if (result.Schedule.Count > RoundSchedule.MaxRounds) form = form with { UntilError = cards.Format("checkin.round.errors.tooMany", language, RoundSchedule.MaxRounds) };
        else
        {
            form = form with
            {
                Done = result.Created > 0 ? cards.Format("checkin.round.created", language, result.Created, result.Schedule.Count - result.Created)
                    : cards.Format("checkin.round.nothingNew", language, result.Schedule.Count),
            };
        }

        return CardActionResult.Card(await RenderAsync(work, themes, form, language, cancellationToken));
    }

    /// <summary>
    /// "Supprimer" beside a round of one of the caller's themes, while it has not opened and nobody answered: deleted,
    /// with its cards and reminders still pending in the outbox.
    /// </summary>
    private async Task<CardActionResult> DeleteAsync(Campaign work, List<Theme> themes, string? roundText, string language, CancellationToken ct)
    {
        var ids = themes.Select(t => t.Id).ToList();
        var id = long.TryParse(roundText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var round = await db.CheckInRounds.SingleOrDefaultAsync(r => r.Id == id && r.CampaignId == work.Id && ids.Contains(r.ThemeId), ct);
        if (round is null) return CardActionResult.Message(cards.Text("checkin.round.notAllowed", language));
        if (round.Opens <= phases.Today || await db.CheckIns.AnyAsync(c => c.RoundId == round.Id, ct))
            return CardActionResult.Message(cards.Text("checkin.round.cannotDelete", language));

        var period = CheckInFormCard.Period(round, cards, language);
        db.CheckInRounds.Remove(round);
        await db.SaveChangesAsync(ct);
        var none = new HashSet<string>();
        await outbox.CancelPendingAsync(db, $"checkin:{round.Id}", none, "point d'étape supprimé", ct);
        await outbox.CancelPendingAsync(db, Reminders.Deadline.OfRound(round).Subject, none, "point d'étape supprimé", ct);
        var form = Blank(themes, work) with { Done = cards.Format("checkin.round.deleted", language, period) };
        return CardActionResult.Card(await RenderAsync(work, themes, form, language, ct));
    }

    /// <summary>The themes of the working campaign whose rounds the caller may open (the policy decides, theme by theme).</summary>
    private async Task<List<Theme>> ThemesAsync(Caller caller, Campaign work, CancellationToken ct) =>
        [.. (await db.Themes.AsNoTracking().Where(t => t.CampaignId == work.Id).OrderBy(t => t.DisciplineCode).ThenBy(t => t.Number).ToListAsync(ct))
            .Where(t => caller.Can(Permission.OpenCheckInRound, AccessScope.ForTheme(t)))];

    /// <summary>A referent or teacher typing the command: their team's round open today, if any.</summary>
    private async Task AnswerOpenRoundAsync(TurnContext turn, Caller caller, Campaign work, CancellationToken ct)
    {
        // A team's answers are for its TN3 expert and inspector: never a form posted where a channel or a chat reads it.
        if (turn.Activity.Conversation?.ConversationType is { } type && type != ConversationTypes.Personal)
        {
            await turn.SendTextAsync(cards.Text("checkin.personalOnly", turn.Language), ct);
            return;
        }

        var now = clock.GetUtcNow();
        var today = phases.Today;
        var rounds = await db.CheckInRounds.AsNoTracking()
            .Where(r => r.CampaignId == work.Id && r.Opens <= today.AddDays(1) && r.Closes >= today.AddDays(-1))
            .OrderBy(r => r.Closes).Select(r => r.Id).ToListAsync(ct);
        var open = (await answers.FilesAsync(caller, rounds, ct)).FirstOrDefault(f => !f.IsClosed(now) && !f.IsNotOpenYet(now));
        if (open is null) await turn.SendTextAsync(cards.Text("checkin.noOpenRound", turn.Language), ct);
        else await turn.SendCardAsync(await answers.OpenAsync(open, turn.Language, ct), ct);
    }

    private RoundForm Check(RoundForm form, Theme? theme, DateOnly today, string language)
    {
        string Day(DateOnly d) => DateText.Day(d, language);
        if (theme is null) form = form with { ThemeError = cards.Text("checkin.round.errors.theme", language) };
        DateOnly? opens = Parse(form.Opens), closes = Parse(form.Closes), until = Parse(form.Until);
        if (opens is null) form = form with { OpensError = cards.Text("checkin.round.errors.date", language) };
        else if (opens < today) form = form with { OpensError = cards.Format("checkin.round.errors.past", language, Day(today)) };
        if (closes is null) form = form with { ClosesError = cards.Text("checkin.round.errors.date", language) };
        else if (opens is { } o && closes < o) form = form with { ClosesError = cards.Format("checkin.round.errors.order", language, Day(o)) };
        if (form.Repeat == "monthly" && opens is { } start && (until is null || until < start))
            form = form with { UntilError = cards.Format("checkin.round.errors.until", language, Day(start)) };
        return form.HasErrors ? form : form with { Dates = new RoundDates(opens!.Value, closes!.Value, form.Repeat == "monthly" ? until : null) };
    }

    private async Task<JsonElement> RenderAsync(Campaign work, List<Theme> themes, RoundForm form, string language, CancellationToken ct)
    {
        var ids = themes.Select(t => t.Id).ToList();
        var rounds = await db.CheckInRounds.AsNoTracking().Where(r => ids.Contains(r.ThemeId) && r.CampaignId == work.Id).OrderBy(r => r.Opens).ThenBy(r => r.ThemeId).ToListAsync(ct);
        var roundIds = rounds.Select(r => r.Id).ToList();
        var answered = (await db.CheckIns.Where(c => roundIds.Contains(c.RoundId)).Select(c => c.RoundId).Distinct().ToListAsync(ct)).ToHashSet();
        var data = new RoundCardData(work.Code, form.Done,
            [.. themes.Select(t => new RoundChoice(Label(t), Id(t)))],
            form.Theme, form.ThemeError, form.Opens, form.OpensError, form.Closes, form.ClosesError, form.Teachers, form.Repeat, form.Until, form.UntilError,
            [.. rounds.Select(r => new RoundLine(
                Label(themes.First(t => t.Id == r.ThemeId)) + (language == Languages.French ? " : " : ": ") + CheckInFormCard.Period(r, cards, language),
                r.Id.ToString(CultureInfo.InvariantCulture), r.Opens > phases.Today && !answered.Contains(r.Id)))]);
        return cards.Render(Card, data, language);
    }

    private static string Label(Theme t) => (Reference.Disciplines.ByCode(t.DisciplineCode)?.Name ?? t.DisciplineCode) + " – " + t.Title;

    private static string Id(Theme t) => t.Id.ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? Parse(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>What the card shows: what was typed, and the message beside each field.</summary>
    private sealed record RoundForm(string Theme, string Opens, string Closes, bool Teachers, string Repeat, string Until)
    {
        public string Done { get; init; } = "";
        public string ThemeError { get; init; } = "";
        public string OpensError { get; init; } = "";
        public string ClosesError { get; init; } = "";
        public string UntilError { get; init; } = "";
        public RoundDates Dates { get; init; } = new(default, default, null);
        public bool HasErrors => ThemeError != "" || OpensError != "" || ClosesError != "" || UntilError != "";
    }
}

/// <summary>The first round's days and, for a monthly schedule, until when.</summary>
internal sealed record RoundDates(DateOnly Opens, DateOnly Closes, DateOnly? Until);

/// <summary>Data of cards/checkins/round.json.</summary>
internal sealed record RoundCardData(
    string Campaign, string Done, IReadOnlyList<RoundChoice> Themes, string Theme, string ThemeError, string Opens, string OpensError,
    string Closes, string ClosesError, bool Teachers, string Repeat, string Until, string UntilError, IReadOnlyList<RoundLine> Existing);

internal sealed record RoundChoice(string Title, string Value);

/// <summary>A planned round; <paramref name="CanDelete"/> while it has not opened and has no answer.</summary>
internal sealed record RoundLine(string Line, string Id, bool CanDelete);
