using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;

namespace TraAM.Bot.Tests.People;

/// <summary>The embedded default (SQLite): its migrations match the model and seed the 2026-2027 campaign.</summary>
public sealed class EmbeddedDatabaseTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"traam-unit-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Migrations_SeedTheCampaignAndItsThemes_AndMatchTheModel()
    {
        await using var db = new SqliteTraamDbContext(new DbContextOptionsBuilder<SqliteTraamDbContext>().UseSqlite($"Data Source={_file};Pooling=false").Options);

        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: run tools/TraAM.Bot.Migrations");
        var campaign = await db.Campaigns.Include(c => c.Themes).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("2026-2027", new DateOnly(2026, 3, 31)), (campaign.Code, campaign.SubmissionDeadline));
        Assert.Equal(22, campaign.Themes.Count);
        Assert.Equal(2, campaign.Themes.Count(t => t.DisciplineCode == "nsi"));
    }

    public void Dispose() => File.Delete(_file);
}
