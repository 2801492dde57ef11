using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TraAM.Bot.Campaigns;
using TraAM.Bot.People;

namespace TraAM.Bot.Meetings;

public enum MeetingState
{
    Scheduled,
    Cancelled,
}

/// <summary>
/// A kick-off or checkpoint meeting of one theme's national group (issue 12 §2). <see cref="Id"/> is also the Graph
/// transactionId's source, so it is chosen before the calendar is called. The event id, iCalUId, join URL, online
/// meeting id and <see cref="SecretaryPersonId"/> are the seam for the minutes (§3): transcripts and attendance are read
/// through them. In the fallback (no Graph) the event, join URL and online meeting id stay null.
/// </summary>
public sealed class Meeting
{
    public Guid Id { get; set; }
    public int CampaignId { get; set; }
    public int ThemeId { get; set; }
    public MeetingKind Kind { get; set; }
    public MeetingState State { get; set; }

    public DateTimeOffset StartUtc { get; set; }

    /// <summary>The IANA zone the organiser chose the time in (Europe/Paris unless chosen otherwise).</summary>
    public required string TimeZoneId { get; set; }

    public TimeSpan Duration { get; set; }
    public required string Subject { get; set; }
    public required string Agenda { get; set; }

    public long? OrganizerPersonId { get; set; }
    public long? SecretaryPersonId { get; set; }

    public string? GraphEventId { get; set; }
    public string? ICalUId { get; set; }
    public string? JoinUrl { get; set; }
    public string? OnlineMeetingId { get; set; }

    /// <summary>Grows with each reschedule: the concurrency token, the .ics SEQUENCE and part of the reminder keys.</summary>
    public int Revision { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// A meeting held outside the bot and put on record afterwards (created after its start): it has no calendar event,
    /// no invitation and no reminder; its minutes are asked for as soon as it has ended.
    /// </summary>
    public bool WasRecordedAfterwards() => CreatedAt > StartUtc;

    /// <summary>Over: no join link, nothing to add to a calendar, nothing to move.</summary>
    public bool HasEnded(DateTimeOffset now) => now >= StartUtc + Duration;

    internal sealed class Configuration : IEntityTypeConfiguration<Meeting>
    {
        public void Configure(EntityTypeBuilder<Meeting> b)
        {
            b.HasIndex(m => new { m.CampaignId, m.ThemeId, m.StartUtc });
            b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(24);
            b.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
            b.Property(m => m.TimeZoneId).HasMaxLength(64);
            b.Property(m => m.Subject).HasMaxLength(256);
            b.Property(m => m.Agenda).HasMaxLength(4000);
            b.Property(m => m.GraphEventId).HasMaxLength(512);
            b.Property(m => m.ICalUId).HasMaxLength(512);
            b.Property(m => m.JoinUrl).HasMaxLength(2048);
            b.Property(m => m.OnlineMeetingId).HasMaxLength(512);
            b.Property(m => m.Revision).IsConcurrencyToken();
            b.HasOne<Campaign>().WithMany().HasForeignKey(m => m.CampaignId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Theme>().WithMany().HasForeignKey(m => m.ThemeId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Person>().WithMany().HasForeignKey(m => m.OrganizerPersonId).OnDelete(DeleteBehavior.SetNull);
            b.HasOne<Person>().WithMany().HasForeignKey(m => m.SecretaryPersonId).OnDelete(DeleteBehavior.SetNull);
        }
    }
}

/// <summary>Who was invited, as they were when invited (the directory may change later; the minutes need the list).</summary>
public sealed class MeetingAttendance
{
    public long Id { get; set; }
    public Guid MeetingId { get; set; }
    public long? PersonId { get; set; }
    public required string Name { get; set; }
    public required string Email { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<MeetingAttendance>
    {
        public void Configure(EntityTypeBuilder<MeetingAttendance> b)
        {
            b.HasIndex(a => new { a.MeetingId, a.Email }).IsUnique();
            b.HasIndex(a => a.PersonId);
            b.Property(a => a.Name).HasMaxLength(256);
            b.Property(a => a.Email).HasMaxLength(320);
            b.HasOne<Meeting>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.SetNull);
        }
    }
}
