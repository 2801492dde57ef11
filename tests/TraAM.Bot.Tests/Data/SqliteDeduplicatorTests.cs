using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using TraAM.Bot.Data;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Tests.Data;

/// <summary>
/// The duplicate check on the embedded default (the PostgreSQL path runs in the integration tests): one insert
/// decides, concurrent arrivals of one activity get exactly one "first", an invoke's answer is replayed.
/// </summary>
public sealed class SqliteDeduplicatorTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"traam-dedup-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
    private Factory _factory = null!;

    public async ValueTask InitializeAsync()
    {
        _factory = new Factory($"Data Source={_file};Pooling=false");
        await using var db = _factory.CreateDbContext();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
    }

    private static Activity Message(string id) => new() { Type = "message", Id = id, ChannelId = "msteams", Conversation = new ConversationAccount { Id = "a:1" } };

    [Fact]
    public async Task ConcurrentArrivals_OfOneActivity_GetExactlyOneFirst_AndTheRowKeepsItsDate()
    {
        using var dedup = new DatabaseActivityDeduplicator(_factory, _clock);

        var tickets = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => dedup.BeginAsync(Message("m1"), TestContext.Current.CancellationToken)));

        Assert.Single(tickets, t => t.IsFirst);
        await using var db = _factory.CreateDbContext();
        var row = await db.ProcessedActivities.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("msteams|a:1|m1", _clock.GetUtcNow()), (row.Key, row.ReceivedAt));
        Assert.True((await dedup.BeginAsync(Message("m2"), TestContext.Current.CancellationToken)).IsFirst);
    }

    [Fact]
    public async Task AnInvokesAnswer_IsReplayedToItsRetry_AndAbandonLetsTheRetryIn()
    {
        using var dedup = new DatabaseActivityDeduplicator(_factory, _clock);
        var first = await dedup.BeginAsync(Message("i1"), TestContext.Current.CancellationToken);
        var answer = InvokeResponse.Message("fait");

        await dedup.CompleteAsync(first, answer, TestContext.Current.CancellationToken);
        var retry = await dedup.BeginAsync(Message("i1"), TestContext.Current.CancellationToken);

        Assert.False(retry.IsFirst);
        Assert.Equal(answer.Status, retry.PreviousResponse!.Status);
        Assert.Equal(JsonSerializer.Serialize(answer.Body), JsonSerializer.Serialize(retry.PreviousResponse.Body));

        var failed = await dedup.BeginAsync(Message("f1"), TestContext.Current.CancellationToken);
        await dedup.AbandonAsync(failed, TestContext.Current.CancellationToken);
        Assert.True((await dedup.BeginAsync(Message("f1"), TestContext.Current.CancellationToken)).IsFirst);
    }

    [Fact]
    public async Task AFailedInsert_DoesNotStick_TheNextTurnIsCheckedAgain()
    {
        using var dedup = new DatabaseActivityDeduplicator(_factory, _clock);
        Assert.True((await dedup.BeginAsync(Message("a1"), TestContext.Current.CancellationToken)).IsFirst);

        // Another connection takes the table away: the prepared statement cannot run.
        await Sql("ALTER TABLE \"ProcessedActivities\" RENAME TO \"Elsewhere\"");
        await Assert.ThrowsAnyAsync<Exception>(() => dedup.BeginAsync(Message("a2"), TestContext.Current.CancellationToken));
        await Sql("ALTER TABLE \"Elsewhere\" RENAME TO \"ProcessedActivities\"");

        Assert.True((await dedup.BeginAsync(Message("a2"), TestContext.Current.CancellationToken)).IsFirst);
        Assert.False((await dedup.BeginAsync(Message("a1"), TestContext.Current.CancellationToken)).IsFirst);
    }

    [Fact]
    public async Task ThePragmas_HoldOnEveryLeaseOfAPooledConnection_ThoughSetOnlyOnce()
    {
        var pooled = new Factory($"Data Source={_file};Pooling=true");
        for (var lease = 0; lease < 3; lease++)
        {
            await using var db = pooled.CreateDbContext();
            await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
            var connection = db.Database.GetDbConnection();
            Assert.Equal((1L, 10000L), (await Scalar(connection, "PRAGMA synchronous"), await Scalar(connection, "PRAGMA busy_timeout")));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static async Task<long> Scalar(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private async Task Sql(string sql)
    {
        await using var db = _factory.CreateDbContext();
#pragma warning disable EF1002 // constant test SQL
        await db.Database.ExecuteSqlRawAsync(sql, TestContext.Current.CancellationToken);
#pragma warning restore EF1002
    }

    public ValueTask DisposeAsync()
    {
        File.Delete(_file);
        return ValueTask.CompletedTask;
    }

    private sealed class Factory(string connectionString) : IDbContextFactory<TraamDbContext>
    {
        public TraamDbContext CreateDbContext() => new SqliteTraamDbContext(
            new DbContextOptionsBuilder<SqliteTraamDbContext>().UseSqlite(connectionString).AddInterceptors(new SqlitePragmas()).Options);
    }
}
