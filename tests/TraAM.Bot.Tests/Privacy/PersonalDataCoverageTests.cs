using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using TraAM.Bot.Data;
using TraAM.Bot.People;
using TraAM.Bot.Privacy;

namespace TraAM.Bot.Tests.Privacy;

/// <summary>
/// The erasure covers every table: each column of the EF model that can hold personal data (a foreign key to a
/// person, or a name <see cref="PersonalData.LooksPersonal"/> flags) must have its line in
/// <see cref="PersonalData.Columns"/>, saying what erasure does with it. A new table or column fails here, with the
/// line to add.
/// </summary>
public sealed class PersonalDataCoverageTests
{
    private static IModel Model()
    {
        using var db = new SqliteTraamDbContext(new DbContextOptionsBuilder<SqliteTraamDbContext>().UseSqlite("Data Source=:memory:").Options);
        return db.Model;
    }

    /// <summary>Every (entity, property) of the model that can hold personal data.</summary>
    internal static IReadOnlyList<(string Entity, string Property, string Because)> PersonalColumnsOf(IModel model) =>
    [
        .. model.GetEntityTypes().Where(e => !e.IsOwned()).SelectMany(e => e.GetProperties().Select(p => (Entity: e, Property: p)))
            .Select(x => (Entity: x.Entity.ClrType.Name, Property: x.Property.Name, Because: Reason(x.Entity, x.Property)))
            .Where(x => x.Because is not null)
            .Select(x => (x.Entity, x.Property, x.Because!))
            .Distinct()
            .OrderBy(x => x.Entity, StringComparer.Ordinal).ThenBy(x => x.Property, StringComparer.Ordinal),
    ];

    private static string? Reason(IEntityType entity, IProperty property)
    {
        if (property.IsPrimaryKey() && entity.ClrType == typeof(Person)) return null; // the row itself is the subject: its columns are listed
        if (property.GetContainingForeignKeys().Any(fk => fk.PrincipalEntityType.ClrType == typeof(Person))) return "a foreign key to Person";
        return PersonalData.LooksPersonal(property.Name) ? "its name looks personal" : null;
    }

    [Fact]
    public void EveryColumnThatCanHoldPersonalData_IsDecidedInTheErasuresTable()
    {
        var missing = PersonalColumnsOf(Model()).Where(c => PersonalData.Find(c.Entity, c.Property) is null).ToList();

        Assert.True(missing.Count == 0,
            "These columns can hold personal data but src/TraAM.Bot/Privacy/PersonalData.cs does not say what erasing a person does with them. "
            + "Add one line each to PersonalData.Columns (and do it in PersonEraser when it is not Keep):\n"
            + string.Join('\n', missing.Select(m => $"        new(\"{m.Entity}\", \"{m.Property}\", Handling.Keep, \"why\"), // {m.Because}")));
    }

    [Fact]
    public void TheTable_NamesOnlyColumnsThatExist_OnceEach_WithAReason()
    {
        var model = Model();
        var existing = model.GetEntityTypes().SelectMany(e => e.GetProperties().Select(p => (e.ClrType.Name, p.Name))).ToHashSet();

        Assert.All(PersonalData.Columns, c => Assert.True(existing.Contains((c.Entity, c.Property)), $"{c.Entity}.{c.Property} is not in the model any more: remove its line."));
        Assert.All(PersonalData.Columns, c => Assert.False(string.IsNullOrWhiteSpace(c.Why), $"{c.Entity}.{c.Property} needs a reason."));
        Assert.Equal(PersonalData.Columns.Count, PersonalData.Columns.Select(c => (c.Entity, c.Property)).Distinct().Count());
    }

    [Fact]
    public void EveryForeignKeyToAPerson_IsFound_SoANewOneCannotHideBehindAnOrdinaryName()
    {
        var columns = PersonalColumnsOf(Model());

        // The detection itself, on what exists today: each person foreign key, whatever its name.
        Assert.Contains(("RoleAssignment", "PersonId", "a foreign key to Person"), columns);
        Assert.Contains(("Meeting", "SecretaryPersonId", "a foreign key to Person"), columns);
        Assert.Contains(("MeetingAttendance", "PersonId", "a foreign key to Person"), columns);
        Assert.Contains(("WorkGroup", "LinkedByPersonId", "its name looks personal"), columns); // no foreign key: found by its name
        Assert.Contains(columns, c => c is ("Person", "Email", _));
        Assert.True(PersonalData.LooksPersonal("MinutesText"));
        Assert.True(PersonalData.LooksPersonal("AuthorId"));
        Assert.False(PersonalData.LooksPersonal("CampaignId"));
    }
}
