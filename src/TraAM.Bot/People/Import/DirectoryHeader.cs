namespace TraAM.Bot.People.Import;

/// <summary>
/// The header line of a directory file: which field index holds which column. Unknown headers are ignored (a
/// spreadsheet often has a "Remarques" column); a missing required column or a column given twice is a problem,
/// since rows could not then be read without guessing.
/// </summary>
internal sealed record DirectoryHeader(int Line, IReadOnlyList<(int Index, DirectoryColumn Column)> Columns, IReadOnlyList<ImportProblem> Problems)
{
    public static string EmptyFile { get; } =
        $"Le fichier est vide. Sa première ligne doit contenir les en-têtes {Expected}, puis une ligne par rôle de chaque personne.";

    public static string HeaderOnly(int line) =>
        $"Le fichier est vide : il n'a que la ligne d'en-têtes (ligne {line}). Ajoutez une ligne par rôle de chaque personne, sous les en-têtes.";

    private static string Expected =>
        string.Join(", ", DirectoryColumns.Required.Select(DirectoryFormat.Header))
        + $" (et, si besoin, {DirectoryFormat.Header(DirectoryColumn.Team)} et {DirectoryFormat.Header(DirectoryColumn.EntraId)})";

    public static DirectoryHeader Map(int line, IReadOnlyList<string> headers)
    {
        var columns = new List<(int Index, DirectoryColumn Column)>();
        var problems = new List<ImportProblem>();
        for (var i = 0; i < headers.Count; i++)
        {
            if (DirectoryColumns.Find(headers[i]) is not { } column) continue;
            var first = columns.FindIndex(c => c.Column == column);
            if (first >= 0)
            {
                problems.Add(new ImportProblem(line, DirectoryFormat.Header(column),
                    $"La colonne « {DirectoryFormat.Header(column)} » apparaît deux fois (« {Excerpt.Of(headers[columns[first].Index])} » en colonne {columns[first].Index + 1} et « {Excerpt.Of(headers[i])} » en colonne {i + 1}). Gardez-en une seule."));
                continue;
            }

            columns.Add((i, column));
        }

        var found = headers.Where(h => h.Length > 0).ToList();
        if (columns.Count == 0)
        {
            // Nothing known at all: not a directory (or not its first line). One sentence, not one per missing column.
            return new DirectoryHeader(line, columns, [new ImportProblem(line, null,
                $"Ce fichier ne ressemble pas à un annuaire : sa première ligne (ligne {line}) n'a aucun des en-têtes attendus. "
                + $"Trouvé : {(found.Count == 0 ? "rien" : string.Join(", ", found.Take(5).Select(h => $"« {Excerpt.Of(h)} »")))}. "
                + $"Attendu : {Expected}, puis une ligne par rôle de chaque personne.")]);
        }

        foreach (var missing in DirectoryColumns.Required.Where(r => !columns.Exists(c => c.Column == r)))
        {
            problems.Add(new ImportProblem(line, DirectoryFormat.Header(missing),
                $"Colonne « {DirectoryFormat.Header(missing)} » introuvable dans la ligne d'en-têtes. "
                + $"En-têtes trouvés : {(found.Count == 0 ? "aucun" : string.Join(", ", found.Take(12).Select(h => $"« {Excerpt.Of(h)} »")))}. "
                + $"En-têtes attendus : {Expected}."));
        }

        return new DirectoryHeader(line, columns, [.. problems.OrderBy(p => Order(p.Column))]);
    }

    private static int Order(string? column) =>
        column is null ? -1 : DirectoryColumns.All.ToList().FindIndex(c => DirectoryFormat.Header(c) == column);
}
