using System.Text.RegularExpressions;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Reference;

namespace TraAM.Bot.People.Import;

/// <summary>
/// One row checked on its own: each cell read, and the role's scope built from the cells its role needs (see
/// <see cref="ImportedRole"/>). Every problem of the row is reported, not only the first, so that one round of
/// corrections is enough. Cells a role does not need are ignored, except the académie, which still tells where the
/// person works.
/// </summary>
internal sealed partial record RowCheck(int Line, string? Email, string LastName, string FirstName, string? EntraObjectId, string? AcademyCode, ImportedRole? Role)
{
    // The database's column sizes: a longer value would fail the whole import with a database error instead.
    private const int MaxName = 128;
    private const int MaxEmail = 320;
    private const int MaxTeam = 200;

    public static RowCheck Check(DirectoryRow row, IReadOnlyList<Theme> themes, List<ImportProblem> problems)
    {
        var line = row.Line;
        void Problem(DirectoryColumn column, string message) => problems.Add(new ImportProblem(line, DirectoryFormat.Header(column), message));

        var lastName = ReadName(row, DirectoryColumn.LastName, "le nom de famille", Problem);
        var firstName = ReadName(row, DirectoryColumn.FirstName, "le prénom", Problem);
        var email = ReadEmail(row[DirectoryColumn.Email], Problem);

        var roleText = row[DirectoryColumn.Role];
        var role = DirectoryFormat.FindRole(roleText);
        if (role is null)
        {
            Problem(DirectoryColumn.Role, roleText.Length == 0
                ? $"Rôle manquant. Rôles possibles : {DirectoryFormat.RoleWords}."
                : $"Rôle inconnu : « {Excerpt.Of(roleText)} ». Rôles possibles : {DirectoryFormat.RoleWords}.");
        }

        var (academy, region, academyOk) = Place(row[DirectoryColumn.Academy], role, Problem);
        var (discipline, theme, disciplineOk) = Subject(row[DirectoryColumn.Discipline], role, themes, Problem);
        var (team, teamOk) = ReadTeam(row[DirectoryColumn.Team], role, Problem);
        var entra = ReadEntraId(row[DirectoryColumn.EntraId], Problem);

        ImportedRole? imported = null;
        if (role is { } r && academyOk && disciplineOk && teamOk)
        {
            imported = r switch
            {
                People.Role.Referent or People.Role.Teacher => new(r, academy!.Code, null, theme!.DisciplineCode, theme.Id, team, line),
                People.Role.Inspector => new(r, academy!.Code, null, discipline!.Code, theme?.Id, null, line),
                People.Role.Dan or People.Role.Cardie => new(r, academy!.Code, null, null, null, null, line),
                People.Role.Dran => new(r, null, region!.Code, null, null, null, line),
                People.Role.Igesr or People.Role.ExpertTn3 => new(r, null, null, discipline!.Code, theme?.Id, null, line),
                _ => new(r, null, null, null, null, null, line),
            };
        }

        return new RowCheck(line, email, lastName, firstName, entra, academy?.Code, imported);
    }

    private static string ReadName(DirectoryRow row, DirectoryColumn column, string what, Action<DirectoryColumn, string> problem)
    {
        var value = row[column];
        var header = DirectoryFormat.Header(column);
        if (value.Length == 0) problem(column, $"{header} manquant : indiquez {what} de la personne.");
        else if (value.Length > MaxName) problem(column, $"{header} trop long : {value.Length} caractères, {MaxName} au plus (« {Excerpt.Of(value, 30)} »).");
        return value;
    }

    /// <summary>Lower-cased, or null when missing or not an address (one @, a dotted domain, no spaces).</summary>
    private static string? ReadEmail(string value, Action<DirectoryColumn, string> problem)
    {
        if (value.Length == 0)
        {
            problem(DirectoryColumn.Email, "Courriel manquant : indiquez l'adresse électronique de la personne (ex. camille.martin@ac-lyon.fr) ; c'est elle qui l'identifie.");
            return null;
        }

        var email = value.ToLowerInvariant();
        if (email.Length <= MaxEmail && EmailShape().IsMatch(email)) return email;
        problem(DirectoryColumn.Email, $"Adresse électronique invalide : « {Excerpt.Of(value)} ». Attendu : une seule adresse comme camille.martin@ac-lyon.fr (un @, un domaine avec un point, sans espace).");
        return null;
    }

    /// <summary>The académie (and région) of the row; ok when the role has what it needs. DRAN may also name the région.</summary>
    private static (Academy? Academy, Region? Region, bool Ok) Place(string value, Role? role, Action<DirectoryColumn, string> problem)
    {
        var needed = role is People.Role.Referent or People.Role.Teacher or People.Role.Inspector or People.Role.Dan or People.Role.Dran or People.Role.Cardie;
        if (value.Length == 0)
        {
            if (needed)
            {
                problem(DirectoryColumn.Academy, role == People.Role.Dran
                    ? "Académie manquante : un DRAN agit pour la région académique de son académie ; indiquez l'académie (ex. Grenoble) ou la région académique (ex. Auvergne-Rhône-Alpes)."
                    : $"Académie manquante : le rôle « {DirectoryFormat.RoleWord(role!.Value)} » s'exerce dans une académie ; indiquez-la (ex. Lyon, Orléans-Tours).");
            }

            return (null, null, !needed);
        }

        if (Academies.Find(value) is { } academy) return (academy, Academies.RegionByCode(academy.RegionCode), true);
        var key = TextKey.Of(value);
        var region = role == People.Role.Dran
            ? Academies.Regions.FirstOrDefault(r => TextKey.Of(r.Name) == key || TextKey.Of(r.Code) == key || TextKey.Of("région académique " + r.Name) == key)
            : null;
        if (region is not null) return (null, region, true);

        var suggestions = Suggestions.Closest(value, Academies.All.Select(a => (a.Name, a.Aliases.Append(a.Name))));
        problem(DirectoryColumn.Academy, suggestions.Count > 0
            ? $"Académie inconnue : « {Excerpt.Of(value)} ». Vouliez-vous dire : {string.Join(", ", suggestions)} ?"
            : $"Académie inconnue : « {Excerpt.Of(value)} ». Exemples attendus : Aix-Marseille, Lyon, Orléans-Tours, La Réunion… (le nom de l'académie, avec ou sans accents).");
        return (null, null, false);
    }

    /// <summary>The discipline (and theme) of the row; team roles need exactly one theme, discipline-level roles a discipline.</summary>
    private static (Discipline? Discipline, Theme? Theme, bool Ok) Subject(string value, Role? role, IReadOnlyList<Theme> themes, Action<DirectoryColumn, string> problem)
    {
        var teamRole = role is People.Role.Referent or People.Role.Teacher;
        var needed = teamRole || role is People.Role.Inspector or People.Role.Igesr or People.Role.ExpertTn3;
        if (!needed) return (null, null, true);
        if (value.Length == 0)
        {
            problem(DirectoryColumn.Discipline, teamRole
                ? $"Discipline manquante : le rôle « {DirectoryFormat.RoleWord(role!.Value)} » appartient à une équipe d'une thématique ; indiquez la discipline et, si elle en a plusieurs, la thématique (ex. Mathématiques, SVT – Année 1, NSI – Thématique 2)."
                : $"Discipline manquante : le rôle « {DirectoryFormat.RoleWord(role!.Value)} » s'exerce dans une discipline ; indiquez-la (ex. Mathématiques, SVT).");
            return (null, null, false);
        }

        var cell = DisciplineCell.Resolve(value, themes);
        if (cell.Problem is not null)
        {
            problem(DirectoryColumn.Discipline, cell.Problem);
            return (null, null, false);
        }

        if (!teamRole) return (cell.Discipline, cell.Theme, true);
        var (theme, themeProblem) = cell.SingleTheme(value, themes);
        if (themeProblem is not null) problem(DirectoryColumn.Discipline, themeProblem);
        return (cell.Discipline, theme, theme is not null);
    }

    private static (string? Team, bool Ok) ReadTeam(string value, Role? role, Action<DirectoryColumn, string> problem)
    {
        if (role is not (People.Role.Referent or People.Role.Teacher)) return (null, true);
        if (value.Length == 0)
        {
            problem(DirectoryColumn.Team, $"Équipe manquante : un {DirectoryFormat.RoleWord(role.Value)} fait partie d'une équipe ; indiquez son nom (ex. « Équipe SVT Lyon »), le même sur les lignes de tous ses membres.");
            return (null, false);
        }

        if (value.Length <= MaxTeam) return (value, true);
        problem(DirectoryColumn.Team, $"Nom d'équipe trop long : {value.Length} caractères, {MaxTeam} au plus (« {Excerpt.Of(value, 30)} »).");
        return (null, false);
    }

    /// <summary>Optional; when given, a GUID, normalised to lower-case "D" format (how Teams sends aadObjectId).</summary>
    private static string? ReadEntraId(string value, Action<DirectoryColumn, string> problem)
    {
        if (value.Length == 0) return null;
        if (Guid.TryParse(value, out var id) && id != Guid.Empty) return id.ToString("D");
        problem(DirectoryColumn.EntraId, $"Identifiant Entra invalide : « {Excerpt.Of(value)} ». Attendu : un GUID comme 6a2b0a6e-1111-4c6e-9a5a-000000000020, ou une cellule vide si vous ne le connaissez pas.");
        return null;
    }

    // Deliberately simple: catches typos and pasted garbage, not every RFC 5322 subtlety. The mail server has the last word.
    [GeneratedRegex(@"^[^@\s<>()\[\],;:""]+@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();
}
