using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TraAM.Bot.Campaigns;

namespace TraAM.Bot.People;

/// <summary>
/// A team of teachers of one académie working on one theme of a campaign ("équipe"). Its academic working group
/// (<see cref="WorkGroup"/>) is where the bot talks to it.
/// </summary>
public sealed class AcademicTeam
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
    public int ThemeId { get; set; }
    public required string AcademyCode { get; set; }
    public required string Name { get; set; }

    /// <summary><see cref="Reference.TextKey"/> of the name: one team per name, académie and theme.</summary>
    public required string NameKey { get; set; }

    /// <summary>
    /// The national selection's verdict, once published; null before (a team imported for a campaign whose selection
    /// is not in the bot, such as 2026-2027, works as selected: see <c>Candidacies.SelectedTeams</c>).
    /// </summary>
    public TeamSelection? Selection { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<AcademicTeam>
    {
        public void Configure(EntityTypeBuilder<AcademicTeam> b)
        {
            b.HasIndex(t => new { t.CampaignId, t.ThemeId, t.AcademyCode, t.NameKey }).IsUnique();
            b.Property(t => t.AcademyCode).HasMaxLength(64);
            b.Property(t => t.Name).HasMaxLength(200);
            b.Property(t => t.NameKey).HasMaxLength(200);
            b.Property(t => t.Selection).HasConversion<string>().HasMaxLength(16);
            b.HasOne<Theme>().WithMany().HasForeignKey(t => t.ThemeId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Campaign>().WithMany().HasForeignKey(t => t.CampaignId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}

/// <summary>What the national selection decided for a team.</summary>
public enum TeamSelection
{
    Selected,
    NotSelected,
}
