using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TraAM.Bot.People;

/// <summary>
/// Someone the programme works with. The minimum to reach them and to know their roles: no phone, no address, no
/// school. Identified by e-mail in the directory; by Entra object id once Teams has told us (first message or import).
/// </summary>
public sealed class Person
{
    public long Id { get; set; }

    /// <summary>Lower-cased; the directory's key.</summary>
    public required string Email { get; set; }

    public required string LastName { get; set; }
    public required string FirstName { get; set; }
    public string? EntraObjectId { get; set; }

    /// <summary>The "29:…" id Teams gives this person for this bot, learned from their first activity.</summary>
    public string? TeamsUserId { get; set; }

    /// <summary>Where the person works (the académie of their first role that has one); decides their time zone.</summary>
    public string? AcademyCode { get; set; }

    /// <summary>"fr" or "en"; French unless the person or their Teams client says otherwise.</summary>
    public string PreferredLanguage { get; set; } = "fr";

    /// <summary>False when Teams refused to deliver to them (app removed, messages blocked); see <see cref="UnreachableReason"/>.</summary>
    public bool IsReachable { get; set; } = true;

    public string? UnreachableReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Set when their personal data were erased (RGPD): the row stays, anonymised ("Personne supprimée n°Id"), so that
    /// the teams' records keep an author; it is nobody's any more (an import of their e-mail creates a new person).
    /// </summary>
    public DateTimeOffset? ErasedAt { get; set; }

    public List<RoleAssignment> Roles { get; } = [];

    public string DisplayName => $"{FirstName} {LastName}";

    internal sealed class Configuration : IEntityTypeConfiguration<Person>
    {
        public void Configure(EntityTypeBuilder<Person> b)
        {
            b.HasIndex(p => p.Email).IsUnique();
            b.HasIndex(p => p.EntraObjectId).IsUnique();
            b.HasIndex(p => p.TeamsUserId);
            b.Property(p => p.Email).HasMaxLength(320);
            b.Property(p => p.LastName).HasMaxLength(128);
            b.Property(p => p.FirstName).HasMaxLength(128);
            b.Property(p => p.EntraObjectId).HasMaxLength(64);
            b.Property(p => p.TeamsUserId).HasMaxLength(256);
            b.Property(p => p.AcademyCode).HasMaxLength(64);
            b.Property(p => p.PreferredLanguage).HasMaxLength(8);
            b.Property(p => p.UnreachableReason).HasMaxLength(256);
            b.HasMany(p => p.Roles).WithOne().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
