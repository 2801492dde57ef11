using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.People.Access;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Campaigns;

/// <summary>Where a campaign is in its yearly cycle on a given day (domain.md, "The yearly cycle").</summary>
public enum CampaignPhase
{
    /// <summary>Teams candidate and inspectors approve, until DAN/DRAN's submission deadline (end of March).</summary>
    Candidacy,

    /// <summary>The DNE and the IGÉSR select, until the results date (mid-June).</summary>
    Selection,

    /// <summary>Results are out; selected teams start in September.</summary>
    Preparation,

    /// <summary>Selected teams work: meetings, check-ins, productions, bilans; until the next campaign starts working.</summary>
    Work,

    /// <summary>A newer campaign is working: this one is history, read only.</summary>
    Closed,
}

/// <summary>
/// The one place that decides which campaign a feature works on (issue 10 §0). Two campaigns live together every
/// winter and spring: the one whose teams are working, and the next call in its candidacy or selection phase.
/// Features ask for the campaign of their phase; nothing else looks for "the" current campaign.
/// </summary>
public sealed class CampaignPhases(TraamDbContext db, TimeProvider clock)
{
    /// <summary>Today in metropolitan France: the programme's days (deadlines are then read where each person works).</summary>
    public DateOnly Today => LocalTime.Today(clock.GetUtcNow(), LocalTime.ZoneOf(null));

    /// <summary>
    /// The phase of <paramref name="campaign"/> on <paramref name="today"/>; <paramref name="newerWorkStart"/> is the
    /// work start of the next campaign, if there is one: a campaign works until the next one starts working.
    /// </summary>
    public static CampaignPhase PhaseOf(Campaign campaign, DateOnly today, DateOnly? newerWorkStart)
    {
        if (today <= campaign.SubmissionDeadline) return CampaignPhase.Candidacy;
        if (today <= campaign.ResultsDate) return CampaignPhase.Selection;
        if (today < campaign.WorkStart) return CampaignPhase.Preparation;
        return newerWorkStart is { } next && today >= next ? CampaignPhase.Closed : CampaignPhase.Work;
    }

    /// <summary>Every campaign with its phase today, oldest first.</summary>
    public async Task<IReadOnlyList<CampaignInPhase>> AllAsync(CancellationToken ct)
    {
        var campaigns = await db.Campaigns.AsNoTracking().OrderBy(c => c.WorkStart).ToListAsync(ct);
        return Phases(campaigns, Today);
    }

    public static IReadOnlyList<CampaignInPhase> Phases(IReadOnlyList<Campaign> campaignsByWorkStart, DateOnly today) =>
        [.. campaignsByWorkStart.Select((c, i) => new CampaignInPhase(c,
            PhaseOf(c, today, i + 1 < campaignsByWorkStart.Count ? campaignsByWorkStart[i + 1].WorkStart : null)))];

    /// <summary>The campaign whose teams work now (check-ins, meetings, reminders); before any has started, the oldest.</summary>
    public async Task<Campaign> ForWorkAsync(CancellationToken ct) => WorkOf(await AllAsync(ct));

    /// <summary>
    /// The campaign whose call is running (candidacies, approvals, transmission, selection): the newest one in its
    /// candidacy, selection or preparation phase; null when no next call is open.
    /// </summary>
    public async Task<Campaign?> ForCandidaciesAsync(CancellationToken ct) => CallOf(await AllAsync(ct));

    /// <summary>The campaigns whose roles still act (not closed) and the default one for actions that name none.</summary>
    public async Task<CampaignContext> ContextAsync(CancellationToken ct)
    {
        var all = await AllAsync(ct);
        return new CampaignContext(WorkOf(all).Id, all.Where(c => c.Phase != CampaignPhase.Closed).Select(c => c.Campaign.Id).ToHashSet());
    }

    public static Campaign WorkOf(IReadOnlyList<CampaignInPhase> all) =>
        all.LastOrDefault(c => c.Phase == CampaignPhase.Work)?.Campaign
        ?? all.FirstOrDefault(c => c.Phase != CampaignPhase.Closed)?.Campaign
        ?? all[^1].Campaign;

    public static Campaign? CallOf(IReadOnlyList<CampaignInPhase> all) =>
        all.LastOrDefault(c => c.Phase is CampaignPhase.Candidacy or CampaignPhase.Selection or CampaignPhase.Preparation)?.Campaign;

    /// <summary>The campaigns whose roles still act (not closed), oldest first: the working one and the next call.</summary>
    public async Task<IReadOnlyList<CampaignInPhase>> LiveAsync(CancellationToken ct) => [.. (await AllAsync(ct)).Where(c => c.Phase != CampaignPhase.Closed)];

    /// <summary>
    /// The campaign an action names by its code (an import's column or option, a card's field), or the working one when
    /// it names none; null for a code no campaign has.
    /// </summary>
    public async Task<CampaignInPhase?> NamedOrWorkAsync(string? code, CancellationToken ct)
    {
        var all = await AllAsync(ct);
        if (string.IsNullOrWhiteSpace(code))
        {
            var work = WorkOf(all);
            return all.Single(c => c.Campaign.Id == work.Id);
        }

        var normalized = CampaignCode.Normalize(code);
        return all.FirstOrDefault(c => c.Campaign.Code == normalized);
    }

    /// <summary>The campaign before <paramref name="campaign"/> (its history: year-1 teams of a year-2 theme).</summary>
    public Task<Campaign?> PreviousAsync(Campaign campaign, CancellationToken ct) =>
        db.Campaigns.AsNoTracking().Where(c => c.WorkStart < campaign.WorkStart).OrderByDescending(c => c.WorkStart).FirstOrDefaultAsync(ct);
}

public sealed record CampaignInPhase(Campaign Campaign, CampaignPhase Phase);
