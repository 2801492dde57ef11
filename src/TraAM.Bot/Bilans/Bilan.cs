using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TraAM.Bot.People;

namespace TraAM.Bot.Bilans;

/// <summary>
/// One team's end-of-year bilan (one per team, hence per team and campaign): the answers as last saved, the number of
/// the last submitted version (its text is a <see cref="Forms.FormVersion"/> of kind <see cref="FormKind"/>, with who
/// and when), and <see cref="Revision"/>, the concurrency token, as for check-ins. The synthesis reads the versions.
/// </summary>
public sealed class Bilan
{
    public const string FormKind = "bilan";

    public long Id { get; set; }
    public long CollectionId { get; set; }
    public long TeamId { get; set; }

    /// <summary>Field id → text, as <see cref="BilanForm.Definition"/> read them (ids shared with the synthesis).</summary>
    public required string AnswersJson { get; set; }

    /// <summary>The last submitted version's number; 0 while only a draft.</summary>
    public int Version { get; set; }

    public int Revision { get; set; }

    public long? ByPersonId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<Bilan>
    {
        public void Configure(EntityTypeBuilder<Bilan> b)
        {
            b.HasIndex(x => x.TeamId).IsUnique(); // a team belongs to one campaign: one bilan per team and campaign
            b.HasIndex(x => x.CollectionId);
            b.Property(x => x.Revision).IsConcurrencyToken();
            b.HasOne<BilanCollection>().WithMany().HasForeignKey(x => x.CollectionId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<AcademicTeam>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Person>().WithMany().HasForeignKey(x => x.ByPersonId).OnDelete(DeleteBehavior.SetNull);
        }
    }
}

/// <summary>What the check of a production's address found.</summary>
public enum UrlCheckOutcome
{
    /// <summary>It answers (2xx), without a login page on the way.</summary>
    Ok,

    /// <summary>It sends to a login page (a redirect there, or 401/403): the production is not public.</summary>
    LoginRequired,

    /// <summary>It answers with an error (404, 500…).</summary>
    Error,

    /// <summary>Could not be reached (DNS, refused, timeout): nothing is concluded, the referent is not blamed.</summary>
    Unreachable,
}

/// <summary>
/// The last check of one production address of a bilan (one row per bilan and field): run after each submission by
/// <see cref="CheckBilanUrlsJob"/>, never blocking it. <see cref="Url"/> is the address checked, so a result about an
/// address since changed is recognisable.
/// </summary>
public sealed class BilanUrlCheck
{
    public long Id { get; set; }
    public long BilanId { get; set; }

    /// <summary>The form field (url_scenarios…).</summary>
    public required string FieldId { get; set; }

    public required string Url { get; set; }
    public UrlCheckOutcome Outcome { get; set; }

    /// <summary>The last HTTP status seen, when there was one.</summary>
    public int? StatusCode { get; set; }

    /// <summary>Where it led (the login page's host and path), or why it could not be reached; no body, no query string.</summary>
    public string? Detail { get; set; }

    public DateTimeOffset CheckedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<BilanUrlCheck>
    {
        public void Configure(EntityTypeBuilder<BilanUrlCheck> b)
        {
            b.HasIndex(x => new { x.BilanId, x.FieldId }).IsUnique();
            b.Property(x => x.FieldId).HasMaxLength(32);
            b.Property(x => x.Url).HasMaxLength(500);
            b.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
            b.Property(x => x.Detail).HasMaxLength(300);
            b.HasOne<Bilan>().WithMany().HasForeignKey(x => x.BilanId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
