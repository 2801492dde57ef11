using System.Globalization;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Hosting;
using TraAM.Bot.People;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;
using TraAM.Bot.Reminders;

namespace TraAM.Bot.Bilans;

/// <summary>
/// "bilan". A TN3 expert (their themes of the working campaign) or an admin gets the launch card: theme, closing day
/// (the campaign's bilan deadline by default), an optional message; "Lancer la collecte" saves the collection once per
/// theme (a second launch sends nothing again; it may move the closing day) and queues the job that sends the cards
/// and the reminders' re-plan. A referent gets their team's bilan, in the personal chat only. Errors sit beside their
/// field and keep what was typed.
/// </summary>
internal sealed class LaunchBilanCollection(
    CallerResolver callers, CampaignPhases phases, TraamDbContext db, OpenBilan opener, BilanTracker tracker, IBackgroundJobClient jobs,
    CardTemplates cards, TimeProvider clock, ILogger<LaunchBilanCollection> logger)
    : ITurnHandler, ICardActionHandler
{
    public const string LaunchVerb = "bilan.launch";
    public const string Card = "bilans/launch";

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        var work = await phases.ForWorkAsync(cancellationToken);
        if (!caller.CanSomewhere(Permission.TriggerBilan))
        {
            await OpenOwnAsync(turn, caller, work, cancellationToken);
            return;
        }

        var themes = await ThemesAsync(caller, work, cancellationToken);
        if (themes.Count == 0)
        {
            await turn.SendTextAsync(cards.Formatted("bilan.launch.noTheme", language, work.Code), cancellationToken);
            return;
        }

        var form = new LaunchForm(themes.Count == 1 ? Id(themes[0]) : "", Iso(DefaultCloses(work)), "");
        await turn.SendCardAsync(await RenderAsync(work, themes, form, language, cancellationToken), cancellationToken);
    }

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        var work = await phases.ForWorkAsync(cancellationToken);
        var themes = await ThemesAsync(caller, work, cancellationToken);
        if (themes.Count == 0) return CardActionResult.Message(cards.Text("bilan.launch.notAllowed", language));

        var form = new LaunchForm(CardInput.Text(data, "theme") ?? "", CardInput.Text(data, "closes") ?? "", (CardInput.Text(data, "message") ?? "").Trim());
        var theme = themes.FirstOrDefault(t => Id(t) == form.Theme); // the policy chose the list: a forged theme is not in it
        form = Check(form, theme, language);
        if (form.HasErrors || theme is null) return CardActionResult.Card(await RenderAsync(work, themes, form, language, cancellationToken));

        var closes = Parse(form.Closes)!.Value;
        var done = await LaunchAsync(theme, closes, form.Message, caller, language, cancellationToken);
        return CardActionResult.Card(await RenderAsync(work, themes, form with { Done = done }, language, cancellationToken));
    }

    /// <summary>Saves the collection once; a second launch may move the closing day, and never sends the cards again.</summary>
    private async Task<string> LaunchAsync(Theme theme, DateOnly closes, string message, Caller caller, string language, CancellationToken ct)
    {
        var existing = await db.BilanCollections.SingleOrDefaultAsync(c => c.CampaignId == theme.CampaignId && c.ThemeId == theme.Id, ct);
        if (existing is null)
        {
            db.BilanCollections.Add(existing = new BilanCollection
            {
                CampaignId = theme.CampaignId, ThemeId = theme.Id, Opens = phases.Today, Closes = closes, Message = message.Length > 0 ? message : null,
                LaunchedByPersonId = caller.Person?.Id, LaunchedByName = caller.Person?.DisplayName ?? "admin", LaunchedAt = clock.GetUtcNow(),
            });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // the same theme launched at the same moment by someone else: theirs stands
                existing = await db.BilanCollections.AsNoTracking().SingleAsync(c => c.CampaignId == theme.CampaignId && c.ThemeId == theme.Id, ct);
                return Already(existing, language);
            }

            jobs.TryEnqueue<SendBilanCardsJob>(j => j.RunAsync(CancellationToken.None), logger);
            ReminderPlanJob.Enqueue(jobs, logger);
            var teams = await SelectedTeams.Of(db, theme.CampaignId).CountAsync(t => t.ThemeId == theme.Id, ct);
            return cards.Formatted("bilan.launch.launched", language, teams, DateText.Day(closes, language, withWeekday: true));
        }

        if (existing.Closes == closes) return Already(existing, language);
        existing.Closes = closes; // a later (or earlier) closing day: reminders and the tracker follow, no card is sent again
        await db.SaveChangesAsync(ct);
        ReminderPlanJob.Enqueue(jobs, logger);
        await tracker.RefreshAsync(existing.Id, ct);
        return cards.Formatted("bilan.launch.moved", language, DateText.Day(closes, language, withWeekday: true));
    }

    private string Already(BilanCollection c, string language) =>
        cards.Formatted("bilan.launch.already", language, DateText.Day(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(c.LaunchedAt, Reference.LocalTime.ZoneOf(null)).DateTime), language),
            c.LaunchedByName, DateText.Day(c.Closes, language, withWeekday: true));

    /// <summary>A referent typing "bilan": their team's bilan of an open collection, in the personal chat only.</summary>
    private async Task OpenOwnAsync(TurnContext turn, Caller caller, Campaign work, CancellationToken ct)
    {
        // A team's bilan is for its national group's experts: never a form posted where a channel or a group chat reads it.
        if (turn.Activity.Conversation?.ConversationType is { } type && type != ConversationTypes.Personal)
        {
            await turn.SendTextAsync(cards.Text("bilan.personalOnly", turn.Language), ct);
            return;
        }

        var ids = await db.BilanCollections.AsNoTracking().Where(c => c.CampaignId == work.Id).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        var file = (await BilanFile.OfCallerAsync(db, caller, ids, ct)).FirstOrDefault();
        if (file is null) await turn.SendTextAsync(cards.Text(caller.CanSomewhere(Permission.SubmitBilan) ? "bilan.noCollection" : "bilan.notAllowed", turn.Language), ct);
        else await turn.SendCardAsync(await opener.OpenAsync(file, turn.Language, ct), ct);
    }

    /// <summary>The themes of the working campaign whose collection the caller may launch (the policy decides, theme by theme).</summary>
    private async Task<List<Theme>> ThemesAsync(Caller caller, Campaign work, CancellationToken ct) =>
        [.. (await db.Themes.AsNoTracking().Where(t => t.CampaignId == work.Id).OrderBy(t => t.DisciplineCode).ThenBy(t => t.Number).ToListAsync(ct))
            .Where(t => caller.Can(Permission.TriggerBilan, AccessScope.ForTheme(t)))];

    /// <summary>The campaign's bilan deadline, or two weeks from today once it has passed.</summary>
    private DateOnly DefaultCloses(Campaign work) => work.BilanDeadline >= phases.Today ? work.BilanDeadline : phases.Today.AddDays(14);

    private LaunchForm Check(LaunchForm form, Theme? theme, string language)
    {
        if (theme is null) form = form with { ThemeError = cards.Text("bilan.launch.errors.theme", language) };
        var closes = Parse(form.Closes);
        if (closes is null) form = form with { ClosesError = cards.Text("bilan.launch.errors.date", language) };
        else if (closes < phases.Today) form = form with { ClosesError = cards.Formatted("bilan.launch.errors.past", language, DateText.Day(phases.Today, language)) };
        if (form.Message.Length > BilanCollection.MessageMax)
            form = form with { MessageError = cards.Formatted("forms.errors.tooLong", language, form.Message.Length, BilanCollection.MessageMax) };
        return form;
    }

    private async Task<JsonElement> RenderAsync(Campaign work, List<Theme> themes, LaunchForm form, string language, CancellationToken ct)
    {
        var ids = themes.Select(t => t.Id).ToList();
        var collections = await db.BilanCollections.AsNoTracking().Where(c => c.CampaignId == work.Id && ids.Contains(c.ThemeId)).OrderBy(c => c.ThemeId).ToListAsync(ct);
        var collectionIds = collections.Select(c => c.Id).ToList();
        var received = await db.Bilans.AsNoTracking().Where(b => collectionIds.Contains(b.CollectionId) && b.Version > 0)
            .GroupBy(b => b.CollectionId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var teams = await SelectedTeams.Of(db, work.Id).AsNoTracking().Where(t => ids.Contains(t.ThemeId))
            .GroupBy(t => t.ThemeId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var lines = collections.Select(c => new LaunchLine(cards.Formatted("bilan.launch.line", language, Label(themes.First(t => t.Id == c.ThemeId)),
            DateText.Day(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(c.LaunchedAt, Reference.LocalTime.ZoneOf(null)).DateTime), language), c.LaunchedByName,
            DateText.Day(c.Closes, language), received.FirstOrDefault(r => r.Key == c.Id)?.Count ?? 0, teams.FirstOrDefault(t => t.Key == c.ThemeId)?.Count ?? 0)));
        var data = new LaunchCardData(work.Code, form.Done, [.. themes.Select(t => new LaunchChoice(Label(t), Id(t)))],
            form.Theme, form.ThemeError, form.Closes, form.ClosesError, form.Message, form.MessageError, BilanCollection.MessageMax, [.. lines]);
        return cards.Render(Card, data, language);
    }

    private static string Label(Theme t) => (Reference.Disciplines.ByCode(t.DisciplineCode)?.Name ?? t.DisciplineCode) + " – " + t.Title;

    private static string Id(Theme t) => t.Id.ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? Parse(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>What the card shows: what was typed, and the message beside each field.</summary>
    private sealed record LaunchForm(string Theme, string Closes, string Message)
    {
        public string Done { get; init; } = "";
        public string ThemeError { get; init; } = "";
        public string ClosesError { get; init; } = "";
        public string MessageError { get; init; } = "";
        public bool HasErrors => ThemeError != "" || ClosesError != "" || MessageError != "";
    }
}

/// <summary>Data of cards/bilans/launch.json.</summary>
internal sealed record LaunchCardData(
    string Campaign, string Done, IReadOnlyList<LaunchChoice> Themes, string Theme, string ThemeError, string Closes, string ClosesError,
    string Message, string MessageError, int MessageMax, IReadOnlyList<LaunchLine> Existing);

internal sealed record LaunchChoice(string Title, string Value);

internal sealed record LaunchLine(string Line);
