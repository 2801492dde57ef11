using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TraAM.Bot.Campaigns;

namespace TraAM.Bot.Bilans;

/// <summary>
/// The end-of-year bilan collection of one theme (issue 13 §1), launched once by a TN3 expert of the theme or an
/// admin: each selected team's referent gets the bilan card, and answers until the end of <see cref="Closes"/> in the
/// team's académie. One per theme and campaign (a second launch finds this one and sends nothing).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A collection (collecte) of bilans is what this is; the name is shared with the synthesis.")]
public sealed class BilanCollection
{
    public const int MessageMax = 1000;

    public long Id { get; set; }
    public int CampaignId { get; set; }
    public int ThemeId { get; set; }

    /// <summary>The launch day in Paris: the cards go at 9:00 that day in each team's académie (at once when past).</summary>
    public DateOnly Opens { get; set; }

    /// <summary>The last day to send (the end of that day where each team works); the bilan deadline follows it.</summary>
    public DateOnly Closes { get; set; }

    /// <summary>The TN3 expert's words to the referents, shown on the card (optional).</summary>
    public string? Message { get; set; }

    public long? LaunchedByPersonId { get; set; }
    public required string LaunchedByName { get; set; }
    public DateTimeOffset LaunchedAt { get; set; }

    /// <summary>When the cards were first queued (null: not yet; the job that queues them is idempotent).</summary>
    public DateTimeOffset? SentAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<BilanCollection>
    {
        public void Configure(EntityTypeBuilder<BilanCollection> b)
        {
            b.HasIndex(c => new { c.CampaignId, c.ThemeId }).IsUnique();
            b.Property(c => c.Message).HasMaxLength(MessageMax);
            b.Property(c => c.LaunchedByName).HasMaxLength(256);
            b.HasOne<Campaign>().WithMany().HasForeignKey(c => c.CampaignId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Theme>().WithMany().HasForeignKey(c => c.ThemeId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<People.Person>().WithMany().HasForeignKey(c => c.LaunchedByPersonId).OnDelete(DeleteBehavior.SetNull);
        }
    }
}
