using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.CheckIns;
using TraAM.Bot.Data;
using TraAM.Bot.Forms;
using TraAM.Bot.People;

namespace TraAM.Bot.Bilans;

/// <summary>What the bot already knows of a team's year, as card facts, and as answers to start a bilan from.</summary>
internal sealed record BilanContext(IReadOnlyList<FormFact> Facts, FormAnswers Prefill, bool HasAny);

/// <summary>
/// Reads what the bot knows of a team's year for its bilan: the last check-in it sent (overall state, blockers,
/// RGPD and accessibility answers), the production tracker (states and addresses) and the national group's meetings
/// a member of the team was invited to (the Meetings tables keep the invitations, not who attended). Shown as facts on
/// the card; the first time, also written into the answers (the referent edits them).
/// </summary>
internal sealed class BilanPrefill(TraamDbContext db, CardTemplates cards, TimeProvider clock)
{
    private const int MeetingsShown = 8;

    public async Task<BilanContext> ReadAsync(BilanFile file, string language, CancellationToken ct)
    {
        string T(string key) => cards.Text(key, language);
        var facts = new List<FormFact>();
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);

        var last = await db.CheckIns.AsNoTracking().Where(c => c.TeamId == file.Team.Id && c.SubmittedAt != null)
            .OrderByDescending(c => c.SubmittedAt).FirstOrDefaultAsync(ct);
        if (last is not null)
        {
            var a = FormAnswers.FromJson(last.AnswersJson);
            var day = DateText.Day(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(last.SubmittedAt!.Value, file.Zone).DateTime), language);
            var overall = a["overall"] is { Length: > 0 } o ? T($"checkin.choices.overall.{o}") : "";
            facts.Add(new(T("bilan.facts.lastCheckIn"), overall.Length > 0 ? cards.Formatted("bilan.facts.lastCheckInValue", language, day, overall) : day));
            var difficulties = new[] { a["blockers"], a["help"] == "yes" && a["helpText"].Length > 0 ? cards.Formatted("bilan.prefill.help", language, a["helpText"]) : "" }
                .Where(t => t.Length > 0).ToList();
            if (difficulties.Count > 0) answers["difficulties"] = string.Join("\n", difficulties);
            var points = new[] { ("rgpd", "bilan.prefill.rgpd"), ("accessibility", "bilan.prefill.accessibility") }
                .Where(p => a[p.Item1] is "yes" or "no" or "na")
                .Select(p => cards.Formatted(p.Item2, language, T($"checkin.choices.{p.Item1}.{a[p.Item1]}")))
                .ToList();
            if (points.Count > 0) answers["accessibility_rgpd"] = string.Join("\n", points);
        }

        var productions = await db.TeamProductions.AsNoTracking().Where(p => p.TeamId == file.Team.Id).ToListAsync(ct);
        if (productions.Count > 0)
        {
            var lines = CheckInForm.Productions
                .Select(p => (p.Prefix, p.Kind, Row: productions.FirstOrDefault(r => r.Kind == p.Kind)))
                .Where(p => p.Row is not null)
                .Select(p => cards.Formatted("bilan.facts.productionValue", language, T($"bilan.productions.{p.Kind}"), T($"checkin.choices.{p.Prefix}State.{StateValue(p.Row!.State)}")));
            facts.Add(new(T("bilan.facts.productions"), string.Join(" ; ", lines)));
            foreach (var (field, kind) in BilanForm.Productions)
            {
                if (productions.FirstOrDefault(r => r.Kind == kind)?.Url is { Length: > 0 } url) answers[field] = url;
            }
        }

        var meetings = await MeetingsAsync(file, ct);
        if (meetings.Count > 0)
        {
            var list = string.Join(", ", meetings.Take(MeetingsShown).Select(m =>
                DateText.Day(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(m.StartUtc, file.Zone).DateTime), language) + " (" + m.Subject + ")"));
            facts.Add(new(T("bilan.facts.meetings"), list));
            answers["collaboration"] = cards.Formatted("bilan.prefill.meetings", language, list);
        }

        return new BilanContext(facts, new FormAnswers(answers), last is not null || productions.Count > 0 || meetings.Count > 0);
    }

    /// <summary>The national group's past meetings of the campaign that a member of the team was invited to.</summary>
    private async Task<List<(DateTimeOffset StartUtc, string Subject)>> MeetingsAsync(BilanFile file, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var members = db.RoleAssignments.Where(r => r.TeamId == file.Team.Id && (r.Role == Role.Referent || r.Role == Role.Teacher)).Select(r => r.PersonId);
        var rows = await (
            from m in db.Meetings.AsNoTracking()
            where m.CampaignId == file.Collection.CampaignId && m.ThemeId == file.Theme.Id && m.State == Meetings.MeetingState.Scheduled && m.StartUtc < now
                && db.MeetingAttendances.Any(a => a.MeetingId == m.Id && a.PersonId != null && members.Contains(a.PersonId.Value))
            orderby m.StartUtc
            select new { m.StartUtc, m.Subject }).ToListAsync(ct);
        return [.. rows.Select(r => (r.StartUtc, r.Subject))];
    }

    private static string StateValue(ProductionState state) => state switch
    {
        ProductionState.Planned => "planned",
        ProductionState.Written => "written",
        ProductionState.Tested => "tested",
        ProductionState.Published => "published",
        _ => "indexed",
    };
}
