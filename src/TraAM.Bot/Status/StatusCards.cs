using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Cards;
using TraAM.Bot.CheckIns;
using TraAM.Bot.Data;
using TraAM.Bot.People;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Reference;
using TraAM.Bot.Reminders;

namespace TraAM.Bot.Status;

/// <summary>
/// The three status cards (cards/status/: a team, a table of teams, the per-theme summary) and the short answers.
/// Every card says when it was read, in the caller's time zone, and offers "Actualiser". The table is paged so that a
/// card stays under Teams' 28 KB limit whatever the names: never cut without saying so.
/// </summary>
internal sealed class StatusCards(CardTemplates cards, CampaignPhases phases, TraamDbContext db, TimeProvider clock)
{
    public const string TeamCard = "status/team";
    public const string TableCard = "status/table";
    public const string SummaryCard = "status/summary";

    /// <summary>Rows of a table page: 25 rows of long names weigh about 15 KB.</summary>
    public const int PageSize = 25;

    /// <summary>Teams refuses a message over 28 KB; the card is kept below, with room for the activity around it.</summary>
    public const int MaxCardBytes = 26 * 1024;

    public CardActionResult Message(string key, string language) => CardActionResult.Message(cards.Text(key, language));

    public CardActionResult Format(string key, string language, params object[] args) =>
        CardActionResult.Message(string.Format(CultureInfo.InvariantCulture, cards.Text(key, language), args));

    /// <summary>Which words named nothing, and close names among what the caller may see.</summary>
    public CardActionResult UnknownFilter(StatusFilter filter, IReadOnlyList<(AcademicTeam Team, Theme Theme)> visible, IReadOnlyList<Theme> themes, string language)
    {
        var candidates = visible.SelectMany(t => new[]
            {
                (Display: t.Team.Name, Names: (IEnumerable<string>)[t.Team.Name]),
                (Display: Labels.Academy(t.Team.AcademyCode), Names: [Labels.Academy(t.Team.AcademyCode), t.Team.AcademyCode]),
                (Display: Disciplines.ByCode(t.Theme.DisciplineCode)?.Aliases.FirstOrDefault() ?? Labels.Discipline(t.Theme.DisciplineCode),
                    Names: [Labels.Discipline(t.Theme.DisciplineCode), .. Disciplines.ByCode(t.Theme.DisciplineCode)?.Aliases ?? []]),
            })
            .DistinctBy(c => c.Display).ToList();
        var close = filter.Unknown.SelectMany(u => Suggestions.Closest(u, candidates)).Distinct().Take(3).ToList();
        var unknown = string.Join(", ", filter.Unknown.Select(u => $"« {u} »"));
        var hint = close.Count > 0
            ? string.Format(CultureInfo.InvariantCulture, cards.Text("status.suggest", language), string.Join(", ", close.Select(c => $"**statut {c}**")))
            : cards.Text("status.examples", language);
        return CardActionResult.Message(string.Format(CultureInfo.InvariantCulture, cards.Text("status.unknownFilter", language), unknown, hint));
    }

    public CardActionResult Table(StatusContext context, IReadOnlyList<TeamStatus> teams, int page)
    {
        var language = context.Language;
        var sorted = teams.OrderBy(t => t.Urgency)
            .ThenBy(t => Labels.Academy(t.Team.AcademyCode), StringComparer.Create(Languages.Culture(language), true))
            .ThenBy(t => t.Team.Name, StringComparer.Create(Languages.Culture(language), true)).ToList();
        var zone = Zone(context);
        for (var size = PageSize; ; size -= 5)
        {
            var pages = Math.Max(1, (sorted.Count + size - 1) / size);
            var current = Math.Clamp(page, 1, pages);
            var rows = sorted.Skip((current - 1) * size).Take(size).Select(t => Row(t, zone, language)).ToList();
            var first = (current - 1) * size + 1;
            var card = new StatusTableCard(
                Title(context, "status.tableTitle"),
                Scope(context, sorted.Count),
                AsOf(context, zone),
                rows,
                pages > 1 ? Text("status.page", language, first, first + rows.Count - 1, sorted.Count, current, pages) : "",
                context.Filter.Text,
                current > 1, (current - 1).ToString(CultureInfo.InvariantCulture),
                current < pages, (current + 1).ToString(CultureInfo.InvariantCulture),
                current.ToString(CultureInfo.InvariantCulture));
            var json = cards.Render(TableCard, card, language);
            if (size <= 5 || Bytes(json) <= MaxCardBytes) return CardActionResult.Card(json);
        }
    }

    public CardActionResult Summary(StatusContext context, IReadOnlyList<Theme> themes, IReadOnlyList<TeamStatus> teams)
    {
        var language = context.Language;
        var byTheme = teams.ToLookup(t => t.Theme.Id);
        var rows = themes.OrderBy(t => t.DisciplineCode, StringComparer.Ordinal).ThenBy(t => t.Year).ThenBy(t => t.Number)
            .Select(th =>
            {
                var mine = byTheme[th.Id].ToList();
                return new StatusSummaryRow(
                    Labels.Theme(th, themes, language),
                    mine.Count.ToString(CultureInfo.InvariantCulture),
                    mine.Count(t => t.LastCheckIn is not null).ToString(CultureInfo.InvariantCulture),
                    $"{mine.Sum(t => t.Published)}/{mine.Count * TeamStatus.ProductionCount}",
                    mine.Count(t => t.Risks.Count > 0).ToString(CultureInfo.InvariantCulture),
                    mine.Any(t => t.Risks.Count > 0) ? "attention" : "default");
            }).ToList();
        var zone = Zone(context);
        var card = new StatusSummaryCard(Title(context, "status.summaryTitle"), Scope(context, teams.Count), AsOf(context, zone), rows, "");
        return CardActionResult.Card(cards.Render(SummaryCard, card, language));
    }

    public async Task<CardActionResult> TeamAsync(StatusContext context, TeamStatus team, CancellationToken ct)
    {
        var language = context.Language;
        var zone = Zone(context);
        var c = team.LastCheckIn;
        var productions = Enum.GetValues<ProductionKind>().Select(kind =>
        {
            var p = team.Productions.FirstOrDefault(x => x.Kind == kind);
            var state = p is null ? cards.Text("status.notReported", language) : cards.Text($"status.states.{p.State}", language);
            return new StatusFact(cards.Text($"status.kinds.{kind}", language), state);
        }).ToList();
        // Addresses a check-in gave (checked https when answered; checked again: a card never carries another scheme).
        var links = team.Productions
            .Where(p => p.Url is { Length: > 0 } && Uri.TryCreate(p.Url, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps)
            .Select(p => new StatusLink(Text("status.open", language, cards.Text($"status.kinds.{p.Kind}", language)), new Uri(p.Url!).AbsoluteUri)).ToList();
        var risks = team.Risks.Select(r => new StatusFact(
            $"⚠ {Reasons(r.Reasons, language)} ({DateText.Day(LocalDay(r.RaisedAt, zone), language)})", string.IsNullOrWhiteSpace(r.Detail) ? "" : Plain(r.Detail))).ToList();
        var card = new StatusTeamCard(
            Text("status.teamTitle", language, team.Team.Name),
            context.GroupName ?? "",
            AsOf(context, zone),
            Labels.Academy(team.Team.AcademyCode),
            Labels.Theme(team.Theme, [team.Theme], language) + " · " + team.Theme.Title,
            c is null ? cards.Text("status.noCheckIn", language) : DateText.Day(LocalDay(c.SubmittedAt, zone), language),
            c?.Overall is { } o ? cards.Text($"status.overall.{o}", language) : "—",
            c?.Confidence is { } conf ? $"{conf}/5" : "—",
            c is null ? "" : string.Join(" · ", new[] { c.HelpWanted ? cards.Text("status.helpWanted", language) : null, c.HasBlocker ? cards.Text("status.blocker", language) : null }.OfType<string>()),
            productions,
            links,
            Text("status.publishedCount", language, team.Published, TeamStatus.ProductionCount),
            await DeadlinesAsync(context, team, ct),
            risks,
            context.Filter.Text);
        return CardActionResult.Card(cards.Render(TeamCard, card, language));
    }

    /// <summary>The team's coming deadlines: its open check-in rounds, and the campaign's ones that are a team's duty (échéances' code).</summary>
    private async Task<IReadOnlyList<StatusFact>> DeadlinesAsync(StatusContext context, TeamStatus team, CancellationToken ct)
    {
        var language = context.Language;
        var zone = LocalTime.ZoneOf(team.Team.AcademyCode);
        var now = clock.GetUtcNow();
        var today = LocalTime.Today(now, zone);
        // Open rounds of the theme, and whether the team already answered (it may still change its answer until closing).
        var rounds = await db.CheckInRounds.AsNoTracking()
            .Where(r => r.ThemeId == team.Theme.Id && r.Opens <= today && r.Closes >= today)
            .Select(r => new { r.Closes, Answered = db.CheckIns.Any(c => c.RoundId == r.Id && c.TeamId == team.Team.Id && c.Version > 0) })
            .ToListAsync(ct);
        var live = (await phases.LiveAsync(ct)).FirstOrDefault(p => p.Campaign.Id == context.Campaign.Id);
        var duties = live is null ? [] : Deadline.Current(live)
            .Where(d => d.Kind is DeadlineKind.Completion or DeadlineKind.Bilan && LocalTime.EndOf(d.Day, zone) > now);
        return
        [
            .. rounds.Select(r => (Title: cards.Text(r.Answered ? "status.roundAnswered" : "status.roundCloses", language), Day: r.Closes))
                .Concat(duties.Select(d => (Title: cards.Text($"reminders.kinds.{d.Code}.title", language), d.Day)))
                .OrderBy(x => x.Day)
                .Take(3)
                .Select(x => new StatusFact(x.Title, $"{DateText.Day(x.Day, language, withWeekday: true)} ({Left(x.Day.DayNumber - today.DayNumber, language)})")),
        ];
    }

    private StatusTableRow Row(TeamStatus t, TimeZoneInfo zone, string language) => new(
        Labels.Academy(t.Team.AcademyCode),
        t.Team.Name,
        t.LastCheckIn is { } c ? ShortDay(LocalDay(c.SubmittedAt, zone), language) : cards.Text("status.noCheckIn", language),
        t.LastCheckIn?.Overall is { } o ? cards.Text($"status.overall.{o}", language) : "—",
        $"{t.Published}/{TeamStatus.ProductionCount}",
        t.Risks.Count == 0 ? "—" : "⚠ " + Reasons(t.Risks.Aggregate(RiskReasons.None, (all, r) => all | r.Reasons), language),
        t.Urgency == 0 ? "attention" : t.Urgency == 1 ? "warning" : "default");

    private string Reasons(RiskReasons reasons, string language)
    {
        var words = new[] { RiskReasons.Late, RiskReasons.HelpWanted, RiskReasons.Blocker }
            .Where(r => reasons.HasFlag(r)).Select(r => cards.Text($"status.reasons.{r}", language)).ToList();
        return words.Count == 0 ? cards.Text("status.reasons.Other", language) : string.Join(", ", words);
    }

    private string Title(StatusContext context, string key) => Text(key, context.Language, context.Campaign.Code);

    /// <summary>"12 équipes · filtre « SVT » · Groupe national · …": what the card covers, so a narrowed answer says so.</summary>
    private string Scope(StatusContext context, int count)
    {
        var parts = new List<string> { Text(count == 1 ? "status.oneTeam" : "status.teams", context.Language, count) };
        if (context.Filter.Text.Length > 0) parts.Add(Text("status.filtered", context.Language, context.Filter.Text));
        if (context.GroupName is { } g) parts.Add(g);
        return string.Join(" · ", parts);
    }

    /// <summary>"Au jeudi 3 décembre 2026 à 8 h 30 (heure de Paris)": where the caller works (overseas: "heure de La Réunion").</summary>
    private string AsOf(StatusContext context, TimeZoneInfo zone)
    {
        var language = context.Language;
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime;
        var where = zone.Id == "Europe/Paris" ? cards.Text("deadlines.paris", language) : Text("status.zone", language, Labels.Academy(context.Caller.Person?.AcademyCode));
        return Text("status.asOf", language, DateText.DayAndTime(local, language), where);
    }

    private string Left(int days, string language) => days switch
    {
        0 => cards.Text("deadlines.today", language),
        1 => cards.Text("deadlines.tomorrow", language),
        _ => Text("deadlines.inDays", language, days),
    };

    private static TimeZoneInfo Zone(StatusContext context) => LocalTime.ZoneOf(context.Caller.Person?.AcademyCode);

    private static DateOnly LocalDay(DateTimeOffset at, TimeZoneInfo zone) => LocalTime.Today(at, zone);

    // A table cell is narrow: "2 déc." (the year when it is not the current one: "2 déc. 2025").
    private string ShortDay(DateOnly day, string language)
    {
        var culture = Languages.Culture(language);
        var number = language != Languages.English && day.Day == 1 ? "1er" : day.Day.ToString(CultureInfo.InvariantCulture); // as DateText writes it
        return number + day.ToString(day.Year == LocalTime.Today(clock.GetUtcNow(), LocalTime.ZoneOf(null)).Year ? " MMM" : " MMM yyyy", culture);
    }

    // A referent's free text shown in a card: one line, no markdown links or headings of theirs.
    private static string Plain(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Replace("[", "(", StringComparison.Ordinal).Replace("]", ")", StringComparison.Ordinal);
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    private string Text(string key, string language, params object[] args) => string.Format(CultureInfo.InvariantCulture, cards.Text(key, language), args);

    private static int Bytes(JsonElement card) => System.Text.Encoding.UTF8.GetByteCount(card.GetRawText());
}

/// <summary>Data of cards/status/table.json.</summary>
internal sealed record StatusTableCard(
    string Title, string Scope, string AsOf, IReadOnlyList<StatusTableRow> Rows, string Page, string Filter,
    bool HasPrevious, string PreviousPage, bool HasNext, string NextPage, string CurrentPage);

internal sealed record StatusTableRow(string Academy, string Team, string LastCheckIn, string Overall, string Published, string Risks, string Style);

/// <summary>Data of cards/status/summary.json.</summary>
internal sealed record StatusSummaryCard(string Title, string Scope, string AsOf, IReadOnlyList<StatusSummaryRow> Rows, string Filter);

internal sealed record StatusSummaryRow(string Theme, string Teams, string CheckedIn, string Published, string Risks, string Style);

/// <summary>Data of cards/status/team.json.</summary>
internal sealed record StatusTeamCard(
    string Title, string Group, string AsOf, string Academy, string Theme, string LastCheckIn, string Overall, string Confidence, string Flags,
    IReadOnlyList<StatusFact> Productions, IReadOnlyList<StatusLink> Links, string Published, IReadOnlyList<StatusFact> Deadlines, IReadOnlyList<StatusFact> Risks,
    string Filter);

internal sealed record StatusFact(string Title, string Value);

internal sealed record StatusLink(string Title, string Url);
