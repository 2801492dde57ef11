using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Meetings;
using TraAM.Bot.People;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Syntheses;

/// <summary>
/// Reads what a synthesis needs from the database into <see cref="SynthesisInput"/>: the theme's selected teams (of one
/// académie for an academic synthesis) with their referents, the production tracker, the submitted check-ins, the
/// national group's meetings held so far; the bilans and the minutes through their seams (<see cref="ISynthesisBilans"/>,
/// <see cref="ISynthesisMinutes"/>), which answer nothing until those features are merged.
/// </summary>
internal sealed class SynthesisLoader(TraamDbContext db, ISynthesisBilans bilans, ISynthesisMinutes minutes)
{
    public async Task<SynthesisInput> LoadAsync(SynthesisDocument doc, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == doc.CampaignId, ct);
        var theme = await db.Themes.AsNoTracking().SingleAsync(t => t.Id == doc.ThemeId, ct);
        var teams = await SelectedTeams.Of(db, doc.CampaignId).AsNoTracking()
            .Where(t => t.ThemeId == doc.ThemeId && (doc.AcademyCode == null || t.AcademyCode == doc.AcademyCode)).ToListAsync(ct);
        var ids = teams.Select(t => t.Id).ToList();
        var labels = teams.ToDictionary(t => t.Id, t => $"{Labels.Academy(t.AcademyCode)} — {t.Name}");

        var referents = await (from r in db.RoleAssignments
                               join p in db.People on r.PersonId equals p.Id
                               where r.Role == Role.Referent && r.CampaignId == doc.CampaignId && r.TeamId != null && ids.Contains(r.TeamId.Value)
                               select new { TeamId = r.TeamId!.Value, p.FirstName, p.LastName }).ToListAsync(ct);
        var productions = (await db.TeamProductions.AsNoTracking().Where(p => ids.Contains(p.TeamId)).ToListAsync(ct)).ToLookup(p => p.TeamId);
        var checkIns = await CheckInsAsync(doc, ids, labels, ct);
        var teamBilans = await bilans.LoadAsync(doc.CampaignId, labels, ct);

        var inputs = teams.Select(t =>
        {
            var label = labels[t.Id];
            var referent = string.Join(", ", referents.Where(r => r.TeamId == t.Id).Select(r => $"{r.FirstName} {r.LastName}").Order(StringComparer.Ordinal));
            var source = new SynthesisSource(SourceKind.Directory, label, "Équipe retenue (annuaire)", null, t.CreatedAt);
            return new TeamInput(t.Id, Labels.Academy(t.AcademyCode), t.Name, referent.Length == 0 ? null : referent, source,
                [.. productions[t.Id].Select(p => new ProductionInput(p.Kind, p.State, p.Url,
                    new SynthesisSource(SourceKind.Production, label, "Suivi des productions", checkIns.VersionOf(p.CheckInId), p.ChangedAt)))],
                checkIns.Of(t.Id), teamBilans.GetValueOrDefault(t.Id));
        }).ToList();

        var discipline = Disciplines.ByCode(theme.DisciplineCode)?.Name ?? theme.DisciplineCode;
        var academy = doc.AcademyCode is null ? null : Labels.Academy(doc.AcademyCode);
        return new SynthesisInput(campaign.Code, discipline, theme.Title, academy, doc.Version, doc.CreatedAt, doc.CreatedByName,
            inputs, await MeetingsAsync(doc, ct));
    }

    private async Task<CheckInsByTeam> CheckInsAsync(SynthesisDocument doc, List<long> teamIds, Dictionary<long, string> labels, CancellationToken ct)
    {
        var rounds = await db.CheckInRounds.AsNoTracking().Where(r => r.CampaignId == doc.CampaignId && r.ThemeId == doc.ThemeId)
            .OrderBy(r => r.Opens).Select(r => new { r.Id, r.Opens }).ToListAsync(ct);
        var number = rounds.Select((r, i) => (r.Id, N: i + 1, r.Opens)).ToDictionary(r => r.Id);
        var roundIds = rounds.Select(r => r.Id).ToList();
        var rows = await (from c in db.CheckIns
                          where roundIds.Contains(c.RoundId) && teamIds.Contains(c.TeamId) && c.Version > 0 && c.SubmittedAt != null
                          join p in db.People on c.ByPersonId equals p.Id into authors
                          from p in authors.DefaultIfEmpty()
                          select new { c.Id, c.RoundId, c.TeamId, c.Overall, c.Version, SubmittedAt = c.SubmittedAt!.Value, p.FirstName, p.LastName }).ToListAsync(ct);
        var inputs = rows.Select(c =>
        {
            var (_, n, opens) = number[c.RoundId];
            var card = string.Create(CultureInfo.InvariantCulture, $"Point d'étape n° {n} (ouvert le {SynthesisLabels.Day(opens)})");
            var author = c.FirstName is null ? null : $"{c.FirstName} {c.LastName}";
            return (c.Id, c.TeamId, Input: new CheckInInput(n, opens, c.Overall, c.Version, c.SubmittedAt,
                new SynthesisSource(SourceKind.CheckIn, labels[c.TeamId], card, c.Version, c.SubmittedAt, author)));
        }).ToList();
        return new CheckInsByTeam(inputs.ToLookup(c => c.TeamId, c => c.Input), inputs.ToDictionary(c => c.Id, c => c.Input.Version));
    }

    private async Task<List<MeetingInput>> MeetingsAsync(SynthesisDocument doc, CancellationToken ct)
    {
        var held = await db.Meetings.AsNoTracking()
            .Where(m => m.CampaignId == doc.CampaignId && m.ThemeId == doc.ThemeId && m.State == MeetingState.Scheduled && m.StartUtc <= doc.CreatedAt)
            .OrderBy(m => m.StartUtc).ToListAsync(ct);
        var filed = await minutes.LoadAsync([.. held.Select(m => m.Id)], ct);
        return [.. held.Select(m => new MeetingInput(m.StartUtc, KindLabel(m.Kind), m.Subject,
            new SynthesisSource(SourceKind.Meeting, null, $"Réunion « {m.Subject} »", m.Revision, m.StartUtc), filed.GetValueOrDefault(m.Id)))];
    }

    private static string KindLabel(MeetingKind kind) => kind switch
    {
        MeetingKind.KickoffInPerson => "Lancement (présentiel)",
        MeetingKind.KickoffRemote => "Lancement (à distance)",
        _ => "Point d'étape",
    };

    private sealed record CheckInsByTeam(ILookup<long, CheckInInput> ByTeam, Dictionary<long, int> Versions)
    {
        public IReadOnlyList<CheckInInput> Of(long teamId) => [.. ByTeam[teamId].OrderBy(c => c.Round)];

        public int? VersionOf(long? checkInId) => checkInId is { } id && Versions.TryGetValue(id, out var v) ? v : null;
    }
}
