using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.CheckIns;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.People;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.CheckIns;

/// <summary>History-geography teams of 2026-2027 in Lyon and Martinique, their TN3 expert and Lyon's inspector; rounds as the card leaves them.</summary>
internal static class CheckInSeed
{
    public const string LeaAad = "3c9e6b1a-0200-4d2f-8a7e-5b6c7d8e9f00";
    public const string HugoAad = "3c9e6b1a-0201-4d2f-8a7e-5b6c7d8e9f01";
    public const string MarcAad = "3c9e6b1a-0202-4d2f-8a7e-5b6c7d8e9f02";
    public const string TeacherAad = "3c9e6b1a-0203-4d2f-8a7e-5b6c7d8e9f03";
    public const string DanAad = "3c9e6b1a-0204-4d2f-8a7e-5b6c7d8e9f04";

    public sealed record Cast(AcademicTeam Lyon, AcademicTeam Martinique, Person Camille, Person Marc, Person Teacher, Person Lea, Person Hugo);

    public static async Task<Cast> CastAsync(this TraamApp app)
    {
        var lyon = await app.TeamAsync("Équipe HG Lyon", "lyon", HistoireGeo);
        var martinique = await app.TeamAsync("Équipe HG Martinique", "martinique", HistoireGeo);
        var camille = await app.PersonAsync("Camille", "Martin", CamilleAad, Referent(lyon));
        var marc = await app.PersonAsync("Marc", "Ravin", MarcAad, Referent(martinique));
        var teacher = await app.PersonAsync("Paul", "Durand", TeacherAad, Teacher(lyon));
        var lea = await app.PersonAsync("Léa", "Petit", LeaAad, Expert("histoire-geographie"));
        var hugo = await app.PersonAsync("Hugo", "Lambert", HugoAad, Inspector("lyon", "histoire-geographie"));
        foreach (var p in new[] { camille, marc, teacher, lea, hugo }) await app.ChatAsync(p);
        return new Cast(lyon, martinique, camille, marc, teacher, lea, hugo);
    }

    public static async Task<CheckInRound> RoundAsync(this TraamApp app, DateOnly opens, DateOnly closes, bool teachers = false)
    {
        await using var db = app.CreateDbContext();
        var round = new CheckInRound
        {
            CampaignId = 1, ThemeId = HistoireGeo, Key = RoundSchedule.Key(HistoireGeo, opens), Opens = opens, Closes = closes, TeachersMayAnswer = teachers,
            CreatedByName = "Léa Petit", CreatedAt = app.Clock.GetUtcNow(),
        };
        db.CheckInRounds.Add(round);
        await db.SaveChangesAsync();
        return round;
    }

    public static async Task<int> SendRoundsAsync(this TraamApp app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SendCheckInRoundsJob>().RunAsync(TestContext.Current.CancellationToken);
    }

    public static Action<JsonNode> As(string aad) => a => a["from"]!["aadObjectId"] = aad;

    public static string Subject(CheckInRound round, AcademicTeam team) => string.Create(CultureInfo.InvariantCulture, $"{round.Id}:{team.Id}");

    /// <summary>A check-in's answers as the card sends them, with the subject and revision its buttons carry.</summary>
    public static JsonObject Answers(string subject, int version, string overall = "onTrack", params (string Id, string Value)[] more)
    {
        var o = new JsonObject { ["subject"] = subject, ["version"] = version.ToString(CultureInfo.InvariantCulture), ["overall"] = overall };
        foreach (var (id, value) in more) o[id] = value;
        return o;
    }

    public static Task<JsonNode> SubmitAsync(this TraamApp app, JsonObject answers, string aad = CamilleAad) =>
        app.InvokeAsync(Activities.Invoke("checkin.submit", answers, change: As(aad)));

    public static async Task<CheckIn?> CheckInAsync(this TraamApp app, CheckInRound round, AcademicTeam team)
    {
        await using var db = app.CreateDbContext();
        return await db.CheckIns.AsNoTracking().SingleOrDefaultAsync(c => c.RoundId == round.Id && c.TeamId == team.Id);
    }
}
