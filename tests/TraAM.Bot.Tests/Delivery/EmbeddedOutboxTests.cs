using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TraAM.Bot.Cards;
using TraAM.Bot.Conversations;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.People;
using TraAM.Bot.Protocol.Connector;
using TraAM.Bot.Protocol.Schema;
using TraAM.Bot.Tests.Cards;

namespace TraAM.Bot.Tests.Delivery;

/// <summary>
/// The outbox on the embedded default (SQLite), where its raw SQL (claim, upserts, dates stored as ticks) must work
/// as on PostgreSQL: the Connector is the only thing replaced.
/// </summary>
public sealed class EmbeddedOutboxTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"traam-outbox-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly Mock<IConnector> _connector = new();
    private Contexts _contexts = null!;

    public async ValueTask InitializeAsync()
    {
        _contexts = new Contexts(new DbContextOptionsBuilder<SqliteTraamDbContext>().UseSqlite($"Data Source={_file};Pooling=false").Options);
        await using var db = _contexts.CreateDbContext();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        _connector.Setup(c => c.SendAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ResourceResponse { Id = "1:activity" });
    }

    [Fact]
    public async Task Due_notifications_are_sent_once_and_later_ones_wait()
    {
        var ct = TestContext.Current.CancellationToken;
        long person;
        await using (var db = _contexts.CreateDbContext())
        {
            var p = new Person { Email = "ines@ac-lyon.fr", FirstName = "Inès", LastName = "Moreau", EntraObjectId = "aad-ines", PreferredLanguage = "en" };
            db.People.Add(p);
            db.Conversations.Add(new ConversationRecord
            {
                ConversationId = "a:ines", ServiceUrl = "https://smba.trafficmanager.net/emea/", ChannelId = "msteams", ConversationType = "personal",
                TenantId = "tenant", BotId = "28:bot", UserAadObjectId = "aad-ines", IsActive = true,
            });
            await db.SaveChangesAsync(ct);
            person = p.Id;
            var outbox = new Outbox(_clock, new NoDrainTrigger());
            NotificationRequest Note(string occurrence, TimeSpan due) => new("test", "subject", Recipient.Person(person), occurrence,
                "delivery/app-missing", new { person = "Emma" }, _clock.GetUtcNow() + due);
            Assert.Equal(2, await outbox.EnqueueAsync(db, [Note("now", TimeSpan.Zero), Note("later", TimeSpan.FromHours(1))], ct));
            Assert.Equal(0, await outbox.EnqueueAsync(db, [Note("now", TimeSpan.Zero)], ct));
        }

        var first = await Dispatcher().DrainAsync(waitForLater: false, ct);
        var again = await Dispatcher().DrainAsync(waitForLater: false, ct);
        _clock.Advance(TimeSpan.FromHours(1));
        var later = await Dispatcher().DrainAsync(waitForLater: false, ct);

        Assert.Equal((1, 0, 1), (first.Sent, again.Claimed, later.Sent));
        _connector.Verify(c => c.SendAsync("https://smba.trafficmanager.net/emea/", "a:ines",
            It.Is<Activity>(a => a.Summary == "New message from TraAM.Bot"), It.IsAny<CancellationToken>()), Times.Exactly(2));
        await using var check = _contexts.CreateDbContext();
        Assert.All(await check.Notifications.ToListAsync(ct), n => Assert.Equal((NotificationState.Sent, "1:activity"), (n.State, n.ActivityId)));
    }

    [Fact]
    public async Task A_drain_that_waits_for_later_work_stops_at_its_budget_when_the_next_is_further()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = _contexts.CreateDbContext())
        {
            var p = new Person { Email = "emma@ac-lille.fr", FirstName = "Emma", LastName = "Leroy" };
            db.People.Add(p);
            await db.SaveChangesAsync(ct);
            await new Outbox(_clock, new NoDrainTrigger()).EnqueueAsync(db, [new NotificationRequest("test", "subject", Recipient.Person(p.Id), "1",
                "delivery/app-missing", new { person = "Emma" }, _clock.GetUtcNow().AddHours(1))], ct);
        }

        // The job's own mode (waitForLater): it looks for the next due time, in SQL on SQLite too, and ends at once
        // because an hour is beyond its budget.
        var report = await Dispatcher(new DeliveryOptions { DrainBudget = TimeSpan.FromSeconds(5) }).DrainAsync(waitForLater: true, ct);

        Assert.Equal((0, false), (report.Claimed, report.BudgetSpent));
    }

    private OutboxDispatcher Dispatcher(DeliveryOptions? settings = null)
    {
        var options = Options.Create(settings ?? new DeliveryOptions());
        var cards = new CardTemplates(CardTemplatesTests.RepoCards);
        var sender = new NotificationSender(_contexts, _connector.Object, cards, new RateLimiter(TimeProvider.System),
            new Outbox(_clock, new NoDrainTrigger()), _clock, options, NullLogger<NotificationSender>.Instance);
        return new OutboxDispatcher(_contexts, sender, Mock.Of<TraAM.Bot.Protocol.Authentication.IAppTokenProvider>(), _clock, options, NullLogger<OutboxDispatcher>.Instance);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
        return ValueTask.CompletedTask;
    }

    private sealed class Contexts(DbContextOptions<SqliteTraamDbContext> options) : IDbContextFactory<TraamDbContext>
    {
        public TraamDbContext CreateDbContext() => new SqliteTraamDbContext(options);
    }
}
