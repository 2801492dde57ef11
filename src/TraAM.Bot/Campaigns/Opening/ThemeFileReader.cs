using System.Globalization;
using TraAM.Bot.People.Import;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Campaigns.Opening;

/// <summary>One theme of a call's table, as its row says it.</summary>
public sealed record ThemeRow(int Line, string DisciplineCode, string Title, int Number, int Year, bool RequiresYearOne);

/// <summary>The themes of a file, or every problem found in it (then no row: all or nothing).</summary>
public sealed record ThemeFileRead(IReadOnlyList<ThemeRow> Rows, IReadOnlyList<ImportProblem> Problems);

/// <summary>
/// Reads the call's table of themes (CSV or XLSX, as the directory is read): columns Discipline, Titre, Numéro
/// (optional: the row's rank within its discipline), Année (1 or 2, default 1) and Prérequis année 1 (oui/non, only for
/// a year-2 theme). Headers are matched without regard to case or accents. Pure: what the rows do to a campaign is
/// <see cref="ThemeImporter"/>'s business.
/// </summary>
public static class ThemeFileReader
{
    public const int MaxTitle = 400;
    private const int MaxRows = 500;

    private enum Column { Discipline, Title, Number, Year, RequiresYearOne }

    private static readonly Dictionary<string, Column> Headers = new (Column Column, string[] Names)[]
    {
        (Column.Discipline, ["Discipline", "Subject"]),
        (Column.Title, ["Titre", "Thème", "Thématique", "Intitulé", "Title"]),
        (Column.Number, ["Numéro", "N°", "No", "Number"]),
        (Column.Year, ["Année", "Year"]),
        (Column.RequiresYearOne, ["Prérequis année 1", "Nécessite l'année 1", "Requiert l'année 1", "Requires year 1"]),
    }.SelectMany(c => c.Names.Select(n => (Key: TextKey.Of(n), c.Column))).ToDictionary(x => x.Key, x => x.Column, StringComparer.Ordinal);

    private static readonly string Expected = "Discipline, Titre (et, si besoin, Numéro, Année, Prérequis année 1)";

    public static ThemeFileRead Read(Stream content, string fileName) =>
        DirectoryFileReader.ReadTable(content, fileName, new DirectoryFileReader.TableReading<ThemeFileRead>(
            FromRecords, message => new([], [new ImportProblem(0, null, message)]), (r, p) => new([], [.. r.Problems, p])));

    private static ThemeFileRead FromRecords(IEnumerable<(int Line, List<string> Fields)> records)
    {
        Dictionary<Column, int>? columns = null;
        var problems = new List<ImportProblem>();
        var rows = new List<ThemeRow>();
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, fields) in records)
        {
            if (fields.TrueForAll(f => f.Trim().Length == 0)) continue;
            if (columns is null)
            {
                columns = MapHeader(line, fields, problems);
                if (problems.Count > 0) return new([], problems);
                continue;
            }

            if (rows.Count + problems.Count >= MaxRows) return new([], [new ImportProblem(line, null, $"Plus de {MaxRows} lignes : un appel à projets compte une trentaine de thèmes. Vérifiez qu'il s'agit du bon fichier.")]);
            string Cell(Column c) => columns.TryGetValue(c, out var i) && i < fields.Count ? fields[i].Trim() : "";
            if (ReadRow(line, Cell, ranks, problems) is { } row) rows.Add(row);
        }

        if (columns is null) problems.Add(new ImportProblem(0, null, $"Le fichier est vide. Sa première ligne doit contenir les en-têtes {Expected}, puis une ligne par thème."));
        else if (rows.Count == 0 && problems.Count == 0) problems.Add(new ImportProblem(0, null, "Le fichier n'a que sa ligne d'en-têtes : ajoutez une ligne par thème."));
        foreach (var twice in rows.GroupBy(r => (r.DisciplineCode, r.Number)).Where(g => g.Count() > 1))
        {
            var first = twice.First();
            problems.AddRange(twice.Skip(1).Select(r => new ImportProblem(r.Line, "Numéro",
                $"La discipline {Labels(r.DisciplineCode)} a déjà un thème numéro {r.Number} (ligne {first.Line}) : numérotez ses thèmes 1, 2…")));
        }

        return problems.Count > 0 ? new([], [.. problems.OrderBy(p => p.Line)]) : new(rows, []);
    }

    private static Dictionary<Column, int> MapHeader(int line, List<string> fields, List<ImportProblem> problems)
    {
        var columns = new Dictionary<Column, int>();
        for (var i = 0; i < fields.Count; i++)
        {
            if (Headers.TryGetValue(TextKey.Of(fields[i]), out var column)) columns.TryAdd(column, i);
        }

        foreach (var missing in new[] { Column.Discipline, Column.Title }.Where(c => !columns.ContainsKey(c)))
        {
            problems.Add(new ImportProblem(line, null,
                $"Colonne « {(missing == Column.Discipline ? "Discipline" : "Titre")} » introuvable dans la ligne d'en-têtes. En-têtes attendus : {Expected}."));
        }

        return columns;
    }

    private static ThemeRow? ReadRow(int line, Func<Column, string> cell, Dictionary<string, int> ranks, List<ImportProblem> problems)
    {
        var before = problems.Count;
        var disciplineText = cell(Column.Discipline);
        var discipline = Disciplines.Find(disciplineText);
        if (discipline is null)
        {
            problems.Add(new ImportProblem(line, "Discipline", disciplineText.Length == 0
                ? "Discipline manquante : indiquez la discipline du thème (ex. Mathématiques, SVT, NSI)."
                : $"Discipline inconnue : « {Excerpt.Of(disciplineText)} ». Exemples attendus : Mathématiques, Lettres, SVT, NSI…"));
        }

        var title = cell(Column.Title);
        if (title.Length is 0 or > MaxTitle)
            problems.Add(new ImportProblem(line, "Titre", $"Titre manquant ou trop long : indiquez l'intitulé du thème, {MaxTitle} caractères au plus."));

        var rank = discipline is null ? 1 : ranks[discipline.Code] = ranks.GetValueOrDefault(discipline.Code) + 1;
        var number = Whole(cell(Column.Number), rank, 1, 9, line, "Numéro", "un numéro de 1 à 9 (l'ordre des thèmes de la discipline)", problems);
        var year = Whole(cell(Column.Year), 1, 1, 2, line, "Année", "1 ou 2 (2 pour un thème de deuxième année)", problems);
        var requires = YesNo(cell(Column.RequiresYearOne), line, problems);
        if (requires && year == 1)
            problems.Add(new ImportProblem(line, "Prérequis année 1", "Seul un thème de deuxième année (Année = 2) peut exiger d'avoir participé à l'année 1."));

        return problems.Count > before || discipline is null ? null : new ThemeRow(line, discipline.Code, title, number, year, requires);
    }

    /// <summary>A small whole number ("2", "2e année", "Année 2"); <paramref name="empty"/> when the cell is blank.</summary>
    private static int Whole(string text, int empty, int min, int max, int line, string column, string expected, List<ImportProblem> problems)
    {
        if (text.Length == 0) return empty;
        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max && digits.Length == 1) return n;
        problems.Add(new ImportProblem(line, column, $"« {Excerpt.Of(text)} » : indiquez {expected}."));
        return empty;
    }

    private static bool YesNo(string text, int line, List<ImportProblem> problems)
    {
        switch (TextKey.Of(text))
        {
            case "" or "non" or "no" or "0" or "false" or "faux": return false;
            case "oui" or "yes" or "x" or "1" or "true" or "vrai": return true;
            default:
                problems.Add(new ImportProblem(line, "Prérequis année 1", $"« {Excerpt.Of(text)} » : indiquez oui ou non."));
                return false;
        }
    }

    private static string Labels(string code) => Disciplines.ByCode(code)?.Name ?? code;
}
