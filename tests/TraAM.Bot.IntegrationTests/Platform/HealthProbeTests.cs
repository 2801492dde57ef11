using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using TraAM.Bot.IntegrationTests.Infrastructure;

namespace TraAM.Bot.IntegrationTests.Platform;

/// <summary>Liveness and readiness: the shared app for the healthy case, an app of its own for each broken database.</summary>
public sealed class HealthProbeTests(TraamApp app) : AppTest(app)
{
    [PostgresFact]
    public async Task Ready_OnAMigratedDatabase_ChecksTheDatabaseItsMigrationsAndTheJobs()
    {
        var (status, body) = await GetAsync(App, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body["status"]!.GetValue<string>());
        Assert.Equal(["database", "jobs", "migrations"], body["checks"]!.AsObject().Select(c => c.Key).Order());
        Assert.StartsWith("up to date (", body["checks"]!["migrations"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Live_AnswersWithoutAskingAnyDependency()
    {
        var (status, body) = await GetAsync(App, "/health/live");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body["status"]!.GetValue<string>());
        Assert.Empty(body["checks"]!.AsObject());
    }

    [PostgresFact]
    public async Task Health_KeepsItsShape_DatabaseAndJobsOnly()
    {
        var (status, body) = await GetAsync(App, "/health");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["database", "jobs"], body["checks"]!.AsObject().Select(c => c.Key).Order());
    }

    [PostgresFact]
    public async Task PendingMigrations_NotReady_ButLive()
    {
        // Production on PostgreSQL: migrations are a deploy step; until it runs, this release must get no traffic.
        await using var unmigrated = new TraamApp().With("Database:MigrateOnStart", "false");
        await unmigrated.InitializeAsync();

        var (ready, body) = await GetAsync(unmigrated, "/health/ready");
        var (live, _) = await GetAsync(unmigrated, "/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        Assert.Equal("Unhealthy", body["checks"]!["migrations"]!["status"]!.GetValue<string>());
        Assert.Contains("pending migrations: ", body["checks"]!["migrations"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Healthy", body["checks"]!["database"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, live);
    }

    [PostgresFact]
    public async Task UnreachableDatabase_NotReady_ButLive()
    {
        await using var cut = new TraamApp();
        await cut.InitializeAsync();
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(cut, "/health/ready")).Status);

        await RefuseConnectionsAsync(cut);
        var (ready, body) = await GetAsync(cut, "/health/ready");
        var (live, _) = await GetAsync(cut, "/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        Assert.Equal("PostgreSQL unreachable", body["checks"]!["database"]!["description"]!.GetValue<string>());
        Assert.Equal("Unhealthy", body["checks"]!["migrations"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, live);
    }

    /// <summary>The database goes away as in an outage: new connections refused, open ones cut, the app's pool emptied.</summary>
    private static async Task RefuseConnectionsAsync(TraamApp app)
    {
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
        await using (var connection = new NpgsqlConnection(Postgres.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var refuse = new NpgsqlCommand(
                $"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS false; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'",
                connection);
            await refuse.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        NpgsqlConnection.ClearAllPools();
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(TraamApp app, string path)
    {
        using var response = await app.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!);
    }
}
