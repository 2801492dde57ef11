using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Bilans;
using TraAM.Bot.Conversations;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.People;
using static TraAM.Bot.IntegrationTests.CheckIns.CheckInSeed;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Bilans;

/// <summary>The check-ins' cast (history-geography in Lyon and Martinique), the national group's channel, and the bilan's clicks.</summary>
internal static class BilanSeed
{
    public const string NationalChannel = "19:national-hg@thread.tacv2";

    /// <summary>The national group of history-geography, linked to its channel.</summary>
    public static async Task<WorkGroup> NationalGroupAsync(this TraamApp app)
    {
        await using var db = app.CreateDbContext();
        var channel = new ConversationRecord
        {
            ConversationId = NationalChannel, ServiceUrl = DeliverySeed.ServiceUrl, ChannelId = "msteams", ConversationType = "channel",
            TenantId = DeliverySeed.Tenant, BotId = "28:bot", TeamId = "19:team@thread.tacv2", IsActive = true, InstalledAt = app.Clock.GetUtcNow(), UpdatedAt = app.Clock.GetUtcNow(),
        };
        db.Conversations.Add(channel);
        await db.SaveChangesAsync();
        var group = new WorkGroup { Kind = GroupKind.National, CampaignId = 1, ThemeId = HistoireGeo, ConversationRecordId = channel.Id };
        db.WorkGroups.Add(group);
        await db.SaveChangesAsync();
        return group;
    }

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"Lancer la collecte" as the TN3 expert Léa (or <paramref name="aad"/>) clicks it.</summary>
    public static Task<JsonNode> LaunchAsync(this TraamApp app, DateOnly closes, string message = "", string theme = "9", string aad = LeaAad) =>
        app.InvokeAsync(Activities.Invoke("bilan.launch", new JsonObject { ["theme"] = theme, ["closes"] = Iso(closes), ["message"] = message }, change: As(aad)));

    public static async Task<BilanCollection> CollectionAsync(this TraamApp app)
    {
        await using var db = app.CreateDbContext();
        return await db.BilanCollections.AsNoTracking().SingleAsync();
    }

    public static string Subject(BilanCollection c, AcademicTeam team) => string.Create(CultureInfo.InvariantCulture, $"{c.Id}:{team.Id}");

    /// <summary>A bilan's answers as the card sends them, with the subject and revision its buttons carry.</summary>
    public static JsonObject BilanAnswers(string subject, int version, string recap = "Un an de scénarios en classe de seconde.", params (string Id, string Value)[] more)
    {
        var o = new JsonObject { ["subject"] = subject, ["version"] = version.ToString(CultureInfo.InvariantCulture), ["recap"] = recap };
        foreach (var (id, value) in more) o[id] = value;
        return o;
    }

    public static Task<JsonNode> SendBilanAsync(this TraamApp app, JsonObject answers, string aad = CamilleAad, bool draft = false) =>
        app.InvokeAsync(Activities.Invoke(draft ? "bilan.save" : "bilan.submit", answers, change: As(aad)));

    public static Task<JsonNode> OpenBilanAsync(this TraamApp app, BilanCollection c, string aad = CamilleAad) =>
        app.InvokeAsync(Activities.Invoke("bilan.open", new JsonObject { ["collection"] = c.Id.ToString(CultureInfo.InvariantCulture) }, change: As(aad)));

    public static async Task<Bilan?> BilanAsync(this TraamApp app, AcademicTeam team)
    {
        await using var db = app.CreateDbContext();
        return await db.Bilans.AsNoTracking().SingleOrDefaultAsync(b => b.TeamId == team.Id);
    }
}
