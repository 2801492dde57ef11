using System.Data.Common;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.Reminders;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Reminders;

/// <summary>Re-planning while reminders are due or another plan is running: nothing wanted is ever cancelled.</summary>
public sealed class ReplanningTests(TraamApp app) : AppTest(app)
{
    [PostgresFact]
    public async Task A_reminder_due_and_waiting_on_a_retry_survives_a_replan_and_is_sent()
    {
        var today = App.ParisToday();
        await App.SetCalendarAsync(completion: today.AddDays(10), offsets: "7,1");
        var ines = await App.PersonAsync("Inès", "Moreau", "aad-lyon", Referent(await App.TeamAsync("Équipe Lyon", "lyon", SvtYear1)));
        await App.ChatAsync(ines);
        await App.PlanAsync();
        var j7 = (await App.RemindersAsync(ines.Id, "completion"))[0];
        Assert.EndsWith(":J-7", j7.Key);

        App.Clock.Advance(j7.DueAt - App.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        App.Connector.Respond = (_, path, _) => path.EndsWith("/activities", StringComparison.Ordinal)
            ? RecordingConnector.Error(HttpStatusCode.TooManyRequests, "Throttled", retryAfterSeconds: 120) : null;
        await App.DrainAsync(); // Teams asks to wait: J-7 is due, pending, waiting on its retry
        App.Connector.Clear();
        await App.PlanAsync(); // the nightly plan, or a calendar save elsewhere

        Assert.Equal(NotificationState.Pending, (await App.NotificationsAsync()).Single(n => n.Id == j7.Id).State);
        App.Clock.Advance(TimeSpan.FromMinutes(3));
        await App.DrainAsync();
        Assert.Contains("J-7", Assert.Single(App.Connector.Activities).CardTexts);
        Assert.Equal(NotificationState.Sent, (await App.NotificationsAsync()).Single(n => n.Id == j7.Id).State);
    }

    [PostgresFact]
    public async Task Two_plans_at_once_around_a_calendar_change_leave_exactly_the_reminders_of_the_new_date()
    {
        var ct = TestContext.Current.CancellationToken;
        var today = App.ParisToday();
        await App.SetCalendarAsync(completion: today.AddDays(60));
        var ines = await App.PersonAsync("Inès", "Moreau", "aad-lyon", Referent(await App.TeamAsync("Équipe Lyon", "lyon", SvtYear1)));
        var pause = new PauseAtFirstInsert();

        // The first plan has read the calendar and is about to write when the calendar card is saved and its own
        // re-plan starts.
        var first = PlanWithAsync(pause, ct);
        await pause.Reached.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var moved = today.AddDays(70);
        await App.SetCalendarAsync(completion: moved);
        var second = App.PlanAsync();
        await Task.WhenAny(second, WaitingForThePlanLockAsync(ct)).WaitAsync(TimeSpan.FromSeconds(30), ct);
        pause.Resume();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30), ct);

        var pending = await App.RemindersAsync(ines.Id, "completion");
        Assert.Equal(3, pending.Count);
        Assert.All(pending, n => Assert.Contains(moved.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ":J-", n.Key));
    }

    /// <summary>A planner on its own connection, paused by <paramref name="pause"/> before its first write.</summary>
    private async Task<PlanReport> PlanWithAsync(PauseAtFirstInsert pause, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<PostgresTraamDbContext>().UseNpgsql(App.ConnectionString).AddInterceptors(pause).Options;
        await using var db = new PostgresTraamDbContext(options);
        var s = App.Services;
        var planner = new ReminderPlanner(db, s.GetRequiredService<Outbox>(), s.GetRequiredService<CardTemplates>(), App.Clock);
        return await planner.PlanAsync(1, Enum.GetValues<DeadlineKind>(), ct);
    }

    /// <summary>Until a session of this database waits for an advisory lock (the second plan behind the first).</summary>
    private async Task WaitingForThePlanLockAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync(ct);
        await using var query = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            connection);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while ((long)(await query.ExecuteScalarAsync(ct))! == 0) await timer.WaitForNextTickAsync(ct);
    }

    /// <summary>Holds the first INSERT into the outbox until <see cref="Resume"/>.</summary>
    private sealed class PauseAtFirstInsert : DbCommandInterceptor
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _resume = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task;

        public void Resume() => _resume.TrySetResult();

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.StartsWith("INSERT INTO \"Notifications\"", StringComparison.Ordinal) && _reached.TrySetResult())
                await _resume.Task.WaitAsync(cancellationToken);
            return result;
        }
    }
}
