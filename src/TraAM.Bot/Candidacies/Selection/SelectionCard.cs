using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Cards;
using TraAM.Bot.Candidacies.Transmission;
using TraAM.Bot.Data;
using TraAM.Bot.People;

namespace TraAM.Bot.Candidacies.Selection;

/// <summary>
/// The national selection card of one discipline (all its themes: NSI's two share one quota): its transmitted
/// candidacies, which are retained so far against the quota, and once published, the results and who published them.
/// </summary>
internal sealed class SelectionCard(TraamDbContext db, CardTemplates cards, IOptions<CampaignOptions> options)
{
    public const string Card = "candidacies/selection";
    private const int SummaryLength = 300;

    /// <summary>The candidacies a discipline's selection decides on: transmitted, then selected or not.</summary>
    public static readonly CandidacyState[] InSelection = [CandidacyState.Transmitted, CandidacyState.Selected, CandidacyState.NotSelected];

    public async Task<JsonElement> RenderAsync(Campaign campaign, string discipline, string language, string done, string error,
        long errorFor = 0, string lineError = "", CancellationToken ct = default)
    {
        var themes = await db.Themes.AsNoTracking().Where(t => t.CampaignId == campaign.Id).ToListAsync(ct);
        var ids = themes.Where(t => t.DisciplineCode == discipline).Select(t => t.Id).ToList();
        var candidacies = await CandidacyDetails.LoadAsync(db, db.Candidacies.Where(c => ids.Contains(c.ThemeId) && InSelection.Contains(c.State)), ct);
        var published = themes.FirstOrDefault(t => ids.Contains(t.Id) && t.ResultsPublishedAt is not null);
        var quota = campaign.QuotaOf(options.Value);
        var kept = candidacies.Count(c => Kept(c.Candidacy));
        var name = Labels.Discipline(discipline);

        var data = new SelectionCardData(
            cards.Format("selection.title", language, name),
            discipline,
            cards.Format("selection.intro", language, quota),
            cards.Format("selection.count", language, kept, quota),
            published is not null,
            published is null ? "" : cards.Format("selection.published", language, published.ResultsPublishedByName ?? "", TransmissionCard.Day(published.ResultsPublishedAt, language)),
            cards.Format("selection.publishConfirm", language, name, kept),
            error,
            done,
            [.. candidacies.Select(c => new SelectionLine(
                c.Candidacy.Id,
                $"{Labels.Academy(c.Candidacy.AcademyCode)} · {Labels.Theme(c.Theme, themes, language)}",
                c.Candidacy.Title,
                c.SummaryExcerpt(SummaryLength),
                Kept(c.Candidacy),
                Status(c.Candidacy, language),
                c.Candidacy.Id == errorFor ? lineError : ""))]);
        return cards.Render(Card, data, language);
    }

    private static bool Kept(Candidacy c) => c.State == CandidacyState.Selected || (c.State == CandidacyState.Transmitted && c.PreSelected);

    private string Status(Candidacy c, string language) => c.State switch
    {
        CandidacyState.Selected => cards.Text("selection.selected", language),
        CandidacyState.NotSelected => cards.Text("selection.notSelected", language),
        _ => c.PreSelected ? cards.Text("selection.kept", language) : "",
    };
}

/// <summary>Data of cards/candidacies/selection.json.</summary>
internal sealed record SelectionCardData(
    string Title,
    string Discipline,
    string Intro,
    string Count,
    bool Published,
    string PublishedText,
    string PublishConfirm,
    string Error,
    string Done,
    IReadOnlyList<SelectionLine> Lines);

internal sealed record SelectionLine(long CandidacyId, string Heading, string Title, string Summary, bool Kept, string Status, string Error);
