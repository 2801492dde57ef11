using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Conversations;

namespace TraAM.Bot.People;

/// <summary>National working group of a theme, or academic working group of a team.</summary>
public enum GroupKind
{
    National,
    Academic,
}

/// <summary>
/// A working group and the Teams channel it lives in. The link is made once, from the channel, by an admin or the
/// theme's TN3 expert ("Lier ce canal"); the bot then posts the group's messages there.
/// </summary>
public sealed class WorkGroup
{
    public long Id { get; set; }
    public GroupKind Kind { get; set; }
    public int CampaignId { get; set; }
    public int ThemeId { get; set; }

    /// <summary>The team, for an academic group; null for the national group of the theme.</summary>
    public long? TeamId { get; set; }

    public long? ConversationRecordId { get; set; }
    public long? LinkedByPersonId { get; set; }
    public DateTimeOffset? LinkedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<WorkGroup>
    {
        public void Configure(EntityTypeBuilder<WorkGroup> b)
        {
            b.Property(g => g.Kind).HasConversion<string>().HasMaxLength(16);
            // One national group per theme, one academic group per team. NULLs are distinct in unique indexes (both
            // providers), so the national case needs its own filtered index; the quoted name is valid in both dialects.
            b.HasIndex(g => new { g.CampaignId, g.ThemeId }).IsUnique().HasFilter("\"TeamId\" IS NULL");
            b.HasIndex(g => g.TeamId).IsUnique();
            // A channel belongs to at most one group.
            b.HasIndex(g => g.ConversationRecordId).IsUnique();
            b.HasOne<Theme>().WithMany().HasForeignKey(g => g.ThemeId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<AcademicTeam>().WithMany().HasForeignKey(g => g.TeamId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<ConversationRecord>().WithMany().HasForeignKey(g => g.ConversationRecordId).OnDelete(DeleteBehavior.SetNull);
        }
    }
}
