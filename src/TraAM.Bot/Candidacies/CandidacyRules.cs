using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Forms;
using TraAM.Bot.People;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Candidacies;

/// <summary>
/// The call's rules a candidacy must meet to be submitted, beyond each field's own (issue 10 §1), each with its French
/// and English sentence: the team's composition, the submission deadline, the year-2 prerequisite.
/// </summary>
public sealed class CandidacyRules(TraamDbContext db, CampaignPhases phases, CardTemplates cards, TimeProvider clock)
{
    public const int MinimumMembers = 3;

    /// <summary>Submissions close at the end of the deadline's day in the team's académie (Nouméa closes before Paris).</summary>
    public bool IsClosed(CandidacyFile file) =>
        clock.GetUtcNow() >= LocalTime.EndOf(file.Campaign.SubmissionDeadline, LocalTime.ZoneOf(file.Team.AcademyCode));

    public string ClosedMessage(CandidacyFile file, string language) =>
        string.Format(CultureInfo.InvariantCulture, cards.Text("candidacy.closed", language), file.Campaign.Code, DateText.Day(file.Campaign.SubmissionDeadline, language));

    /// <summary>A referent and at least three teachers (the referent counts) listed in the directory for the team.</summary>
    public string? Composition(CandidacyFile file, string language) =>
        file.Referents.Count > 0 && file.Members >= MinimumMembers
            ? null
            : string.Format(CultureInfo.InvariantCulture, cards.Text("candidacy.rules.composition", language), file.Members);

    /// <summary>
    /// A second-year project (the theme requires year 1, or the team says year 2) is open only to an académie whose team
    /// was selected, in the previous call, for the year-1 theme of the same title and discipline.
    /// </summary>
    public async Task<string?> YearTwoAsync(CandidacyFile file, FormAnswers answers, string language, CancellationToken ct)
    {
        if (!file.Theme.RequiresYearOne && answers["year"] != "2") return null;
        var previous = await phases.PreviousAsync(file.Campaign, ct);
        var titleKey = TextKey.Of(file.Theme.Title);
        var yearOne = previous is null ? null : (await db.Themes.AsNoTracking()
                .Where(t => t.CampaignId == previous.Id && t.DisciplineCode == file.Theme.DisciplineCode && t.Year == 1).ToListAsync(ct))
            .FirstOrDefault(t => TextKey.Of(t.Title) == titleKey);
        if (previous is null || yearOne is null) return cards.Text("candidacy.rules.yearTwoNoHistory", language);

        // The previous call's teams that worked (its selection, or all of them when it predates the bot): the one rule.
        var tookPart = await SelectedTeams.Of(db, previous.Id).AnyAsync(t => t.ThemeId == yearOne.Id && t.AcademyCode == file.Team.AcademyCode, ct);
        return tookPart ? null : string.Format(CultureInfo.InvariantCulture, cards.Text("candidacy.rules.yearTwo", language), yearOne.Title, previous.Code);
    }
}
