using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TraAM.Bot.Reminders.Holidays;

/// <summary>A school-holiday period of one zone, as imported from the ministry's calendar (ICS) by an admin.</summary>
public sealed class SchoolHoliday
{
    public long Id { get; set; }
    public required string Zone { get; set; }
    public DateOnly FirstDay { get; set; }
    public DateOnly LastDay { get; set; }
    public required string Label { get; set; }
    public DateTimeOffset ImportedAt { get; set; }

    public HolidayPeriod ToPeriod() => new(Zone, FirstDay, LastDay, Label);

    internal sealed class Configuration : IEntityTypeConfiguration<SchoolHoliday>
    {
        public void Configure(EntityTypeBuilder<SchoolHoliday> b)
        {
            b.HasIndex(h => new { h.Zone, h.FirstDay });
            b.Property(h => h.Zone).HasMaxLength(64);
            b.Property(h => h.Label).HasMaxLength(200);
        }
    }
}
