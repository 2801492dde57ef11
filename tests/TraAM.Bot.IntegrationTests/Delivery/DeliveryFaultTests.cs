using Npgsql;
using TraAM.Bot.Delivery;
using TraAM.Bot.IntegrationTests.Infrastructure;

namespace TraAM.Bot.IntegrationTests.Delivery;

/// <summary>
/// A bot process is killed with SIGKILL while Teams holds one of its messages unanswered (its only worker waiting
/// on that call, so nothing else of it is in flight); then two instances on the same PostgreSQL database drain the
/// rest together. Exactly the held message is in doubt (never re-sent), every other one arrives once.
/// </summary>
public sealed class DeliveryFaultTests : IAsyncLifetime
{
    private const int Count = 400;
    private readonly string _database = "traam_fault_" + Guid.NewGuid().ToString("N")[..12];
    private string _connectionString = "";

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Delivery__Lease"] = "00:00:03",              // a dead instance's claims free up in seconds, not half a minute
        ["Delivery__TenantRequestsPerSecond"] = "40",  // ten seconds of sending: time for both instances to take part
    };

    /// <summary>One worker: while Teams holds its message, this instance has nothing else in flight.</summary>
    private static readonly Dictionary<string, string> OneWorker = new(Settings) { ["Delivery__Concurrency"] = "1" };

    public async ValueTask InitializeAsync()
    {
        if (Postgres.ConnectionString is not { } admin) return;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
        await create.ExecuteNonQueryAsync();
        _connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _database }.ConnectionString;
    }

    [PostgresFact]
    public async Task A_kill_9_while_Teams_holds_a_message_leaves_exactly_that_message_in_doubt_and_two_instances_deliver_the_rest_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var teams = await FakeTeams.StartAsync();
        await FanoutSeed.CreateAsync(_connectionString, Count, teams.Url, DateTimeOffset.UtcNow, ct);

        using var first = BotProcess.Start(_connectionString, OneWorker);
        await teams.Reached(20).WaitAsync(TimeSpan.FromSeconds(90), ct); // up and sending, alone
        var held = await teams.HoldNext().WaitAsync(TimeSpan.FromSeconds(30), ct);
        Assert.False(held.HungUp.IsCompleted, "the sender gave up on the held message before the kill");
        first.KillHard();
        await held.HungUp.WaitAsync(TimeSpan.FromSeconds(15), ct); // the kill cut that very call
        using var second = BotProcess.Start(_connectionString, Settings);
        using var restarted = BotProcess.Start(_connectionString, Settings); // "a restart resumes where it stopped"

        var states = await WaitForDrainedAsync(ct);

        var log = $"{second.Log}\n---\n{restarted.Log}";
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"received {teams.PerConversation.Count}/{Count}, states {string.Join(", ", states.Select(s => $"{s.Key}={s.Value}"))}\n{log}");
        Assert.True(teams.PerConversation.Values.All(c => c == 1), $"duplicates: {string.Join(", ", teams.PerConversation.Where(p => p.Value > 1).Select(p => p.Key))}\n{log}");
        Assert.Equal(Count, teams.PerConversation.Count);                 // the held one arrived too: nothing is lost
        Assert.Equal(Count - 1, states.GetValueOrDefault(NotificationState.Sent));
        Assert.Equal([held.Conversation], await FanoutSeed.InDoubtAsync(_connectionString, ct)); // in doubt: that one, nothing else
    }

    /// <summary>
    /// Until nothing is pending and every message but the held one is marked sent: a message Teams already has may
    /// still be "sending" for the moment its sender takes to record the answer. The processes work on their own; this
    /// only watches (bounded: a real loss shows as the asserts failing after the deadline).
    /// </summary>
    private async Task<Dictionary<NotificationState, int>> WaitForDrainedAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var states = await FanoutSeed.StatesAsync(_connectionString, ct);
            var drained = states.GetValueOrDefault(NotificationState.Pending) == 0 && states.GetValueOrDefault(NotificationState.Sent) >= Count - 1;
            if (drained || DateTime.UtcNow > deadline) return states;
            await timer.WaitForNextTickAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Postgres.ConnectionString is not { } admin) return;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
