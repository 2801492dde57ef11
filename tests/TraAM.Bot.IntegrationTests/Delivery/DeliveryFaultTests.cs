using Npgsql;
using TraAM.Bot.Delivery;
using TraAM.Bot.IntegrationTests.Infrastructure;

namespace TraAM.Bot.IntegrationTests.Delivery;

/// <summary>
/// Two bot processes on one PostgreSQL database drain the same outbox; one is killed with SIGKILL while Teams is
/// receiving one of its messages, then restarted. Nothing may arrive twice; what was in flight at the kill is
/// flagged unconfirmed, never re-sent.
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
    public async Task Two_instances_and_a_kill_9_mid_send_deliver_every_notification_at_most_once_and_lose_only_what_they_flag()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var teams = await FakeTeams.StartAsync();
        await FanoutSeed.CreateAsync(_connectionString, Count, teams.Url, DateTimeOffset.UtcNow, ct);

        using var first = BotProcess.Start(_connectionString, Settings);
        await teams.Reached(20).WaitAsync(TimeSpan.FromSeconds(90), ct); // first instance up and sending
        using var second = BotProcess.Start(_connectionString, Settings);
        // Kill the first instance while Teams holds a message, a moment after the second started, whoever sent it:
        // if it was the first instance's, it arrived but its sender never hears back.
        var killAt = teams.Received + 60;
        Assert.True(killAt < Count, "the first instance sent nearly everything before the second started");
        teams.OnReceived = (n, _) => { if (n == killAt) first.KillHard(); };
        await teams.Reached(killAt).WaitAsync(TimeSpan.FromSeconds(90), ct);
        Assert.True(first.WaitForExit(TimeSpan.FromSeconds(15))); // the kill may still be under way in another request
        using var restarted = BotProcess.Start(_connectionString, Settings); // "a restart resumes where it stopped"

        var states = await WaitForDrainedAsync(ct);

        var log = $"{second.Log}\n---\n{restarted.Log}";
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"received {teams.PerConversation.Count}/{Count}, states {string.Join(", ", states.Select(s => $"{s.Key}={s.Value}"))}\n{log}");
        Assert.True(teams.PerConversation.Values.All(c => c == 1), $"duplicates: {string.Join(", ", teams.PerConversation.Where(p => p.Value > 1).Select(p => p.Key))}\n{log}");
        var sent = states.GetValueOrDefault(NotificationState.Sent);
        var inDoubt = states.GetValueOrDefault(NotificationState.Sending) + states.GetValueOrDefault(NotificationState.Unconfirmed);
        Assert.Equal(Count, sent + inDoubt);                  // none failed, none left pending
        Assert.InRange(inDoubt, 0, 8);                         // at most what one instance had in flight (Delivery__Concurrency)
        var lost = Count - teams.PerConversation.Count;
        Assert.InRange(lost, 0, inDoubt);                      // only a flagged notification can be missing
        Assert.InRange(teams.PerConversation.Count, sent, sent + inDoubt);
    }

    /// <summary>Until no notification is pending any more (the processes work on their own; this only watches).</summary>
    private async Task<Dictionary<NotificationState, int>> WaitForDrainedAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var states = await FanoutSeed.StatesAsync(_connectionString, ct);
            if (states.GetValueOrDefault(NotificationState.Pending) == 0 || DateTime.UtcNow > deadline) return states;
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
