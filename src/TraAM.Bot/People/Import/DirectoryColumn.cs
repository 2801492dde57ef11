using TraAM.Bot.Reference;

namespace TraAM.Bot.People.Import;

/// <summary>The columns of a directory file. One row is one role of one person.</summary>
public enum DirectoryColumn
{
    LastName,
    FirstName,
    Email,
    Role,
    Academy,
    Discipline,
    Team,
    EntraId,

    /// <summary>Optional: the campaign (code) the file's teams and roles belong to; the same on every row.</summary>
    Campaign,
}

/// <summary>
/// Which header text means which column. People type headers by hand, in French or in English, with or without
/// accents, or keep the ones of the tool they exported from; all of these are compared as <see cref="TextKey"/>s.
/// </summary>
public static class DirectoryColumns
{
    /// <summary>Every column, in the order of the file the bot exports (and of problems in a report).</summary>
    public static IReadOnlyList<DirectoryColumn> All { get; } = Enum.GetValues<DirectoryColumn>();

    /// <summary>Without these a row cannot be understood; Équipe and Identifiant Entra may be left out.</summary>
    public static IReadOnlyList<DirectoryColumn> Required { get; } =
    [
        DirectoryColumn.LastName, DirectoryColumn.FirstName, DirectoryColumn.Email,
        DirectoryColumn.Role, DirectoryColumn.Academy, DirectoryColumn.Discipline,
    ];

    private static readonly Dictionary<string, DirectoryColumn> BySynonym = BuildIndex();

    /// <summary>The column a header cell names, or null for a column the import does not use (kept out, not refused).</summary>
    public static DirectoryColumn? Find(string? header) =>
        BySynonym.TryGetValue(TextKey.Of(header), out var column) ? column : null;

    private static Dictionary<string, DirectoryColumn> BuildIndex()
    {
        var synonyms = new (DirectoryColumn Column, string[] Headers)[]
        {
            (DirectoryColumn.LastName, ["Nom", "Nom de famille", "Nom d'usage", "Last name", "Lastname", "Surname", "Family name"]),
            (DirectoryColumn.FirstName, ["Prénom", "First name", "Firstname", "Given name", "Forename"]),
            (DirectoryColumn.Email, [
                "Courriel", "Adresse courriel", "E-mail", "Email", "Mail", "Mél", "Adresse électronique", "Adresse e-mail",
                "Adresse mail", "Email address", "E-mail address", "Mail address"]),
            (DirectoryColumn.Role, ["Rôle", "Rôles", "Fonction", "Role"]),
            (DirectoryColumn.Academy, ["Académie", "Académie de rattachement", "Academy"]),
            (DirectoryColumn.Discipline, ["Discipline", "Discipline / thématique", "Thématique", "Subject", "Theme"]),
            (DirectoryColumn.Team, ["Équipe", "Nom de l'équipe", "Équipe académique", "Team", "Team name"]),
            (DirectoryColumn.EntraId, [
                "Identifiant Entra", "ID Entra", "Entra", "Entra ID", "Entra object ID", "Object ID", "ObjectId",
                "aadObjectId", "Azure AD object ID", "Identifiant Azure AD"]),
            (DirectoryColumn.Campaign, ["Campagne", "Campaign", "Année scolaire", "School year"]),
        };
        var index = new Dictionary<string, DirectoryColumn>(StringComparer.Ordinal);
        foreach (var (column, headers) in synonyms)
        {
            foreach (var header in headers.Append(DirectoryFormat.Header(column)))
            {
                index.TryAdd(TextKey.Of(header), column);
            }
        }

        return index;
    }
}
