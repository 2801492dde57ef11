using System.Globalization;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Reference;

namespace TraAM.Bot.People.Import;

/// <summary>
/// Says what the rows of a directory file mean against the current campaign's themes, and everything wrong with them:
/// each row on its own (<see cref="RowCheck"/>), then the rows of one person together (one e-mail = one person, with
/// one name and one Entra id; the same role in the same scope only once; an Entra id for one person only). Pure: no
/// database, so a file can be checked, and its problems listed, before anything is touched.
/// </summary>
public static class DirectoryValidator
{
    public static DirectoryValidation Validate(IReadOnlyList<DirectoryRow> rows, IReadOnlyList<Theme> themes)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(themes);
        var problems = new List<ImportProblem>();
        var people = new Dictionary<string, PersonBuilder>(StringComparer.Ordinal);
        var entraOwners = new Dictionary<string, (string Email, int Line)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var check = RowCheck.Check(row, themes, problems);
            if (check.Email is not { } email) continue;
            if (!people.TryGetValue(email, out var person))
            {
                people[email] = person = new PersonBuilder(email, check.Line);
            }

            person.Add(check, problems);
            if (check.EntraObjectId is { } entra)
            {
                if (!entraOwners.TryGetValue(entra, out var owner)) entraOwners[entra] = (email, check.Line);
                else if (owner.Email != email)
                {
                    problems.Add(new ImportProblem(check.Line, DirectoryFormat.Header(DirectoryColumn.EntraId),
                        $"L'identifiant Entra « {entra} » est déjà celui de {owner.Email} (ligne {owner.Line}) : un identifiant Entra désigne une seule personne."));
                }
            }
        }

        if (problems.Count > 0) return new([], Sorted(problems));
        return new([.. people.Values.Select(p => p.Build())], []);
    }

    private static List<ImportProblem> Sorted(List<ImportProblem> problems) =>
        [.. problems.OrderBy(p => p.Line).ThenBy(p => ColumnOrder(p.Column))];

    private static int ColumnOrder(string? column)
    {
        if (column is null) return -1;
        for (var i = 0; i < DirectoryColumns.All.Count; i++)
        {
            if (DirectoryFormat.Header(DirectoryColumns.All[i]) == column) return i;
        }

        return DirectoryColumns.All.Count;
    }

    /// <summary>One person's rows so far: the first row's identity, and the scopes already seen.</summary>
    private sealed class PersonBuilder(string email, int firstLine)
    {
        private readonly List<ImportedRole> _roles = [];
        private readonly Dictionary<string, int> _scopes = new(StringComparer.Ordinal);
        private (string Value, int Line)? _lastName;
        private (string Value, int Line)? _firstName;
        private (string Value, int Line)? _entra;
        private string? _academy;

        public void Add(RowCheck row, List<ImportProblem> problems)
        {
            Same(ref _lastName, row.LastName, row.Line, DirectoryColumn.LastName, "le même nom", problems);
            Same(ref _firstName, row.FirstName, row.Line, DirectoryColumn.FirstName, "le même prénom", problems);
            Same(ref _entra, row.EntraObjectId, row.Line, DirectoryColumn.EntraId, "le même identifiant Entra", problems);
            _academy ??= row.AcademyCode;
            if (row.Role is not { } role) return;
            var scope = ScopeOf(role);
            if (_scopes.TryGetValue(scope, out var line))
            {
                problems.Add(new ImportProblem(row.Line, null,
                    $"Ligne en double de la ligne {line} : même personne ({email}), même rôle ({DirectoryFormat.RoleWord(role.Role)}) et même périmètre. Supprimez l'une des deux lignes."));
                return;
            }

            _scopes[scope] = row.Line;
            _roles.Add(role);
        }

        public ImportedPerson Build() =>
            new(email, _lastName?.Value ?? "", _firstName?.Value ?? "", _entra?.Value, _academy, _roles, firstLine);

        /// <summary>Every row of a person must agree with the first one that gave a value: which one would be right?</summary>
        private void Same(ref (string Value, int Line)? first, string? value, int line, DirectoryColumn column, string what, List<ImportProblem> problems)
        {
            if (string.IsNullOrEmpty(value)) return;
            if (first is null)
            {
                first = (value, line);
                return;
            }

            if (first.Value.Value == value) return;
            var header = DirectoryFormat.Header(column);
            problems.Add(new ImportProblem(line, header,
                $"{header} différent de la ligne {first.Value.Line} pour {email} : « {Excerpt.Of(value)} » ici, « {Excerpt.Of(first.Value.Value)} » ligne {first.Value.Line}. Une même personne doit avoir {what} sur toutes ses lignes."));
        }

        /// <summary>The role and its scope as one comparable key; a team is its académie, theme and name's key.</summary>
        private static string ScopeOf(ImportedRole r) => string.Join('|',
            r.Role.ToString(), r.AcademyCode, r.RegionCode, r.DisciplineCode,
            r.ThemeId?.ToString(CultureInfo.InvariantCulture), TextKey.Of(r.TeamName));
    }
}
