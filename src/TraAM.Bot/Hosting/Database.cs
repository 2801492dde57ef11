using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Hosting;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>The embedded default's file, relative to the content root.</summary>
    public string SqlitePath { get; set; } = "data/traam.db";

    /// <summary>Null: always for the embedded default, only in Development for PostgreSQL (else run <c>TraAM.Bot migrate</c>).</summary>
    public bool? MigrateOnStart { get; set; }
}

internal static class Database
{
    public const string ConnectionStringName = "TraAM";

    public static bool UsesPostgres(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName));

    /// <summary>PostgreSQL when <c>ConnectionStrings__TraAM</c> is set, else the embedded SQLite file.</summary>
    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        if (UsesPostgres(configuration))
        {
            var cs = configuration.GetConnectionString(ConnectionStringName)!;
            services.AddPooledDbContextFactory<PostgresTraamDbContext>(o => o.UseNpgsql(cs));
            services.AddSingleton<IDbContextFactory<TraamDbContext>>(sp =>
                new Upcast<PostgresTraamDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresTraamDbContext>>()));
        }
        else
        {
            var path = SqlitePath(configuration, environment);
            services.AddPooledDbContextFactory<SqliteTraamDbContext>(o => o.UseSqlite($"Data Source={path};Default Timeout=30").AddInterceptors(new SqlitePragmas()));
            services.AddSingleton<IDbContextFactory<TraamDbContext>>(sp =>
                new Upcast<SqliteTraamDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteTraamDbContext>>()));
        }

        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<TraamDbContext>>().CreateDbContext());
        services.AddSingleton<IActivityDeduplicator, DatabaseActivityDeduplicator>();
        services.AddHostedService<DatabaseMigrator>();
        return services;
    }

    public static string SqlitePath(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[$"{DatabaseOptions.Section}:SqlitePath"] ?? new DatabaseOptions().SqlitePath;
        var path = Path.GetFullPath(Path.Combine(environment.ContentRootPath, configured));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>Handlers ask for <see cref="TraamDbContext"/>; the provider-specific type only matters to migrations.</summary>
    private sealed class Upcast<T>(IDbContextFactory<T> inner) : IDbContextFactory<TraamDbContext> where T : TraamDbContext
    {
        public TraamDbContext CreateDbContext() => inner.CreateDbContext();
    }
}

/// <summary>Applies migrations before the bot answers anyone (several instances may race: EF takes a lock).</summary>
internal sealed partial class DatabaseMigrator(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment,
    Microsoft.Extensions.Options.IOptions<DatabaseOptions> options, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var postgres = Database.UsesPostgres(configuration);
        if (!(options.Value.MigrateOnStart ?? (!postgres || environment.IsDevelopment()))) return;
        LogMigrated(logger, (await MigrateAsync(services, cancellationToken)).English);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task<MigrationOutcome> MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<TraamDbContext>>().CreateDbContextAsync(cancellationToken);
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        // WAL lets the embedded default read while it writes (one writer, many readers).
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        var latest = db.Database.GetMigrations().LastOrDefault() ?? "";
        return new MigrationOutcome(db.Database.IsSqlite() ? "SQLite" : "PostgreSQL", applied.LastOrDefault(), latest);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Outcome}")]
    private static partial void LogMigrated(ILogger logger, string outcome);
}

/// <summary>What applying the migrations did: created the schema, moved it from one migration to another, or nothing.</summary>
internal sealed record MigrationOutcome(string Provider, string? From, string To)
{
    public string English => From is null ? $"{Provider} database created (schema at {To})"
        : From == To ? $"{Provider} database already up to date ({To})"
        : $"{Provider} database migrated from {From} to {To}";

    public string French => From is null ? $"Base {Provider} créée (schéma {To})."
        : From == To ? $"Base {Provider} déjà à jour ({To})."
        : $"Base {Provider} migrée de {From} à {To}.";
}
