using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TraAM.Bot.Campaigns;
using TraAM.Bot.People;

namespace TraAM.Bot.Syntheses;

/// <summary>
/// One compiled version of a theme's synthesis (national, <see cref="AcademyCode"/> null) or of one académie's teams
/// of the theme (academic). Each compile adds a version; the old ones are kept until the retention job deletes the
/// campaign's syntheses three years after it ended. <see cref="Content"/> is null while the job compiles it.
/// </summary>
public sealed class SynthesisDocument
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
    public int ThemeId { get; set; }
    public string? AcademyCode { get; set; }

    /// <summary>"theme:12" or "theme:12:academy:lyon": the versions count within it.</summary>
    public required string ScopeKey { get; set; }

    public int Version { get; set; }
    public required string FileName { get; set; }
    public byte[]? Content { get; set; }

    public int TeamCount { get; set; }
    public int BilanCount { get; set; }
    public int SourceCount { get; set; }

    public long? CreatedByPersonId { get; set; }
    public required string CreatedByName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompiledAt { get; set; }

    public DateTimeOffset? DiffusedAt { get; set; }
    public string? DiffusedByName { get; set; }

    /// <summary>When the e-mail to the campaign's DGESCO/IH2EF recipients was claimed for sending (once).</summary>
    public DateTimeOffset? MailedAt { get; set; }

    public bool IsNational => AcademyCode is null;

    public static string KeyOf(int themeId, string? academyCode) =>
        academyCode is null ? $"theme:{themeId.ToString(CultureInfo.InvariantCulture)}" : $"theme:{themeId.ToString(CultureInfo.InvariantCulture)}:academy:{academyCode}";

    internal sealed class Configuration : IEntityTypeConfiguration<SynthesisDocument>
    {
        public void Configure(EntityTypeBuilder<SynthesisDocument> b)
        {
            b.HasIndex(d => new { d.ScopeKey, d.Version }).IsUnique();
            b.HasIndex(d => d.CampaignId);
            b.Property(d => d.ScopeKey).HasMaxLength(128);
            b.Property(d => d.AcademyCode).HasMaxLength(64);
            b.Property(d => d.FileName).HasMaxLength(200);
            b.Property(d => d.CreatedByName).HasMaxLength(256);
            b.Property(d => d.DiffusedByName).HasMaxLength(256);
            b.HasOne<Campaign>().WithMany().HasForeignKey(d => d.CampaignId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Theme>().WithMany().HasForeignKey(d => d.ThemeId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Person>().WithMany().HasForeignKey(d => d.CreatedByPersonId).OnDelete(DeleteBehavior.SetNull);
        }
    }
}

/// <summary>
/// A synthesis offered to one person through Teams' file consent card; accepting claims it (<see cref="DeliveredAt"/>)
/// so a double accept or a retried job uploads once. Also the record of who received which version.
/// </summary>
public sealed class SynthesisDelivery
{
    public long Id { get; set; }
    public long DocumentId { get; set; }
    public long PersonId { get; set; }
    public DateTimeOffset OfferedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<SynthesisDelivery>
    {
        public void Configure(EntityTypeBuilder<SynthesisDelivery> b)
        {
            b.HasIndex(d => new { d.DocumentId, d.PersonId });
            b.HasOne<SynthesisDocument>().WithMany().HasForeignKey(d => d.DocumentId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
