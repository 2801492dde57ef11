using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Candidacies;
using TraAM.Bot.Forms;
using TraAM.Bot.People;

namespace TraAM.Bot.IntegrationTests.Infrastructure;

/// <summary>
/// The call in its candidacy or selection phase: the 2027-2028 call opened while 2026-2027 works (today's clock is in
/// its candidacy phase), or the seeded campaign moved there; candidacies as the form and the decisions leave them.
/// </summary>
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

    /// <summary>Puts the seeded campaign in its candidacy phase (deadline ahead) or, with a past deadline, its selection phase.</summary>
    public static async Task SetCallAsync(this TraamApp app, int submissionInDays, int resultsInDays = 60)
    {
        var today = app.ParisToday();
        await using var db = app.CreateDbContext();
        await db.Campaigns.Where(c => c.Id == 1).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.SubmissionDeadline, today.AddDays(submissionInDays))
            .SetProperty(c => c.ResultsDate, today.AddDays(resultsInDays))
            .SetProperty(c => c.WorkStart, today.AddDays(resultsInDays + 60))
            .SetProperty(c => c.KickoffDeadline, today.AddDays(resultsInDays + 100))
            .SetProperty(c => c.CompletionDeadline, today.AddDays(resultsInDays + 300))
            .SetProperty(c => c.BilanDeadline, today.AddDays(resultsInDays + 350)));
    }

    /// <summary>A submitted candidacy (version 1) in <paramref name="state"/>; approved by Hugo Lambert when it got that far.</summary>
    public static async Task<Candidacy> CandidacyAsync(this TraamApp app, AcademicTeam team, CandidacyState state, string title, bool preSelected = false)
    {
        var answers = new JsonObject { ["title"] = title, ["summary"] = $"Les élèves de l'équipe {team.Name} mènent le projet « {title} ».", ["year"] = "1" }.ToJsonString();
        var now = app.Clock.GetUtcNow();
        await using var db = app.CreateDbContext();
        var candidacy = new Candidacy
        {
            CampaignId = team.CampaignId, TeamId = team.Id, ThemeId = team.ThemeId, AcademyCode = team.AcademyCode, AnswersJson = answers, Title = title,
            State = state, Version = 1, PreSelected = preSelected, CreatedAt = now, UpdatedAt = now, SubmittedAt = now,
            TransmittedAt = state == CandidacyState.Transmitted ? now : null, TransmittedByName = state == CandidacyState.Transmitted ? "Dana Nguyen" : null,
        };
        db.Candidacies.Add(candidacy);
        await db.SaveChangesAsync();
        db.FormVersions.Add(new FormVersion { Kind = Candidacy.FormKind, SubjectId = candidacy.Id, Number = 1, AnswersJson = answers, ByName = "Inès Moreau", At = now });
        if (state is CandidacyState.Approved or CandidacyState.Transmitted)
        {
            db.CandidacyDecisions.Add(new CandidacyDecision
            {
                CandidacyId = candidacy.Id, Version = 1, Kind = CandidacyDecisionKind.Approved, ByName = "Hugo Lambert", At = now.AddDays(-2),
            });
        }

        await db.SaveChangesAsync();
        return candidacy;
    }

    public static async Task<Candidacy> ReloadAsync(this TraamApp app, Candidacy candidacy)
    {
        await using var db = app.CreateDbContext();
        return await db.Candidacies.AsNoTracking().SingleAsync(c => c.Id == candidacy.Id);
    }

    public static RoleAssignment Dan(string academy) => new() { Role = Role.Dan, AcademyCode = academy };

    public static RoleAssignment Dran(string region) => new() { Role = Role.Dran, RegionCode = region };

    public static RoleAssignment Igesr(string discipline) => new() { Role = Role.Igesr, DisciplineCode = discipline };

    /// <summary>An activity as <paramref name="person"/> sends it from their personal chat with the bot.</summary>
    public static JsonNode As(this JsonNode activity, Person person)
    {
        activity["from"]!["aadObjectId"] = person.EntraObjectId;
        activity["from"]!["id"] = "29:" + person.EntraObjectId;
        return activity;
    }
}