using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TraAM.Bot.People;

/// <summary>
/// A role taken away (by an admin's revocation, or by an import that replaces its scope): what it was, who took it
/// away and when. Kept with the directory, so that "who lost which role" can always be answered.
/// </summary>
public sealed class RevokedRole
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public Role Role { get; set; }
    public int? CampaignId { get; set; }
    public required string ScopeKey { get; set; }

    /// <summary>The person who took it away (null: the operator at the command line).</summary>
    public long? RevokedByPersonId { get; set; }

    public required string RevokedByName { get; set; }
    public DateTimeOffset RevokedAt { get; set; }

    /// <summary>"cli", "card" or "import".</summary>
    public required string Source { get; set; }

    public static RevokedRole Of(RoleAssignment role, Identity.Caller? by, string source, DateTimeOffset now) => new()
    {
        PersonId = role.PersonId,
        Role = role.Role,
        CampaignId = role.CampaignId,
        ScopeKey = role.ScopeKey,
        RevokedByPersonId = by?.Person?.Id,
        RevokedByName = by?.Person?.DisplayName ?? "ligne de commande",
        RevokedAt = now,
        Source = source,
    };

    internal sealed class Configuration : IEntityTypeConfiguration<RevokedRole>
    {
        public void Configure(EntityTypeBuilder<RevokedRole> b)
        {
            b.Property(r => r.Role).HasConversion<string>().HasMaxLength(32);
            b.Property(r => r.ScopeKey).HasMaxLength(200);
            b.Property(r => r.RevokedByName).HasMaxLength(256);
            b.Property(r => r.Source).HasMaxLength(32);
            b.HasIndex(r => new { r.PersonId, r.RevokedAt });
            b.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
