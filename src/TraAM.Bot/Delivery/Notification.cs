using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TraAM.Bot.Delivery;

/// <summary>Where a notification is in its life. Only <see cref="Pending"/> rows are ever picked up to be sent.</summary>
public enum NotificationState
{
    /// <summary>Waiting for <see cref="Notification.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>A worker is posting it now. Never picked up again: if the worker dies here, the row becomes <see cref="Unconfirmed"/>.</summary>
    Sending,

    /// <summary>Teams accepted it (201, with the activity id when Teams gives one).</summary>
    Sent,

    /// <summary>
    /// The POST may or may not have reached Teams (timeout, 5xx, process killed mid-call). Teams offers no idempotency
    /// key, so sending again could post it twice: it is kept aside, visible, and not re-sent.
    /// </summary>
    Unconfirmed,

    /// <summary>Will never be sent; <see cref="Notification.FailureReason"/> says why, in French.</summary>
    Failed,

    /// <summary>No longer wanted (the deadline moved, the awaited thing arrived).</summary>
    Cancelled,
}

/// <summary>
/// One proactive message in the outbox. Its <see cref="Key"/> (kind, subject, recipient, occurrence) is unique: asking
/// twice for the same notification creates one row, which is how retried jobs and re-planned reminders stay single.
/// The payload is a card name and its data; the card is rendered at send time, in the recipient's language.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public required string Kind { get; set; }

    /// <summary>What it is about (e.g. "campaign:1:submission"), so a change of that thing can cancel or re-plan it.</summary>
    public required string Subject { get; set; }

    /// <summary>A person (their personal chat) or a working group (its linked channel): exactly one is set.</summary>
    public long? PersonId { get; set; }

    public long? WorkGroupId { get; set; }
    public required string Card { get; set; }
    public required string DataJson { get; set; }

    /// <summary>When it was meant to go out; the queue delay is measured from here.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>When a worker may next try (<see cref="DueAt"/>, later after a throttle or a transient failure).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Past this instant it is pointless (the deadline itself is over): cancelled instead of sent late.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public NotificationState State { get; set; }
    public int Attempts { get; set; }

    /// <summary>The claim that holds it (one worker's batch) and until when; an expired lease frees a Pending row.</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? SendingSince { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? ActivityId { get; set; }

    /// <summary>
    /// Incremented each time <see cref="DataJson"/> changes after creation (a card whose subject moved on: a decision,
    /// a new version). A sent copy whose <see cref="ShownRevision"/> is behind is updated in place by <c>CardCopiesJob</c>.
    /// </summary>
    public int Revision { get; set; }

    /// <summary>The revision Teams shows: set when sent and after each successful update in place.</summary>
    public int ShownRevision { get; set; }
    public string? FailureReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<Notification>
    {
        public void Configure(EntityTypeBuilder<Notification> b)
        {
            b.HasIndex(n => n.Key).IsUnique();
            b.HasIndex(n => new { n.State, n.NextAttemptAt });
            b.HasIndex(n => n.Subject);
            b.HasIndex(n => n.PersonId);
            b.Property(n => n.Key).HasMaxLength(400);
            b.Property(n => n.Kind).HasMaxLength(64);
            b.Property(n => n.Subject).HasMaxLength(200);
            b.Property(n => n.Card).HasMaxLength(128);
            b.Property(n => n.State).HasConversion<string>().HasMaxLength(16);
            b.Property(n => n.LeaseOwner).HasMaxLength(64);
            b.Property(n => n.ActivityId).HasMaxLength(256);
            b.Property(n => n.FailureReason).HasMaxLength(400);
            b.HasOne<People.Person>().WithMany().HasForeignKey(n => n.PersonId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<People.WorkGroup>().WithMany().HasForeignKey(n => n.WorkGroupId).OnDelete(DeleteBehavior.Cascade);
            b.ToTable(t => t.HasCheckConstraint("CK_Notifications_OneRecipient",
                "(\"PersonId\" IS NULL) <> (\"WorkGroupId\" IS NULL)"));
        }
    }
}

/// <summary>
/// One reservation slot of the shared rate limiter: the "theoretical arrival time" of the next request for a key
/// (GCRA). One row per tenant and per conversation window, shared by every worker of every instance.
/// </summary>
public sealed class RateSlot
{
    public required string Key { get; set; }

    /// <summary>UTC ticks of the wall clock: Teams counts real seconds, whatever a test or an admin does to the business clock.</summary>
    public long NextFreeTicks { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<RateSlot>
    {
        public void Configure(EntityTypeBuilder<RateSlot> b)
        {
            b.HasKey(s => s.Key);
            b.Property(s => s.Key).HasMaxLength(450);
        }
    }
}
