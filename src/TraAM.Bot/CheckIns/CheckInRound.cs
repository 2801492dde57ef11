using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TraAM.Bot.Campaigns;

namespace TraAM.Bot.CheckIns;

/// <summary>
/// A check-in round of one theme (issue 11 §1): the selected teams' referents answer the check-in card between
/// <see cref="Opens"/> and <see cref="Closes"/> (each day read in the team's académie). Opened by a TN3 expert of the
/// theme or an admin, by hand or from a planned schedule; <see cref="Key"/> makes planning idempotent.
/// </summary>
public sealed class CheckInRound
{
    public const string FormKind = "checkin";

    public long Id { get; set; }
    public int CampaignId { get; set; }
    public int ThemeId { get; set; }

    /// <summary>"theme:{ThemeId}:{Opens:yyyy-MM-dd}": one round per theme and opening day, whoever plans it.</summary>
    public required string Key { get; set; }

    public DateOnly Opens { get; set; }
    public DateOnly Closes { get; set; }

    /// <summary>Teachers of the team may answer too (the referent always may).</summary>
    public bool TeachersMayAnswer { get; set; }

    public long? CreatedByPersonId { get; set; }
    public required string CreatedByName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the cards were queued in the outbox (null: not yet; the job that sends them is idempotent).</summary>
    public DateTimeOffset? SentAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<CheckInRound>
    {
        public void Configure(EntityTypeBuilder<CheckInRound> b)
        {
            b.HasIndex(r => r.Key).IsUnique();
            b.HasIndex(r => new { r.CampaignId, r.ThemeId, r.Opens });
            b.Property(r => r.Key).HasMaxLength(64);
            b.Property(r => r.CreatedByName).HasMaxLength(256);
            b.HasOne<Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Theme>().WithMany().HasForeignKey(r => r.ThemeId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<People.Person>().WithMany().HasForeignKey(r => r.CreatedByPersonId).OnDelete(DeleteBehavior.SetNull);
        }
    }
}
