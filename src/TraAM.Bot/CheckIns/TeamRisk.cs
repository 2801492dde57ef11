using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TraAM.Bot.People;

namespace TraAM.Bot.CheckIns;

/// <summary>Why a check-in raised a risk (flags: a check-in can say several).</summary>
[Flags]
public enum RiskReasons
{
    None = 0,
    Late = 1,
    HelpWanted = 2,
    Blocker = 4,
}

/// <summary>
/// A risk a check-in raised: one per team and round (the unique index is what makes "one card, not one per answer"
/// hold under retries and concurrent submissions). Open until a later check-in of the team raises none, or someone
/// closes it.
/// </summary>
public sealed class TeamRisk
{
    public long Id { get; set; }
    public long TeamId { get; set; }
    public long RoundId { get; set; }
    public RiskReasons Reasons { get; set; }

    /// <summary>The blocker or help text as answered (shown to the TN3 expert and the inspector).</summary>
    public string? Detail { get; set; }

    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    public bool IsOpen => ClosedAt is null;

    internal sealed class Configuration : IEntityTypeConfiguration<TeamRisk>
    {
        public void Configure(EntityTypeBuilder<TeamRisk> b)
        {
            b.HasIndex(r => new { r.TeamId, r.RoundId }).IsUnique();
            b.Property(r => r.Detail).HasMaxLength(2000);
            b.HasOne<AcademicTeam>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<CheckInRound>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
