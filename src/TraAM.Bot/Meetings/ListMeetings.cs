using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Meetings;

/// <summary>
/// "réunions" / "meetings": the caller's own meetings (organised or invited to), coming first then the last past
/// ones, each at its time in the zone it was chosen in. Only the caller's own rows are read, so no permission applies.
/// </summary>
internal sealed class ListMeetings(CallerResolver callers, TraamDbContext db, CardTemplates cards, TimeProvider clock) : ITurnHandler
{
    private const int PastShown = 5;

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (caller.Person is not { } person)
        {
            await turn.SendTextAsync(cards.Text("meetings.list.unknown", language), cancellationToken);
            return;
        }

        var mine = await db.Meetings.AsNoTracking()
            .Where(m => m.OrganizerPersonId == person.Id || m.SecretaryPersonId == person.Id
                        || db.MeetingAttendances.Any(a => a.MeetingId == m.Id && a.PersonId == person.Id))
            .ToListAsync(cancellationToken);
        if (mine.Count == 0)
        {
            await turn.SendTextAsync(cards.Text("meetings.list.none", language), cancellationToken);
            return;
        }

        var now = clock.GetUtcNow();
        var coming = mine.Where(m => m.StartUtc + m.Duration >= now).OrderBy(m => m.StartUtc).Select(m => Line(m, language, null));
        var pastMeetings = mine.Where(m => m.StartUtc + m.Duration < now).OrderByDescending(m => m.StartUtc).Take(PastShown).ToList();
        var ids = pastMeetings.Select(m => m.Id).ToList();
        var minutes = await db.MeetingMinutes.AsNoTracking().Where(x => ids.Contains(x.MeetingId))
            .ToDictionaryAsync(x => x.MeetingId, x => x.State, cancellationToken);
        var past = pastMeetings.Select(m => Line(m, language, minutes.TryGetValue(m.Id, out var s) ? s : Minutes.MinutesState.ToWrite));
        var text = string.Join("\n\n", new[]
        {
            cards.Text("meetings.list.coming", language) + "\n" + Join(coming, language),
            cards.Text("meetings.list.past", language) + "\n" + Join(past, language),
        });
        await turn.SendTextAsync(text, cancellationToken);
    }

    private string Join(IEnumerable<string> lines, string language)
    {
        var list = lines.ToList();
        return list.Count == 0 ? "- " + cards.Text("meetings.list.empty", language) : string.Join("\n", list);
    }

    /// <summary>A line; a past meeting's says where its minutes stand (à rédiger, brouillon, publié).</summary>
    private string Line(Meeting m, string language, Minutes.MinutesState? minutes)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(m.TimeZoneId, out var z) ? z : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(m.StartUtc, zone);
        var when = local.ToString(language == Languages.English ? "yyyy-MM-dd HH:mm" : "dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
        var state = m.State == MeetingState.Cancelled ? " — " + cards.Text("meetings.list.cancelled", language)
            : minutes is { } s ? " — " + cards.Text($"minutes.list.{s switch { Minutes.MinutesState.Published => "published", Minutes.MinutesState.Draft => "draft", _ => "toWrite" }}", language)
            : "";
        return $"- {when} ({m.TimeZoneId}) — {m.Subject}{state}";
    }
}
