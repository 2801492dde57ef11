using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TraAM.Bot.People;

/// <summary>The programme's roles (domain.md). Each one is held within a scope; see <see cref="RoleAssignment"/>.</summary>
public enum Role
{
    /// <summary>Professeur·e référent·e of one academic team.</summary>
    Referent,

    /// <summary>Enseignant·e of one academic team.</summary>
    Teacher,

    /// <summary>Inspecteur·rice of an académie, for one discipline.</summary>
    Inspector,

    /// <summary>Délégué·e académique au numérique, for one académie.</summary>
    Dan,

    /// <summary>Délégué·e régional·e académique au numérique, for the académies of one région académique.</summary>
    Dran,

    /// <summary>CARDIE representative of one académie (read access).</summary>
    Cardie,

    /// <summary>Member of the general inspectorate for one discipline.</summary>
    Igesr,

    /// <summary>DNE TN3 expert / project lead of one discipline's national group.</summary>
    ExpertTn3,

    /// <summary>Runs the bot: everything, everywhere.</summary>
    Admin,
}

/// <summary>
/// A role within its scope. Which scope fields are set depends on the role: team roles carry the team (and its
/// académie and theme, denormalised so that every check is one row read); inspectors an académie and a discipline;
/// DAN and CARDIE an académie; DRAN a région; IGÉSR and TN3 experts a discipline; admin nothing.
/// Every role but admin is given for one campaign (<see cref="CampaignId"/>): it grants nothing in the next one,
/// except reading its own campaign's data. Admins run the bot whatever the campaign (null).
/// </summary>
public sealed class RoleAssignment
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public Role Role { get; set; }
    public int? CampaignId { get; set; }
    public string? AcademyCode { get; set; }
    public string? RegionCode { get; set; }
    public string? DisciplineCode { get; set; }
    public int? ThemeId { get; set; }
    public long? TeamId { get; set; }

    /// <summary>
    /// The scope as one comparable string (e.g. "team:12", "academy:lyon|discipline:svt"): NULL columns never collide
    /// in a unique index, this key does, so the same role in the same scope cannot be granted twice.
    /// </summary>
    public string ScopeKey { get; set; } = "";

    /// <summary>The same role, in the same scope, for the same campaign.</summary>
    public bool Same(RoleAssignment other) => Role == other.Role && ScopeKey == other.ScopeKey && CampaignId == other.CampaignId;

    public static string KeyOf(string? academy, string? region, string? discipline, int? theme, long? team) =>
        team is not null ? $"team:{team}"
        : string.Join('|', new[] { ("academy", academy), ("region", region), ("discipline", discipline), ("theme", theme?.ToString(System.Globalization.CultureInfo.InvariantCulture)) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}:{p.Item2}"));

    internal sealed class Configuration : IEntityTypeConfiguration<RoleAssignment>
    {
        public void Configure(EntityTypeBuilder<RoleAssignment> b)
        {
            b.Property(r => r.Role).HasConversion<string>().HasMaxLength(32);
            b.Property(r => r.AcademyCode).HasMaxLength(64);
            b.Property(r => r.RegionCode).HasMaxLength(64);
            b.Property(r => r.DisciplineCode).HasMaxLength(64);
            b.Property(r => r.ScopeKey).HasMaxLength(200);
            b.HasIndex(r => new { r.PersonId, r.Role, r.ScopeKey, r.CampaignId }).IsUnique();
            b.HasIndex(r => r.TeamId);
            b.HasOne<AcademicTeam>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}
