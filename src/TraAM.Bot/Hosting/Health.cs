using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TraAM.Bot.Data;

namespace TraAM.Bot.Hosting;

/// <summary>
/// Three probes, read by operators and platforms (not by the programme's people, hence English):
/// <c>/health/live</c> the process answers (no dependency: a database outage must not get the bot restarted),
/// <c>/health/ready</c> the database answers and is migrated, and the job storage answers (take traffic),
/// <c>/health</c> the database and the job storage answer, as before the split (CI and scripts read it).
/// </summary>
internal static class Health
{
    private const string Ready = "ready";
    private const string Legacy = "health";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready, Legacy])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [Ready])
            .AddCheck<JobStorageHealthCheck>("jobs", tags: [Ready, Legacy]);
        return services;
    }

    /// <summary>Maps <c>{pattern}</c>, <c>{pattern}/live</c> and <c>{pattern}/ready</c>: 200 when healthy, 503 otherwise, with a JSON detail.</summary>
    public static void MapHealth(this IEndpointRouteBuilder app, string pattern)
    {
        app.MapHealthChecks(pattern, Options(c => c.Tags.Contains(Legacy)));
        app.MapHealthChecks($"{pattern}/live", Options(_ => false));
        app.MapHealthChecks($"{pattern}/ready", Options(c => c.Tags.Contains(Ready)));
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) =>
        new() { Predicate = predicate, ResponseWriter = WriteAsync };

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store"; // a probe must never read a cached answer
        var body = new Dictionary<string, object?>
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private static string Provider(TraamDbContext db) => db.Database.IsNpgsql() ? "PostgreSQL" : "SQLite";

    private sealed class DatabaseHealthCheck(IDbContextFactory<TraamDbContext> contexts) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var provider = Provider(db);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy(provider)
                : HealthCheckResult.Unhealthy($"{provider} unreachable");
        }
    }

    /// <summary>
    /// Pending migrations mean this release's code would query columns that do not exist yet (on PostgreSQL the
    /// deploy step <c>migrate</c> has not run): not ready, whatever the connection says.
    /// </summary>
    private sealed class MigrationsHealthCheck(IDbContextFactory<TraamDbContext> contexts) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                return pending.Count == 0
                    ? HealthCheckResult.Healthy($"up to date ({db.Database.GetMigrations().LastOrDefault()})")
                    : HealthCheckResult.Unhealthy($"pending migrations: {pending.Count}, first {pending[0]}: run 'dotnet TraAM.Bot.dll migrate'");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The exception's message may carry the connection's host or user: only its type is reported.
                return HealthCheckResult.Unhealthy($"{Provider(db)} unreachable: {ex.GetType().Name}");
            }
        }
    }

    private sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var monitoring = storage.GetMonitoringApi();
                var servers = monitoring.Servers().Count;
                return Task.FromResult(HealthCheckResult.Healthy($"{storage.GetType().Name}, job servers: {servers}"));
            }
            catch (Exception ex)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"job storage unreachable: {ex.GetType().Name}"));
            }
        }
    }
}
