using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TraAM.Bot.Cards;
using TraAM.Bot.Conversations;
using TraAM.Bot.Data;
using TraAM.Bot.Protocol.Connector;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;
using TraAM.Bot.Tests.Cards;
using TraAM.Bot.Tests.Payloads;

namespace TraAM.Bot.Tests.Conversations;

/// <summary>
/// Teams sends installationUpdate and conversationUpdate together: the other event's row appears between our
/// look-up and our insert. That is the expected case, so it must leave no error in the logs (operators read
/// <c>fail:</c> as "something is broken").
/// </summary>
public sealed class InstallRaceTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"traam-install-{Guid.NewGuid():N}.db");
    private readonly RecordingLogger _log = new();

    [Fact]
    public async Task TheOtherInstallEventInsertingFirst_IsNoError_AndOneRowIsKept()
    {
        var activity = Payload.Activity("installation-update-personal-add");
        await using var db = Context(new OtherEventInsertsFirst(activity.Conversation!.Id!));
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        var connector = new Mock<IConnector>();
        connector.Setup(c => c.SendAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ResourceResponse { Id = "1" });
        var handler = new CaptureInstallation(db, new CardTemplates(CardTemplatesTests.RepoCards), new FakeTimeProvider(DateTimeOffset.UtcNow),
            new LoggerFactory([_log]).CreateLogger<CaptureInstallation>());

        await handler.HandleAsync(new TurnContext(activity, connector.Object, CommandText.Empty), TestContext.Current.CancellationToken);

        Assert.Empty(_log.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.Text));
        var record = await db.Conversations.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        Assert.True(record.IsActive);
        Assert.Equal(activity.From!.AadObjectId, record.UserAadObjectId);
    }

    private SqliteTraamDbContext Context(IInterceptor race) => new(new DbContextOptionsBuilder<SqliteTraamDbContext>()
        .UseSqlite($"Data Source={_file};Pooling=false").AddInterceptors(race).UseLoggerFactory(new LoggerFactory([_log])).Options);

    public void Dispose() => File.Delete(_file);

    /// <summary>Inserts the same conversation (as the concurrent event would) just before our first write to it.</summary>
    private sealed class OtherEventInsertsFirst(string conversationId) : DbCommandInterceptor
    {
        private bool _done;

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await RaceAsync(command, cancellationToken);
            return result;
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.TrimStart().StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)) await RaceAsync(command, cancellationToken);
            return result;
        }

        private async Task RaceAsync(DbCommand command, CancellationToken ct)
        {
            if (_done || !command.CommandText.Contains("INSERT INTO \"Conversations\"", StringComparison.Ordinal)) return;
            _done = true;
            await using var other = command.Connection!.CreateCommand();
            other.Transaction = command.Transaction;
            other.CommandText = """
                INSERT OR IGNORE INTO "Conversations" ("ConversationId","ServiceUrl","ChannelId","ConversationType","BotId","IsActive","InstalledAt","UpdatedAt")
                VALUES ($id,'https://smba.trafficmanager.net/emea/','msteams','personal','28:bot',1,0,0)
                """;
            var id = other.CreateParameter();
            id.ParameterName = "$id";
            id.Value = conversationId;
            other.Parameters.Add(id);
            await other.ExecuteNonQueryAsync(ct);
        }
    }

    private sealed class RecordingLogger : ILoggerProvider, ILogger
    {
        public List<(LogLevel Level, string Text)> Entries { get; } = [];
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries) Entries.Add((logLevel, formatter(state, exception)));
        }

        public void Dispose()
        {
        }
    }
}
