using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery.Files;
using TraAM.Bot.People;

namespace TraAM.Bot.Privacy;

/// <summary>
/// One file of a "mes données" answer (the JSON or the XLSX), kept until its person accepts it through Teams' file
/// consent card (then it is in their OneDrive and its bytes are erased here), and deleted after 7 days whatever
/// happened (<see cref="PurgePersonalDataExportsJob"/>).
/// </summary>
public sealed class PersonalDataExport
{
    public long Id { get; set; }
    public long PersonId { get; set; }

    /// <summary>The activity that asked: a job run twice for the same request builds nothing twice.</summary>
    public required string RequestKey { get; set; }

    public required string FileName { get; set; }

    /// <summary>Null until built; null again once delivered.</summary>
    public byte[]? Content { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<PersonalDataExport>
    {
        public void Configure(EntityTypeBuilder<PersonalDataExport> b)
        {
            b.HasIndex(e => new { e.RequestKey, e.FileName }).IsUnique();
            b.HasIndex(e => e.PersonId);
            b.Property(e => e.RequestKey).HasMaxLength(200);
            b.Property(e => e.FileName).HasMaxLength(200);
            b.HasOne<Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

/// <summary>The files of "mes données" as offered files (<see cref="DeliverFileJob"/> uploads them).</summary>
internal sealed class PersonalDataExportFiles(TraamDbContext db) : IOfferedFileStore
{
    public const string Key = "dataExportId";

    public string ContextKey => Key;

    public async Task<bool> ClaimAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.PersonalDataExports.Where(e => e.Id == id && e.DeliveredAt == null && e.Content != null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DeliveredAt, now), cancellationToken) > 0;

    public Task<byte[]> ContentAsync(long id, CancellationToken cancellationToken) =>
        db.PersonalDataExports.Where(e => e.Id == id).Select(e => e.Content!).SingleAsync(cancellationToken);

    public Task ReleaseAsync(long id, CancellationToken cancellationToken) =>
        db.PersonalDataExports.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.DeliveredAt, (DateTimeOffset?)null), cancellationToken);

    public Task EraseAsync(long id, CancellationToken cancellationToken) =>
        db.PersonalDataExports.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Content, (byte[]?)null), cancellationToken);
}

/// <summary>Daily: deletes the "mes données" files older than 7 days, delivered or not (nothing of them is audit).</summary>
internal sealed class PurgePersonalDataExportsJob(TraamDbContext db, TimeProvider clock)
{
    public const string Id = "privacy:purge-exports";

    public Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.PersonalDataExports.Where(e => e.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
    }
}
