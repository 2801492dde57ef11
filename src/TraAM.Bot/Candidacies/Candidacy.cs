using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TraAM.Bot.Campaigns;
using TraAM.Bot.People;

namespace TraAM.Bot.Candidacies;

/// <summary>Where a candidacy is, from the referent's draft to the national selection.</summary>
public enum CandidacyState
{
    /// <summary>Being written; never submitted, or submitted once and being changed (then <see cref="Candidacy.Version"/> &gt; 0).</summary>
    Draft,

    /// <summary>Submitted: the académie's inspectors decide on version <see cref="Candidacy.Version"/>.</summary>
    Pending,

    /// <summary>An inspector asked for changes (comment in the last decision); the referent edits and submits again.</summary>
    ChangesRequested,

    Approved,
    Rejected,

    /// <summary>Sent to the DNE by the DAN/DRAN; no longer editable.</summary>
    Transmitted,

    /// <summary>Selected by the national selection (published).</summary>
    Selected,

    /// <summary>Not selected (published); kept with its history.</summary>
    NotSelected,
}

/// <summary>
/// A team's candidacy to a campaign's call (one per team, hence per team and campaign): the answers being edited, the
/// number of the last submitted version (its text is a <see cref="Forms.FormVersion"/>), and the state of the
/// decision on it. <see cref="Revision"/> changes with every write and is checked by each: of two decisions at once,
/// or a decision and an edit, exactly one passes.
/// </summary>
public sealed class Candidacy
{
    public const string FormKind = "candidacy";

    public long Id { get; set; }
    public int CampaignId { get; set; }
    public long TeamId { get; set; }
    public int ThemeId { get; set; }
    public required string AcademyCode { get; set; }

    /// <summary>The answers as last saved (draft or submitted), field id → text.</summary>
    public required string AnswersJson { get; set; }

    /// <summary>The project title, copied from the answers for lists and exports.</summary>
    public required string Title { get; set; }

    public CandidacyState State { get; set; }

    /// <summary>The last submitted version's number; 0 while never submitted.</summary>
    public int Version { get; set; }

    /// <summary>Concurrency token, incremented by every write.</summary>
    public int Revision { get; set; }

    /// <summary>The version the national selection retained while it is being decided (before publication).</summary>
    public bool PreSelected { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>The last decision (approval, refusal, changes asked), also kept in <see cref="CandidacyDecision"/>.</summary>
    public DateTimeOffset? DecidedAt { get; set; }

    public long? DecidedByPersonId { get; set; }
    public string? DecidedByName { get; set; }
    public string? DecisionComment { get; set; }

    public DateTimeOffset? TransmittedAt { get; set; }
    public string? TransmittedByName { get; set; }

    public bool IsEditable => State is CandidacyState.Draft or CandidacyState.Pending or CandidacyState.ChangesRequested
        or CandidacyState.Approved or CandidacyState.Rejected;

    internal sealed class Configuration : IEntityTypeConfiguration<Candidacy>
    {
        public void Configure(EntityTypeBuilder<Candidacy> b)
        {
            b.HasIndex(c => c.TeamId).IsUnique(); // a team belongs to one campaign: one candidacy per team and campaign
            b.HasIndex(c => new { c.CampaignId, c.AcademyCode, c.State });
            b.HasIndex(c => new { c.CampaignId, c.ThemeId, c.State });
            b.Property(c => c.AcademyCode).HasMaxLength(64);
            b.Property(c => c.Title).HasMaxLength(200);
            b.Property(c => c.State).HasConversion<string>().HasMaxLength(24);
            b.Property(c => c.Revision).IsConcurrencyToken();
            b.Property(c => c.DecidedByName).HasMaxLength(256);
            b.Property(c => c.DecisionComment).HasMaxLength(2000);
            b.Property(c => c.TransmittedByName).HasMaxLength(256);
            b.HasOne<Campaign>().WithMany().HasForeignKey(c => c.CampaignId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Theme>().WithMany().HasForeignKey(c => c.ThemeId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<AcademicTeam>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Restrict);
        }
    }
}

/// <summary>What an inspector decided, or what happened to a candidacy afterwards (transmission, selection).</summary>
public enum CandidacyDecisionKind
{
    Approved,
    Rejected,
    ChangesRequested,
    Transmitted,
    Selected,
    NotSelected,
}

/// <summary>The audit of a candidacy: every decision on it, with the version it was about. Never changed.</summary>
public sealed class CandidacyDecision
{
    public long Id { get; set; }
    public long CandidacyId { get; set; }
    public int Version { get; set; }
    public CandidacyDecisionKind Kind { get; set; }
    public string? Comment { get; set; }
    public long? ByPersonId { get; set; }
    public required string ByName { get; set; }
    public DateTimeOffset At { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<CandidacyDecision>
    {
        public void Configure(EntityTypeBuilder<CandidacyDecision> b)
        {
            b.HasIndex(d => new { d.CandidacyId, d.At });
            b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(24);
            b.Property(d => d.Comment).HasMaxLength(2000);
            b.Property(d => d.ByName).HasMaxLength(256);
            b.HasOne<Candidacy>().WithMany().HasForeignKey(d => d.CandidacyId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Person>().WithMany().HasForeignKey(d => d.ByPersonId).OnDelete(DeleteBehavior.SetNull);
        }
    }
}

/// <summary>
/// A "document de synthèse" produced for a DAN/DRAN (the XLSX of their académie's or région's candidacies), kept until
/// it is delivered through Teams' file consent or expires; then only its audit row stays (who, when, how many).
/// </summary>
public sealed class CandidacyExport
{
    public long Id { get; set; }
    public int CampaignId { get; set; }

    /// <summary>"academy:lyon" or "region:auvergne-rhone-alpes": what was transmitted.</summary>
    public required string ScopeKey { get; set; }

    public long ByPersonId { get; set; }
    public required string ByName { get; set; }
    public DateTimeOffset At { get; set; }
    public required string FileName { get; set; }

    /// <summary>The file until delivered or expired; null afterwards (personal data are not kept twice).</summary>
    public byte[]? Content { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
    public int Count { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<CandidacyExport>
    {
        public void Configure(EntityTypeBuilder<CandidacyExport> b)
        {
            b.HasIndex(e => new { e.CampaignId, e.ScopeKey });
            b.Property(e => e.ScopeKey).HasMaxLength(128);
            b.Property(e => e.ByName).HasMaxLength(256);
            b.Property(e => e.FileName).HasMaxLength(200);
            b.HasOne<Person>().WithMany().HasForeignKey(e => e.ByPersonId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
