namespace TraAM.Bot.People.Import;

/// <summary>
/// A person as a valid file describes them, all their rows grouped under their e-mail (lower-cased: the directory's
/// key). <paramref name="AcademyCode"/> is the académie of their first row that names one (it decides their time
/// zone), null when none does. <paramref name="FirstLine"/> is where to point a problem about the person as a whole.
/// </summary>
public sealed record ImportedPerson(
    string Email,
    string LastName,
    string FirstName,
    string? EntraObjectId,
    string? AcademyCode,
    IReadOnlyList<ImportedRole> Roles,
    int FirstLine);

/// <summary>
/// One role within its scope, with only the scope fields the role uses (as <see cref="RoleAssignment"/> stores them):
/// team roles carry the académie, the discipline, the theme and the team's name as written (teams are found by
/// <see cref="Reference.TextKey"/> of the name within académie and theme); inspectors an académie and a discipline;
/// DAN and CARDIE an académie; DRAN a région; IGÉSR and TN3 experts a discipline; admin nothing. Inspectors, IGÉSR and
/// experts carry a theme only when the file names one.
/// </summary>
public sealed record ImportedRole(
    Role Role,
    string? AcademyCode,
    string? RegionCode,
    string? DisciplineCode,
    int? ThemeId,
    string? TeamName,
    int Line);

/// <summary>
/// The people of a file, or every problem found in it, sorted by line then column. All or nothing: when there is any
/// problem <paramref name="People"/> is empty, so that nothing half-valid can be applied.
/// </summary>
public sealed record DirectoryValidation(IReadOnlyList<ImportedPerson> People, IReadOnlyList<ImportProblem> Problems);
