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
    public static async Task<WorkGroup> LinkAsync(this TraamApp app, int themeId, AcademicTeam? team = null, string conversationId = PayloadChannel, int campaignId = 1)
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
            Kind = team is null ? GroupKind.National : GroupKind.Academic, CampaignId = campaignId, ThemeId = themeId, TeamId = team?.Id, ConversationRecordId = channel.Id,
        };
        db.WorkGroups.Add(group);
        await db.SaveChangesAsync();
        return group;
    }
}

/// <summary>A large theme in one go: teams, rounds, answers, productions and risks, written in a few statements.</summary>
public static class StatusBulkSeed
{
    /// <summary>
    /// <paramref name="teams"/> teams of <paramref name="themeId"/> spread over the 30 académies, long names, each with
    /// <paramref name="rounds"/> submitted check-ins, some productions published, one team in seven with an open risk.
    /// </summary>
    public static async Task<IReadOnlyList<AcademicTeam>> ThemeAsync(this TraamApp app, int themeId, int teams, int rounds)
    {
        var academies = TraAM.Bot.Reference.Academies.All.Where(a => !a.IsViceRectorate).ToList();
        var now = app.Clock.GetUtcNow();
        var today = app.ParisToday();
        await using var db = app.CreateDbContext();
        var created = Enumerable.Range(1, teams).Select(i =>
        {
            var academy = academies[(i - 1) % academies.Count];
            var name = $"Équipe histoire-géographie n° {i:000} de l'académie de {academy.Name}";
            return new AcademicTeam { CampaignId = 1, ThemeId = themeId, AcademyCode = academy.Code, Name = name, NameKey = TraAM.Bot.Reference.TextKey.Of(name), CreatedAt = now };
        }).ToList();
        db.AcademicTeams.AddRange(created);
        var roundRows = Enumerable.Range(0, rounds).Select(r => new CheckInRound
        {
            CampaignId = 1, ThemeId = themeId, Key = $"theme:{themeId}:{today.AddDays(-30 * (rounds - r)):yyyy-MM-dd}",
            Opens = today.AddDays(-30 * (rounds - r)), Closes = today.AddDays(-30 * (rounds - r) + 7), CreatedByName = "Léa Petit", CreatedAt = now,
        }).ToList();
        db.CheckInRounds.AddRange(roundRows);
        await db.SaveChangesAsync();

        foreach (var (team, i) in created.Select((t, i) => (t, i)))
        {
            foreach (var (round, r) in roundRows.Select((x, r) => (x, r)))
            {
                var at = now.AddDays(-30 * (rounds - r) + 1).AddMinutes(i);
                db.CheckIns.Add(new CheckIn
                {
                    RoundId = round.Id, TeamId = team.Id, AnswersJson = "{}", Version = 1, Overall = (OverallProgress)((i + r) % 4), Confidence = 1 + (i + r) % 5,
                    HelpWanted = i % 7 == 0, HasBlocker = i % 11 == 0, UpdatedAt = at, SubmittedAt = at,
                });
            }

            foreach (var kind in Enum.GetValues<ProductionKind>().Take(1 + i % 4))
                db.TeamProductions.Add(new TeamProduction { TeamId = team.Id, Kind = kind, State = (ProductionState)(i % 5), ChangedAt = now, Url = $"https://site.ac-test.fr/{team.Id}/{kind}" });
            if (i % 7 == 0)
                db.TeamRisks.Add(new TeamRisk { TeamId = team.Id, RoundId = roundRows[^1].Id, Reasons = RiskReasons.HelpWanted, Detail = "Besoin d'aide", RaisedAt = now });
        }

        await db.SaveChangesAsync();
        return created;
    }
}
