using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TraAM.Bot.People;

namespace TraAM.Bot.CheckIns;

/// <summary>The overall progress a check-in reports (its one required answer).</summary>
public enum OverallProgress
{
    NotStarted,
    InProgress,
    OnTrack,
    Late,
}

/// <summary>
/// One team's answer to one round: the answers as last saved, the number of the last submitted version (its text is a
/// <see cref="Forms.FormVersion"/> of kind <see cref="CheckInRound.FormKind"/>), and the few answers <c>statut</c> reads
/// without parsing the JSON. <see cref="Revision"/> is the concurrency token, as for candidacies.
/// </summary>
public sealed class CheckIn
{
    public long Id { get; set; }
    public long RoundId { get; set; }
    public long TeamId { get; set; }

    /// <summary>Field id → text, as the form's definition read them.</summary>
    public required string AnswersJson { get; set; }

    /// <summary>The last submitted version's number; 0 while only a draft.</summary>
    public int Version { get; set; }

    public int Revision { get; set; }

    public OverallProgress? Overall { get; set; }

    /// <summary>1–5, when answered.</summary>
    public int? Confidence { get; set; }

    public bool HelpWanted { get; set; }
    public bool HasBlocker { get; set; }

    public long? ByPersonId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<CheckIn>
    {
        public void Configure(EntityTypeBuilder<CheckIn> b)
        {
            b.HasIndex(c => new { c.RoundId, c.TeamId }).IsUnique();
            b.HasIndex(c => new { c.TeamId, c.SubmittedAt });
            b.Property(c => c.Overall).HasConversion<string>().HasMaxLength(24);
            b.Property(c => c.Revision).IsConcurrencyToken();
            b.HasOne<CheckInRound>().WithMany().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<AcademicTeam>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Person>().WithMany().HasForeignKey(c => c.ByPersonId).OnDelete(DeleteBehavior.SetNull);
        }
    }
}
