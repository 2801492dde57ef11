using TraAM.Bot.Campaigns;

namespace TraAM.Bot.IntegrationTests.Infrastructure;

/// <summary>The 2027-2028 call, opened while 2026-2027 works (today's clock is in its candidacy phase).</summary>
public static class CandidacySeed
{
    public const int NextCampaign = 2;

    /// <summary>Theme ids of the next call: the seeded call's ids plus this (SVT year 1: 119).</summary>
    public const int NextThemeOffset = 100;

    public const int NextSvt = 19 + NextThemeOffset;

    /// <summary>A second-year SVT theme continuing 2026-2027's year-1 SVT theme (same title).</summary>
    public const int NextSvtYearTwo = 20 + NextThemeOffset;

    public static async Task<Campaign> NextCallAsync(this TraamApp app, DateOnly? submissionDeadline = null)
    {
        await using var db = app.CreateDbContext();
        var campaign = new Campaign
        {
            Id = NextCampaign, Code = "2027-2028", SubmissionDeadline = submissionDeadline ?? new DateOnly(2027, 3, 31), ResultsDate = new DateOnly(2027, 6, 15),
            WorkStart = new DateOnly(2027, 9, 1), KickoffDeadline = new DateOnly(2027, 10, 31), CheckpointsMin = 2, CheckpointsMax = 3,
            CompletionDeadline = new DateOnly(2028, 4, 30), BilanDeadline = new DateOnly(2028, 6, 30), UpdatedAt = app.Clock.GetUtcNow(),
        };
        db.Campaigns.Add(campaign);
        var yearOneSvt = Call2026.Themes.Single(t => t.Id == 19);
        foreach (var t in Call2026.Themes)
        {
            t.Id += NextThemeOffset;
            t.CampaignId = NextCampaign;
            if (t.Id == NextSvtYearTwo) t.Title = yearOneSvt.Title;
            db.Themes.Add(t);
        }

        await db.SaveChangesAsync();
        return campaign;
    }
}
