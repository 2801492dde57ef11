using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Forms;
using TraAM.Bot.Meetings.Minutes;

namespace TraAM.Bot.Syntheses;

/// <summary>
/// Each meeting's last PUBLISHED minutes (a draft is the secretary's, not the group's record), as that version was
/// published: the decisions one a line, who was ticked present, and the actions with their owner, due date and state
/// as they are now (an action done since is "done" in the synthesis). The version's number, date and author are the source.
/// </summary>
internal sealed class SynthesisMinutes(TraamDbContext db) : ISynthesisMinutes
{
    private const string Card = "Compte rendu de réunion";

    public async Task<IReadOnlyDictionary<Guid, MinutesInput>> LoadAsync(IReadOnlyCollection<Guid> meetingIds, CancellationToken ct)
    {
        var ids = meetingIds.ToList();
        var minutes = await db.MeetingMinutes.AsNoTracking()
            .Where(m => ids.Contains(m.MeetingId) && m.State == MinutesState.Published && m.Version > 0)
            .Select(m => new { m.Id, m.MeetingId, m.Version }).ToListAsync(ct);
        if (minutes.Count == 0) return new Dictionary<Guid, MinutesInput>();
        var minuteIds = minutes.Select(m => m.Id).ToList();
        var versions = (await db.FormVersions.AsNoTracking()
            .Where(v => v.Kind == MeetingMinutes.FormKind && minuteIds.Contains(v.SubjectId)).ToListAsync(ct))
            .GroupBy(v => v.SubjectId).ToDictionary(g => g.Key, g => g.MaxBy(v => v.Number)!);
        var invitees = (await db.MeetingAttendances.AsNoTracking().Where(a => ids.Contains(a.MeetingId)).Select(a => new { a.Id, a.Name }).ToListAsync(ct))
            .ToDictionary(a => a.Id.ToString(CultureInfo.InvariantCulture), a => a.Name);
        var actions = await (from a in db.MeetingActions.AsNoTracking()
                             join p in db.People on a.OwnerPersonId equals p.Id into owners
                             from p in owners.DefaultIfEmpty()
                             where ids.Contains(a.MeetingId)
                             orderby a.Row
                             select new { a.MeetingId, a.What, Owner = p == null ? null : p.FirstName + " " + p.LastName, a.Due, Done = a.DoneAt != null })
                            .ToListAsync(ct);

        var result = new Dictionary<Guid, MinutesInput>();
        foreach (var m in minutes)
        {
            if (!versions.TryGetValue(m.Id, out var version)) continue;
            var answers = FormAnswers.FromJson(version.AnswersJson);
            var source = new SynthesisSource(SourceKind.Minutes, null, Card, version.Number, version.At, version.ByName);
            var decisions = answers["decisions"].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(d => d.TrimStart('-', '•', '*', ' ')).Where(d => d.Length > 0).Select(d => new DecisionInput(d, source)).ToList();
            var present = FormAnswers.Split(answers["present"]).Select(id => invitees.GetValueOrDefault(id)).OfType<string>().ToList();
            var done = actions.Where(a => a.MeetingId == m.MeetingId).Select(a => new ActionInput(a.What, a.Owner, a.Due, a.Done, source)).ToList();
            result[m.MeetingId] = new MinutesInput(decisions, done, present, source);
        }

        return result;
    }
}
