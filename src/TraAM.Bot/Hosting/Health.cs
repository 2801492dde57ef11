using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TraAM.Bot.Data;

namespace TraAM.Bot.Hosting;

internal static class Health
{
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<JobStorageHealthCheck>("jobs");
        return services;
    }

    /// <summary>
    /// <c>/health</c>: 200 when both the database and the job storage answer, 503 otherwise, with a JSON detail in
    /// English (it is read by operators and probes, not by the programme's people).
    /// </summary>
    public static IEndpointConventionBuilder MapHealth(this IEndpointRouteBuilder app, string pattern) =>
        app.MapHealthChecks(pattern, new HealthCheckOptions { ResponseWriter = WriteAsync });

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = new Dictionary<string, object?>
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private sealed class DatabaseHealthCheck(IDbContextFactory<TraamDbContext> contexts) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var provider = db.Database.IsNpgsql() ? "PostgreSQL" : "SQLite";
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy(provider)
                : HealthCheckResult.Unhealthy($"{provider} unreachable");
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
