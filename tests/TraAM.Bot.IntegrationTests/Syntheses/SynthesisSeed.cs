using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.CheckIns;
using TraAM.Bot.IntegrationTests.CheckIns;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.Meetings;
using TraAM.Bot.People;
using TraAM.Bot.Syntheses;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Syntheses;

/// <summary>The history-geography theme at the end of a year: two teams, two rounds answered, productions, a meeting held, a national channel.</summary>
internal static class SynthesisSeed
{
    public const string ScenariosUrl = "https://www.ac-lyon.fr/traam/hg/scenarios";

    public static async Task<CheckInSeed.Cast> YearAsync(this TraamApp app)
    {
        var cast = await app.CastAsync();
        var now = app.Clock.GetUtcNow();
        var first = await app.RoundAsync(DateOnly.FromDateTime(now.AddDays(-60).Date), DateOnly.FromDateTime(now.AddDays(-50).Date));
        var second = await app.RoundAsync(DateOnly.FromDateTime(now.AddDays(-20).Date), DateOnly.FromDateTime(now.AddDays(-10).Date));
        await using var db = app.CreateDbContext();
        CheckIn Answer(CheckInRound round, AcademicTeam team, OverallProgress overall, int daysAgo) => new()
        {
            RoundId = round.Id, TeamId = team.Id, AnswersJson = "{}", Version = 1, Overall = overall, ByPersonId = cast.Camille.Id,
            UpdatedAt = now.AddDays(-daysAgo), SubmittedAt = now.AddDays(-daysAgo),
        };
        var lyonSecond = Answer(second, cast.Lyon, OverallProgress.OnTrack, 15);
        db.CheckIns.AddRange(Answer(first, cast.Lyon, OverallProgress.InProgress, 55), Answer(first, cast.Martinique, OverallProgress.Late, 54), lyonSecond);
        await db.SaveChangesAsync();
        db.TeamProductions.Add(new TeamProduction { TeamId = cast.Lyon.Id, Kind = ProductionKind.Scenarios, State = ProductionState.Published, Url = ScenariosUrl, ChangedAt = now.AddDays(-15), CheckInId = lyonSecond.Id });
        db.Meetings.Add(new Meeting
        {
            Id = Guid.NewGuid(), CampaignId = 1, ThemeId = HistoireGeo, Kind = MeetingKind.KickoffRemote, State = MeetingState.Scheduled, StartUtc = now.AddDays(-70),
            TimeZoneId = "Europe/Paris", Duration = TimeSpan.FromHours(2), Subject = "Lancement national HG", Agenda = "", CreatedAt = now.AddDays(-90), UpdatedAt = now.AddDays(-90),
        });
        await db.SaveChangesAsync();
        return cast;
    }

    public static async Task<SynthesisDocument> LatestAsync(this TraamApp app, string scopeKey = "theme:9")
    {
        await using var db = app.CreateDbContext();
        return await db.SynthesisDocuments.AsNoTracking().Where(d => d.ScopeKey == scopeKey).OrderByDescending(d => d.Version).FirstAsync();
    }

    /// <summary>The document's paragraphs' and cells' texts, after checking it with the OpenXML validator.</summary>
    public static IReadOnlyList<string> ValidTexts(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        Assert.Empty(new OpenXmlValidator().Validate(doc, TestContext.Current.CancellationToken));
        return [.. doc.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => string.Concat(p.Descendants<Text>().Select(t => t.Text)))];
    }

    public static JsonNode Consent(long deliveryId, string action = "accept") =>
        Activities.From("invoke-adaptive-card-action", a =>
        {
            a["name"] = "fileConsent/invoke";
            a["locale"] = "fr-FR";
            a["value"] = new JsonObject
            {
                ["type"] = "fileUpload",
                ["action"] = action,
                ["context"] = new JsonObject { [SynthesisOffer.ContextKey] = deliveryId },
                ["uploadInfo"] = new JsonObject
                {
                    ["contentUrl"] = "https://contoso-my.sharepoint.com/personal/lea/Documents/Applications/TraAM/synthese.docx",
                    ["name"] = "synthese.docx",
                    ["uploadUrl"] = "https://upload.test.invalid/session/1",
                    ["uniqueId"] = "1150D938-8870-4044-9F2C-5BBDEBA70C8D",
                    ["fileType"] = "docx",
                },
            };
        });
}
