using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TraAM.Bot.People;

namespace TraAM.Bot.Meetings.Minutes;

/// <summary>Where a meeting's minutes stand, as <c>réunions</c> says it.</summary>
public enum MinutesState
{
    /// <summary>The card was sent (or is to be): nothing saved yet.</summary>
    ToWrite,

    /// <summary>"Enregistrer" was pressed: answers kept, nothing published.</summary>
    Draft,

    /// <summary>Published to the national group's channel (version N); a correction publishes N+1.</summary>
    Published,
}

/// <summary>
/// The minutes (compte rendu) of one meeting: a versioned form answered in a card (the answers as last saved; each
/// publication a <see cref="Forms.FormVersion"/> of kind <see cref="FormKind"/>), with what Graph gave after the
/// meeting: the attendance report (who joined, for how long) and the transcript (VTT, kept as received). Kept with the
/// campaign (three years after its bilan deadline), like the national bilans the syntheses are compiled from.
/// </summary>
public sealed class MeetingMinutes
{
    public const string FormKind = "minutes";

    public long Id { get; set; }
    public Guid MeetingId { get; set; }
    public MinutesState State { get; set; }

    /// <summary>Field id → text, as <see cref="MinutesForm"/> read them.</summary>
    public required string AnswersJson { get; set; }

    /// <summary>The last published version's number; 0 until published.</summary>
    public int Version { get; set; }

    /// <summary>The concurrency token: two cards saving at once, one wins, the other is shown the newer save.</summary>
    public int Revision { get; set; }

    /// <summary>Graph's attendance report as we keep it (JSON list of name, e-mail, seconds), null when none was read.</summary>
    public string? ReportedAttendanceJson { get; set; }

    /// <summary>Graph's transcript, WebVTT as received; null when there was none (fallback, no permission, not recorded).</summary>
    public string? TranscriptVtt { get; set; }

    /// <summary>What the collection found at Graph, for the card's note ("graph", "none", "refused", "local").</summary>
    public required string ArtefactsSource { get; set; }

    public long? ByPersonId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<MeetingMinutes>
    {
        public void Configure(EntityTypeBuilder<MeetingMinutes> b)
        {
            b.HasIndex(m => m.MeetingId).IsUnique();
            b.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
            b.Property(m => m.ArtefactsSource).HasMaxLength(16);
            b.Property(m => m.Revision).IsConcurrencyToken();
            b.HasOne<Meeting>().WithMany().HasForeignKey(m => m.MeetingId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Person>().WithMany().HasForeignKey(m => m.ByPersonId).OnDelete(DeleteBehavior.SetNull);
        }
    }
}

/// <summary>
/// One action decided in a meeting, as last published: what, who (an attendee in the directory), by when. An action with
/// an owner and a due date is a deadline of that person (<c>Reminders/Deadline.OfAction</c>); "C'est fait" sets <see cref="DoneAt"/>.
/// </summary>
public sealed class MeetingAction
{
    public long Id { get; set; }
    public Guid MeetingId { get; set; }

    /// <summary>The row of the card (1…): a correction updates the same action rather than making a new deadline.</summary>
    public int Row { get; set; }

    public required string What { get; set; }
    public long? OwnerPersonId { get; set; }
    public DateOnly? Due { get; set; }
    public DateTimeOffset? DoneAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<MeetingAction>
    {
        public void Configure(EntityTypeBuilder<MeetingAction> b)
        {
            b.HasIndex(a => new { a.MeetingId, a.Row }).IsUnique();
            b.HasIndex(a => a.OwnerPersonId);
            b.Property(a => a.What).HasMaxLength(300);
            b.HasOne<Meeting>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Person>().WithMany().HasForeignKey(a => a.OwnerPersonId).OnDelete(DeleteBehavior.SetNull);
        }
    }
}
