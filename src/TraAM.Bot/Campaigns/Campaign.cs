using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TraAM.Bot.Campaigns;

/// <summary>
/// One yearly call (e.g. 2026-2027) and its calendar. Dates are calendar days, not instants: "before the end of March"
/// is the same day in Paris and in Nouméa, and reminders turn it into 9:00 where each person works.
/// </summary>
public sealed class Campaign
{
    public int Id { get; set; }
    public required string Code { get; set; }

    /// <summary>DAN/DRAN send the académie's selected candidacies to the DNE (before the end of March).</summary>
    public DateOnly SubmissionDeadline { get; set; }

    /// <summary>Results of the national selection sent to DAN/DRAN (mid-June).</summary>
    public DateOnly ResultsDate { get; set; }

    /// <summary>Selected teams start working (September).</summary>
    public DateOnly WorkStart { get; set; }

    /// <summary>The national kick-off meeting takes place on or before this day (end of October).</summary>
    public DateOnly KickoffDeadline { get; set; }

    /// <summary>Remote checkpoint meetings of each national group during the year ("2 or 3").</summary>
    public int CheckpointsMin { get; set; }

    public int CheckpointsMax { get; set; }

    /// <summary>Productions finished on or before this day ("before May").</summary>
    public DateOnly CompletionDeadline { get; set; }

    /// <summary>End-of-year bilan of each referent expected on or before this day.</summary>
    public DateOnly BilanDeadline { get; set; }

    /// <summary>Days before each deadline when people are reminded, largest first ("30,7,1": J-30, J-7, J-1).</summary>
    public string ReminderOffsets { get; set; } = DefaultReminderOffsets;

    public const string DefaultReminderOffsets = "30,7,1";

    /// <summary>
    /// Projects selected per discipline (NSI's two themes share one quota), when the call set its own; null: the
    /// <c>Campaign__SelectionQuota</c> setting. Read through <see cref="QuotaOf"/>.
    /// </summary>
    public int? SelectionQuota { get; set; }

    public int QuotaOf(CampaignOptions options) => SelectionQuota ?? options.SelectionQuota;

    /// <summary>
    /// The DGESCO and IH2EF e-mail addresses a diffused national synthesis goes to ("a@x.fr b@y.fr"); null: none kept.
    /// </summary>
    public string? SynthesisRecipients { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Incremented by every save of the calendar and checked by it (a concurrency token): a card shown before another
    /// save carries an older number, and of two saves at once only one passes.
    /// </summary>
    public int Version { get; set; }

    public List<Theme> Themes { get; } = [];

    /// <summary>The offsets as numbers; what cannot be read is ignored (the calendar card validates what it saves).</summary>
    public IReadOnlyList<int> ReminderDays => ParseOffsets(ReminderOffsets) ?? ParseOffsets(DefaultReminderOffsets)!;

    /// <summary>"30, 7, 1" → [30, 7, 1]; null unless 1 to 5 distinct whole numbers of days from 1 to 120.</summary>
    public static IReadOnlyList<int>? ParseOffsets(string? text)
    {
        var parts = (text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var days = new List<int>();
        foreach (var part in parts)
        {
            var digits = part.TrimStart('J', 'j', '-');
            if (!int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d) || d is < 1 or > 120) return null;
            days.Add(d);
        }

        return days.Count is >= 1 and <= 5 && days.Distinct().Count() == days.Count ? [.. days.OrderDescending()] : null;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<Campaign>
    {
        public void Configure(EntityTypeBuilder<Campaign> b)
        {
            b.HasIndex(c => c.Code).IsUnique();
            b.Property(c => c.Id).ValueGeneratedNever(); // campaigns are created with their call, never by an identity
            b.Property(c => c.Code).HasMaxLength(16);
            b.Property(c => c.ReminderOffsets).HasMaxLength(64).HasDefaultValue(DefaultReminderOffsets);
            b.Property(c => c.Version).IsConcurrencyToken();
            b.Property(c => c.SynthesisRecipients).HasMaxLength(1000);
            b.HasMany(c => c.Themes).WithOne().HasForeignKey(t => t.CampaignId);
            b.HasData(Call2026.Campaign);
        }
    }
}

/// <summary>A theme of a campaign in a discipline (NSI has two; SVT has a year-1 and a year-2 theme).</summary>
public sealed class Theme
{
    public int Id { get; set; }
    public int CampaignId { get; set; }
    public required string DisciplineCode { get; set; }

    /// <summary>Stable within the campaign: the discipline code, with "-N" when the discipline has several themes.</summary>
    public required string Code { get; set; }

    /// <summary>1 or 2 for disciplines with several themes, else 1.</summary>
    public int Number { get; set; } = 1;

    public required string Title { get; set; }

    /// <summary>1, or 2 for a second-year theme.</summary>
    public int Year { get; set; } = 1;

    /// <summary>A second-year theme open only to teams that took part in year 1.</summary>
    public bool RequiresYearOne { get; set; }

    /// <summary>When the national selection of the theme was published (once), and by whom.</summary>
    public DateTimeOffset? ResultsPublishedAt { get; set; }

    public string? ResultsPublishedByName { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<Theme>
    {
        public void Configure(EntityTypeBuilder<Theme> b)
        {
            b.HasIndex(t => new { t.CampaignId, t.Code }).IsUnique();
            b.Property(t => t.Id).ValueGeneratedNever(); // seeded with the call's numbering; no identity to collide with
            b.Property(t => t.Code).HasMaxLength(64);
            b.Property(t => t.DisciplineCode).HasMaxLength(64);
            b.Property(t => t.Title).HasMaxLength(400);
            b.Property(t => t.ResultsPublishedByName).HasMaxLength(256);
            b.HasData(Call2026.Themes);
        }
    }
}

/// <summary>Who changed which date of the calendar, from what to what: the calendar is shared, its history is kept.</summary>
public sealed class CalendarChange
{
    public long Id { get; set; }
    public int CampaignId { get; set; }
    public required string Field { get; set; }
    public required string OldValue { get; set; }
    public required string NewValue { get; set; }
    public long? ChangedByPersonId { get; set; }
    public required string ChangedByName { get; set; }
    public DateTimeOffset ChangedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<CalendarChange>
    {
        public void Configure(EntityTypeBuilder<CalendarChange> b)
        {
            b.HasIndex(c => new { c.CampaignId, c.ChangedAt });
            b.Property(c => c.Field).HasMaxLength(64);
            b.Property(c => c.OldValue).HasMaxLength(64);
            b.Property(c => c.NewValue).HasMaxLength(64);
            b.Property(c => c.ChangedByName).HasMaxLength(256);
            b.HasOne<Campaign>().WithMany().HasForeignKey(c => c.CampaignId);
        }
    }
}
