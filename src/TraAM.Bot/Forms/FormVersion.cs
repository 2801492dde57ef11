using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TraAM.Bot.Forms;

/// <summary>
/// One submitted version of a form answered in a card (a candidacy, later a check-in, a bilan, minutes): what was
/// submitted, by whom, when. Versions are numbered from 1 per form and never changed: decisions name the version they
/// were about, and the history can be shown and audited.
/// </summary>
public sealed class FormVersion
{
    public long Id { get; set; }

    /// <summary>The kind of form ("candidacy"…): with <see cref="SubjectId"/>, which form this is a version of.</summary>
    public required string Kind { get; set; }

    public long SubjectId { get; set; }
    public int Number { get; set; }

    /// <summary>The answers, field id → text, as the form's definition read them (bounded by each field's length).</summary>
    public required string AnswersJson { get; set; }

    public long? ByPersonId { get; set; }
    public required string ByName { get; set; }
    public DateTimeOffset At { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<FormVersion>
    {
        public void Configure(EntityTypeBuilder<FormVersion> b)
        {
            b.HasIndex(v => new { v.Kind, v.SubjectId, v.Number }).IsUnique();
            b.Property(v => v.Kind).HasMaxLength(32);
            b.Property(v => v.ByName).HasMaxLength(256);
            b.HasOne<People.Person>().WithMany().HasForeignKey(v => v.ByPersonId).OnDelete(DeleteBehavior.SetNull);
        }
    }
}
