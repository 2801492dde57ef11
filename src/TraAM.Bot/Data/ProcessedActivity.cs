using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TraAM.Bot.Data;

/// <summary>
/// An inbound activity already handled (Teams re-sends after 15 s without an answer). Shared through the database
/// so that several bot instances agree; kept one day, then purged.
/// </summary>
public sealed class ProcessedActivity
{
    public required string Key { get; set; }
    public required DateTimeOffset ReceivedAt { get; set; }
    public bool Completed { get; set; }
    public int? ResponseStatus { get; set; }
    public string? ResponseBody { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<ProcessedActivity>
    {
        public void Configure(EntityTypeBuilder<ProcessedActivity> b)
        {
            b.HasKey(a => a.Key);
            b.Property(a => a.Key).HasMaxLength(512);
            b.HasIndex(a => a.ReceivedAt);
        }
    }
}
