using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery.Files;

namespace TraAM.Bot.Candidacies.Transmission;

/// <summary>Documents de synthèse as offered files: the bytes of a <see cref="CandidacyExport"/> until delivered.</summary>
internal sealed class CandidacyExportFiles(TraamDbContext db) : IOfferedFileStore
{
    public const string Key = "exportId";

    public string ContextKey => Key;

    public async Task<bool> ClaimAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.CandidacyExports.Where(e => e.Id == id && e.DeliveredAt == null && e.Content != null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DeliveredAt, now), cancellationToken) > 0;

    public Task<byte[]> ContentAsync(long id, CancellationToken cancellationToken) =>
        db.CandidacyExports.Where(e => e.Id == id).Select(e => e.Content!).SingleAsync(cancellationToken);

    public Task ReleaseAsync(long id, CancellationToken cancellationToken) =>
        db.CandidacyExports.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.DeliveredAt, (DateTimeOffset?)null), cancellationToken);

    public Task EraseAsync(long id, CancellationToken cancellationToken) =>
        db.CandidacyExports.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Content, (byte[]?)null), cancellationToken);
}
