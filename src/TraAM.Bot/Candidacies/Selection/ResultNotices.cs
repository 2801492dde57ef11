using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.People;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Candidacies.Selection;

/// <summary>
/// What a discipline's published results send: to each referent, whether the team's project is selected; to each DAN
/// and DRAN, one card with the results of their académie or région. Both languages are prepared; the outbox sends each
/// person theirs. The keys (candidacy, person, discipline) make a second build create nothing.
/// </summary>
internal sealed class ResultNotices(TraamDbContext db, CardTemplates cards, TimeProvider clock)
{
    public const string ResultKind = "selection.result";
    public const string AreaKind = "selection.area";
    public const string ResultCard = "candidacies/selection-result";
    public const string AreaCard = "candidacies/selection-area";

    public async Task<List<NotificationRequest>> BuildAsync(int campaignId, string discipline, CancellationToken ct)
    {
        var themes = await db.Themes.AsNoTracking().Where(t => t.CampaignId == campaignId).ToListAsync(ct);
        var ids = themes.Where(t => t.DisciplineCode == discipline).Select(t => t.Id).ToList();
        var decided = await CandidacyDetails.LoadAsync(db,
            db.Candidacies.Where(c => ids.Contains(c.ThemeId) && (c.State == CandidacyState.Selected || c.State == CandidacyState.NotSelected)), ct);
        var subject = $"selection:{campaignId}:{discipline}";
        var now = clock.GetUtcNow();
        var requests = new List<NotificationRequest>();

        var teamIds = decided.Select(d => (long?)d.Team.Id).ToList();
        var referents = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.Role == Role.Referent && teamIds.Contains(r.TeamId)).Select(r => new { r.TeamId, r.PersonId }).ToListAsync(ct);
        foreach (var d in decided)
        {
            requests.AddRange(referents.Where(r => r.TeamId == d.Team.Id).Select(r => new NotificationRequest(
                ResultKind, subject, Recipient.Person(r.PersonId), $"candidacy:{d.Candidacy.Id}", ResultCard,
                LocalizedData.Of(Result(d, themes, Languages.French), Result(d, themes, Languages.English)), now)));
        }

        var academies = decided.Select(d => d.Candidacy.AcademyCode).Distinct().ToList();
        var regions = academies.Select(a => Academies.ByCode(a)?.RegionCode).OfType<string>().Distinct().ToList();
        var delegates = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.CampaignId == campaignId
                && ((r.Role == Role.Dan && academies.Contains(r.AcademyCode!)) || (r.Role == Role.Dran && regions.Contains(r.RegionCode!))))
            .ToListAsync(ct);
        foreach (var person in delegates.GroupBy(r => r.PersonId))
        {
            var covered = person.SelectMany(r => r.Role == Role.Dan ? [r.AcademyCode!] : Academies.InRegion(r.RegionCode!).Select(a => a.Code)).ToHashSet();
            var lines = decided.Where(d => covered.Contains(d.Candidacy.AcademyCode)).ToList();
            var place = person.FirstOrDefault(r => r.Role == Role.Dran) is { } dran ? Labels.Region(dran.RegionCode) : Labels.Academy(person.First().AcademyCode);
            requests.Add(new NotificationRequest(AreaKind, subject, Recipient.Person(person.Key), "results", AreaCard,
                LocalizedData.Of(Area(lines, themes, discipline, place, Languages.French), Area(lines, themes, discipline, place, Languages.English)), now));
        }

        return requests;
    }

    private SelectionResultCard Result(CandidacyDetail d, List<Theme> themes, string language)
    {
        var selected = d.Candidacy.State == CandidacyState.Selected;
        return new SelectionResultCard(selected, Outcome(selected, language), cards.Format(selected ? "selection.resultSelected" : "selection.resultNotSelected", language,
            d.Candidacy.Title, d.Team.Name, Labels.Academy(d.Candidacy.AcademyCode), Labels.Theme(d.Theme, themes, language)));
    }

    private SelectionAreaCard Area(List<CandidacyDetail> lines, List<Theme> themes, string discipline, string place, string language) => new(
        cards.Format("selection.areaTitle", language, Labels.Discipline(discipline)),
        cards.Format("selection.areaIntro", language, Labels.Discipline(discipline), place),
        [.. lines.Select(d => new SelectionAreaLine(
            d.Candidacy.Title,
            $"{Labels.Academy(d.Candidacy.AcademyCode)} · {Labels.Theme(d.Theme, themes, language)} · {d.Team.Name}",
            Outcome(d.Candidacy.State == CandidacyState.Selected, language)))]);

    private string Outcome(bool selected, string language) => cards.Text(selected ? "selection.selected" : "selection.notSelected", language);
}

/// <summary>Data of cards/candidacies/selection-result.json (one language).</summary>
internal sealed record SelectionResultCard(bool Selected, string Result, string Text);

/// <summary>Data of cards/candidacies/selection-area.json (one language).</summary>
internal sealed record SelectionAreaCard(string Title, string Intro, IReadOnlyList<SelectionAreaLine> Lines);

internal sealed record SelectionAreaLine(string Title, string Detail, string Result);
