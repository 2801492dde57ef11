using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using TraAM.Bot.Conversations;

namespace TraAM.Bot.Data;

/// <summary>
/// The bot's data. Entities and their mappings live with their features; this class only lists them.
/// Two providers, two migration sets: PostgreSQL in production, SQLite for the embedded default.
/// </summary>
public abstract class TraamDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ConversationRecord> Conversations => Set<ConversationRecord>();
    public DbSet<ProcessedActivity> ProcessedActivities => Set<ProcessedActivity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TraamDbContext).Assembly, t => !t.IsAbstract);
}

public sealed class PostgresTraamDbContext(DbContextOptions<PostgresTraamDbContext> options) : TraamDbContext(options);

public sealed class SqliteTraamDbContext(DbContextOptions<SqliteTraamDbContext> options) : TraamDbContext(options)
{
    // SQLite has no date-time-with-offset type EF can compare or order in SQL: store UTC ticks instead.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
}
