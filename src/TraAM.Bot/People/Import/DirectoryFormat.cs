using TraAM.Bot.Campaigns;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Reference;

namespace TraAM.Bot.People.Import;

/// <summary>
/// The words of a directory file, in one place so that what the bot exports is exactly what it reads back: the
/// French headers, one canonical word per role, the text of a discipline or theme cell and académie names. The import
/// also recognises many other spellings (<see cref="FindRole"/>, the designators of a theme); the export writes
/// only these.
/// </summary>
public static class DirectoryFormat
{
    private static readonly Dictionary<string, Role> RolesByKey = BuildRoleIndex();

    /// <summary>The French header of a column, as exported and as named in problems.</summary>
    public static string Header(DirectoryColumn column) => column switch
    {
        DirectoryColumn.LastName => "Nom",
        DirectoryColumn.FirstName => "Prénom",
        DirectoryColumn.Email => "Courriel",
        DirectoryColumn.Role => "Rôle",
        DirectoryColumn.Academy => "Académie",
        DirectoryColumn.Discipline => "Discipline",
        DirectoryColumn.Team => "Équipe",
        DirectoryColumn.EntraId => "Identifiant Entra",
        DirectoryColumn.Campaign => "Campagne",
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, null),
    };

    /// <summary>The word written in the Rôle column: short, lower-case, easy to type in a spreadsheet.</summary>
    public static string RoleWord(Role role) => role switch
    {
        Role.Referent => "référent",
        Role.Teacher => "enseignant",
        Role.Inspector => "inspecteur",
        Role.Dan => "dan",
        Role.Dran => "dran",
        Role.Cardie => "cardie",
        Role.Igesr => "igesr",
        Role.ExpertTn3 => "expert-tn3",
        Role.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>"référent, enseignant, …, admin": what a problem about the Rôle column proposes.</summary>
    public static string RoleWords => string.Join(", ", Enum.GetValues<Role>().Select(RoleWord));

    /// <summary>
    /// The role a Rôle cell names, whatever its case or accents, feminine, plural or English form ("référente",
    /// "Inspectrice", "IA-IPR", "expert·e TN3", "administrateur", "teacher"), or null when it names none.
    /// </summary>
    public static Role? FindRole(string? text)
    {
        var key = TextKey.Of(text);
        if (RolesByKey.TryGetValue(key, out var role)) return role;
        return key.Length > 3 && key[^1] == 's' && RolesByKey.TryGetValue(key[..^1], out role) ? role : null;
    }

    /// <summary>The académie's name as exported (its official spelling); the code itself when unknown.</summary>
    public static string AcademyName(string? code) => Academies.ByCode(code)?.Name ?? code ?? "";

    /// <summary>
    /// A discipline cell for a discipline-level role: the discipline's full name, which <see cref="Disciplines.Find"/>
    /// reads back.
    /// </summary>
    public static string DisciplineCell(string? disciplineCode) => Disciplines.ByCode(disciplineCode)?.Name ?? disciplineCode ?? "";

    /// <summary>
    /// A discipline cell naming one theme: the discipline's name when it has a single theme in the campaign, else
    /// "NSI – Thématique 2", or "SVT – Année 1" when the discipline's themes are told apart by year (as in
    /// <see cref="Labels.Theme"/>). <paramref name="campaignThemes"/> are the themes known (at least this one).
    /// </summary>
    public static string DisciplineCell(Theme theme, IEnumerable<Theme> campaignThemes)
    {
        ArgumentNullException.ThrowIfNull(theme);
        var siblings = campaignThemes.Where(t => t.DisciplineCode == theme.DisciplineCode).Append(theme).DistinctBy(t => t.Id).ToList();
        var discipline = Disciplines.ByCode(theme.DisciplineCode);
        if (siblings.Count < 2 && theme.Code == theme.DisciplineCode) return discipline?.Name ?? theme.DisciplineCode;
        var name = discipline is null ? theme.DisciplineCode : ShortName(discipline);
        var byYear = siblings.Any(t => t.Year > 1) && siblings.Count(t => t.Year == theme.Year) == 1;
        return byYear ? $"{name} – Année {theme.Year}" : $"{name} – Thématique {theme.Number}";
    }

    /// <summary>
    /// The short name put before a theme designator: the discipline's acronym when it has one ("NSI", "SVT"), since
    /// "Numérique et sciences informatiques (NSI) / Informatique – Thématique 2" helps nobody.
    /// </summary>
    public static string ShortName(Discipline discipline)
    {
        ArgumentNullException.ThrowIfNull(discipline);
        return discipline.Aliases.FirstOrDefault(a => a.Length >= 2 && a.All(c => char.IsUpper(c) || char.IsDigit(c))) ?? discipline.Name;
    }

    private static Dictionary<string, Role> BuildRoleIndex()
    {
        var words = new (Role Role, string[] Words)[]
        {
            (Role.Referent, [
                "référent", "référente", "référent·e", "professeur référent", "professeure référente", "professeur·e référent·e",
                "prof référent", "enseignant référent", "enseignante référente", "referent", "referent teacher"]),
            (Role.Teacher, [
                "enseignant", "enseignante", "enseignant·e", "enseignant de l'équipe", "enseignante de l'équipe", "professeur",
                "professeure", "professeur·e", "prof", "membre de l'équipe", "teacher", "team teacher", "team member"]),
            (Role.Inspector, [
                "inspecteur", "inspectrice", "inspecteur·rice", "inspecteur·trice", "inspecteur territorial",
                "inspectrice territoriale", "IA-IPR", "IPR", "IEN", "IA-IPR / IEN", "inspector"]),
            (Role.Dan, [
                "dan", "délégué académique au numérique", "déléguée académique au numérique", "délégué·e académique au numérique",
                "digital delegate"]),
            (Role.Dran, [
                "dran", "délégué régional académique au numérique", "déléguée régionale académique au numérique",
                "délégué·e régional·e académique au numérique", "regional digital delegate"]),
            (Role.Cardie, ["cardie", "représentant CARDIE", "représentante CARDIE", "représentant·e CARDIE", "CARDIE representative"]),
            (Role.Igesr, [
                "igesr", "IGÉSR", "IGESR", "membre IGÉSR", "inspecteur général", "inspectrice générale", "inspecteur·rice général·e",
                "general inspector", "general inspectorate"]),
            (Role.ExpertTn3, [
                "expert-tn3", "expert TN3", "experte TN3", "expert·e TN3", "TN3", "expert", "experte", "expert DNE", "experte DNE",
                "chef de projet", "cheffe de projet", "chef·fe de projet", "chef de projet TN3", "cheffe de projet TN3", "TN3 expert"]),
            (Role.Admin, ["admin", "administrateur", "administratrice", "administrateur·rice", "administrateur·trice", "administrator"]),
        };
        var index = new Dictionary<string, Role>(StringComparer.Ordinal);
        foreach (var (role, list) in words)
        {
            foreach (var word in list.Append(Labels.Role(role, Languages.French)).Append(Labels.Role(role, Languages.English)))
            {
                index.TryAdd(TextKey.Of(word), role);
            }
        }

        return index;
    }
}
