using System.Text;
using TraAM.Bot.Campaigns;
using TraAM.Bot.People;
using TraAM.Bot.People.Import;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Tests.Import;

/// <summary>
/// Valid directory files of any size, the same every time (for tests and benchmarks): rows spread over the 30
/// académies, the 22 themes of the 2026-2027 call and every role, with accents, several roles for some people and
/// Entra ids for a third of them.
/// </summary>
public static class DirectoryFiles
{
    public static readonly string[] Headers = ["Nom", "Prénom", "Courriel", "Rôle", "Académie", "Discipline", "Équipe", "Identifiant Entra"];

    private static readonly string[] FirstNames = ["Élodie", "Inès", "Hugo", "Camille", "Léa", "Karim", "Zoé", "Noël", "François", "Chloé", "Théo", "Maël", "Aïcha"];
    private static readonly string[] LastNames = ["Martin", "Bernard", "Moreau", "Petit", "Durand", "Lefèvre", "Girard", "Haddad", "Nguyen", "Rousseau", "Lemaître", "D'Almeida", "Le Goff"];

    // Mostly teams, as in the programme (about 700 teachers for a few hundred other people); an admin row is always
    // a second role of the person on the row before it.
    private static readonly Role[] Pattern =
    [
        Role.Referent, Role.Teacher, Role.Teacher, Role.Teacher, Role.Inspector, Role.Teacher, Role.Dan, Role.Cardie,
        Role.Referent, Role.Teacher, Role.Teacher, Role.Igesr, Role.ExpertTn3, Role.Admin, Role.Dran, Role.Teacher,
    ];

    private static readonly IReadOnlyList<Academy> Places = [.. Academies.All.Where(a => !a.IsViceRectorate)];

    public static string Csv(int rows, char separator = ';')
    {
        var themes = Call2026.Themes;
        var sb = new StringBuilder();
        sb.AppendJoin(separator, Headers).Append("\r\n");
        for (var i = 0; i < rows; i++)
        {
            var role = Pattern[i % Pattern.Length];
            var person = role == Role.Admin && i > 0 ? i - 1 : i;
            var block = person / 4; // about one team per four rows
            var academy = Places[block % Places.Count];
            var theme = themes[block % themes.Length];
            var discipline = Disciplines.ByCode(theme.DisciplineCode)!;
            var (place, subject, team) = role switch
            {
                Role.Referent or Role.Teacher => (academy.Name, DirectoryFormat.DisciplineCell(theme, themes), $"Équipe {DirectoryFormat.ShortName(discipline)} {academy.Name}"),
                Role.Inspector => (academy.Name, discipline.Name, ""),
                Role.Dan or Role.Cardie or Role.Dran => (academy.Name, "", ""),
                Role.Igesr or Role.ExpertTn3 => ("", DirectoryFormat.DisciplineCell(theme, themes), ""),
                _ => ("", "", ""),
            };
            var first = FirstNames[person % FirstNames.Length];
            var last = LastNames[person / FirstNames.Length % LastNames.Length];
            var email = $"{Local(first)}.{Local(last)}.{person}@ac-{academy.Code}.fr";
            var entra = person % 3 == 0 ? $"00000000-0000-4000-8000-{person:x12}" : "";
            string[] cells = [last, first, email, DirectoryFormat.RoleWord(role), place, subject, team, entra];
            sb.AppendJoin(separator, cells.Select(c => Quote(c, separator))).Append("\r\n");
        }

        return sb.ToString();
    }

    private static string Local(string name) => TextKey.Of(name).Replace(' ', '-');

    private static string Quote(string cell, char separator) =>
        cell.Contains(separator, StringComparison.Ordinal) || cell.Contains('"', StringComparison.Ordinal) ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
}
