using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TraAM.Bot.People;

namespace TraAM.Bot.CheckIns;

/// <summary>The four productions a team tracks (domain.md, "what teams produce").</summary>
public enum ProductionKind
{
    Scenarios,
    Magistere,
    AcademicBilan,
    Communication,
}

/// <summary>How far a production is; <see cref="Published"/> and beyond count as published (completion).</summary>
public enum ProductionState
{
    Planned,
    Written,
    Tested,
    Published,

    /// <summary>Published and indexed in Édubase (scenarios).</summary>
    Indexed,
}

/// <summary>
/// The production tracker: per team and production, the latest state and address a check-in reported, and when it
/// changed. One row per team and kind, updated by each submitted check-in that answers it.
/// </summary>
public sealed class TeamProduction
{
    public long Id { get; set; }
    public long TeamId { get; set; }
    public ProductionKind Kind { get; set; }
    public ProductionState State { get; set; }

    /// <summary>An https address, checked when answered.</summary>
    public string? Url { get; set; }

    /// <summary>When <see cref="State"/> or <see cref="Url"/> last changed.</summary>
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>The check-in that reported the current state.</summary>
    public long? CheckInId { get; set; }

    public bool IsPublished => State >= ProductionState.Published;

    internal sealed class Configuration : IEntityTypeConfiguration<TeamProduction>
    {
        public void Configure(EntityTypeBuilder<TeamProduction> b)
        {
            b.HasIndex(p => new { p.TeamId, p.Kind }).IsUnique();
            b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(24);
            b.Property(p => p.State).HasConversion<string>().HasMaxLength(24);
            b.Property(p => p.Url).HasMaxLength(500);
            b.HasOne<AcademicTeam>().WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<CheckIn>().WithMany().HasForeignKey(p => p.CheckInId).OnDelete(DeleteBehavior.SetNull);
        }
    }
}
