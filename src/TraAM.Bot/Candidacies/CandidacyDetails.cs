using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Data;
using TraAM.Bot.People;

namespace TraAM.Bot.Candidacies;

/// <summary>
/// A candidacy with what lists and exports show about it: its theme and team, the team's referent and size, the
/// answers of the version it is at (the one the inspectors approved), and that approval.
/// </summary>
internal sealed record CandidacyDetail(
    Candidacy Candidacy, Theme Theme, AcademicTeam Team, Person? Referent, int Members, IReadOnlyDictionary<string, string> Answers, CandidacyDecision? Approval)
{
    public string Answer(string key) => Answers.TryGetValue(key, out var v) ? v : "";

    /// <summary>The first <paramref name="length"/> characters of the summary, cut on a word, for a card.</summary>
    public string SummaryExcerpt(int length)
    {
        var summary = Answer("summary").ReplaceLineEndings(" ").Trim();
        if (summary.Length <= length) return summary;
        var cut = summary.LastIndexOf(' ', length);
        return summary[..(cut > length / 2 ? cut : length)].TrimEnd() + "…";
    }
}

internal static class CandidacyDetails
{
    /// <summary>The candidacies <paramref name="query"/> selects, by académie, theme and title, with their details.</summary>
    public static async Task<List<CandidacyDetail>> LoadAsync(TraamDbContext db, IQueryable<Candidacy> query, CancellationToken ct)
    {
        var rows = await (
            from c in query.AsNoTracking()
            join th in db.Themes.AsNoTracking() on c.ThemeId equals th.Id
            join t in db.AcademicTeams.AsNoTracking() on c.TeamId equals t.Id
            orderby c.AcademyCode, th.Id, c.Title, c.Id
            select new { c, th, t }).ToListAsync(ct);
        var ids = rows.Select(r => r.c.Id).ToList();
        var teamIds = rows.Select(r => (long?)r.t.Id).ToList();
        var versions = await db.FormVersions.AsNoTracking()
            .Where(v => v.Kind == Candidacy.FormKind && ids.Contains(v.SubjectId))
            .Select(v => new { v.SubjectId, v.Number, v.AnswersJson }).ToListAsync(ct);
        var members = await (
            from r in db.RoleAssignments.AsNoTracking()
            join p in db.People.AsNoTracking() on r.PersonId equals p.Id
            where teamIds.Contains(r.TeamId) && (r.Role == Role.Referent || r.Role == Role.Teacher)
            orderby p.Id
            select new { r.TeamId, r.Role, p }).ToListAsync(ct);
        var approvals = await db.CandidacyDecisions.AsNoTracking()
            .Where(d => ids.Contains(d.CandidacyId) && d.Kind == CandidacyDecisionKind.Approved)
            .ToListAsync(ct);

        return [.. rows.Select(r =>
        {
            var team = members.Where(m => m.TeamId == r.t.Id).ToList();
            var version = versions.FirstOrDefault(v => v.SubjectId == r.c.Id && v.Number == r.c.Version)?.AnswersJson ?? r.c.AnswersJson;
            var approval = approvals.Where(d => d.CandidacyId == r.c.Id && d.Version == r.c.Version).MaxBy(d => d.At)
                ?? approvals.Where(d => d.CandidacyId == r.c.Id).MaxBy(d => d.At);
            return new CandidacyDetail(r.c, r.th, r.t, team.FirstOrDefault(m => m.Role == Role.Referent)?.p,
                team.Select(m => m.p.Id).Distinct().Count(), Read(version), approval);
        })];
    }

    /// <summary>The answers as text, whatever the form stored (a number, a list): what cannot be read is left out.</summary>
    private static Dictionary<string, string> Read(string json)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return answers;
            foreach (var p in doc.RootElement.EnumerateObject())
                answers[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText();
        }
        catch (JsonException)
        {
            // A stored answer is never trusted to be well formed: an unreadable one shows as empty.
        }

        return answers;
    }
}
