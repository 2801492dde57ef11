using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TraAM.Bot.Reminders;

/// <summary>
/// "Done" for one person and one deadline: said from the reminder card today, recorded by the feature that receives
/// the awaited thing later (a check-in, a bilan). Reminders and escalations stop for that person.
/// </summary>
public sealed class DeadlineCompletion
{
    public long Id { get; set; }
    public required string Subject { get; set; }
    public long PersonId { get; set; }
    public DateTimeOffset CompletedAt { get; set; }

    /// <summary>How it was learned: "card" (the person said so) or the feature that recorded it.</summary>
    public required string Source { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<DeadlineCompletion>
    {
        public void Configure(EntityTypeBuilder<DeadlineCompletion> b)
        {
            b.HasIndex(c => new { c.Subject, c.PersonId }).IsUnique();
            b.Property(c => c.Subject).HasMaxLength(200);
            b.Property(c => c.Source).HasMaxLength(32);
            b.HasOne<People.Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
