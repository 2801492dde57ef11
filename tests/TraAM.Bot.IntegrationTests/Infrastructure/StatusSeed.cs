using TraAM.Bot.CheckIns;
using TraAM.Bot.Conversations;
using TraAM.Bot.People;

namespace TraAM.Bot.IntegrationTests.Infrastructure;

/// <summary>Check-in rounds, answers, the production tracker and risks, as the check-in feature leaves them in the tables.</summary>
public static class StatusSeed
{
    /// <summary>The conversation id of the channel in the documented "message-channel-mention" payload.</summary>
    public const string PayloadChannel = "19:abc@thread.tacv2";

    public static async Task<CheckInRound> RoundAsync(this TraamApp app, int themeId, DateOnly opens, DateOnly closes, int campaignId = 1)
    {
        await using var db = app.CreateDbContext();
        var round = new CheckInRound
        {
            CampaignId = campaignId, ThemeId = themeId, Key = $"theme:{themeId}:{opens:yyyy-MM-dd}", Opens = opens, Closes = closes,
            CreatedByName = "Léa Petit", CreatedAt = app.Clock.GetUtcNow(),
        };
        db.CheckInRounds.Add(round);
        await db.SaveChangesAsync();
        return round;
    }

    /// <summary>A submitted check-in (version 1) of <paramref name="team"/> for <paramref name="round"/>.</summary>
    public static async Task<CheckIn> CheckInAsync(this TraamApp app, AcademicTeam team, CheckInRound round, OverallProgress overall, DateTimeOffset submittedAt,
        int confidence = 4, bool helpWanted = false, bool blocker = false)
    {
        await using var db = app.CreateDbContext();
        var checkIn = new CheckIn
        {
            RoundId = round.Id, TeamId = team.Id, AnswersJson = "{}", Version = 1, Overall = overall, Confidence = confidence,
            HelpWanted = helpWanted, HasBlocker = blocker, UpdatedAt = submittedAt, SubmittedAt = submittedAt,
        };
        db.CheckIns.Add(checkIn);
        await db.SaveChangesAsync();
        return checkIn;
    }

    public static async Task ProductionAsync(this TraamApp app, AcademicTeam team, ProductionKind kind, ProductionState state, string? url = null)
    {
        await using var db = app.CreateDbContext();
        db.TeamProductions.Add(new TeamProduction { TeamId = team.Id, Kind = kind, State = state, Url = url, ChangedAt = app.Clock.GetUtcNow() });
        await db.SaveChangesAsync();
    }

    public static async Task RiskAsync(this TraamApp app, AcademicTeam team, CheckInRound round, RiskReasons reasons, string? detail = null, bool closed = false)
    {
        await using var db = app.CreateDbContext();
        var now = app.Clock.GetUtcNow();
        db.TeamRisks.Add(new TeamRisk { TeamId = team.Id, RoundId = round.Id, Reasons = reasons, Detail = detail, RaisedAt = now, ClosedAt = closed ? now : null });
        await db.SaveChangesAsync();
    }

    /// <summary>Links the payload's channel (or <paramref name="conversationId"/>) to a group: the academic group of a team, or a theme's national group.</summary>
    public static async Task<WorkGroup> LinkAsync(this TraamApp app, int themeId, AcademicTeam? team = null, string conversationId = PayloadChannel)
    {
        await using var db = app.CreateDbContext();
        var now = app.Clock.GetUtcNow();
        var channel = new ConversationRecord
        {
            ConversationId = conversationId, ServiceUrl = "https://smba.trafficmanager.net/emea/", ChannelId = "msteams", ConversationType = "channel",
            BotId = "28:bot", TeamId = "19:team@thread.tacv2", IsActive = true, InstalledAt = now, UpdatedAt = now,
        };
        db.Conversations.Add(channel);
        await db.SaveChangesAsync();
        var group = new WorkGroup
        {
            Kind = team is null ? GroupKind.National : GroupKind.Academic, CampaignId = 1, ThemeId = themeId, TeamId = team?.Id, ConversationRecordId = channel.Id,
        };
        db.WorkGroups.Add(group);
        await db.SaveChangesAsync();
        return group;
    }
}
