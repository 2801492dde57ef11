namespace TraAM.Bot.People.Import;

/// <summary>
/// One reason a directory file is refused, said where the person can fix it: the line as their spreadsheet or text
/// editor numbers it (0 for the file as a whole), the French header of the column (null for the whole line), and a
/// French message that names what was found and what is expected.
/// </summary>
public sealed record ImportProblem(int Line, string? Column, string Message);

/// <summary>
/// A row of the file as read: its line number (the physical line where a CSV record starts, or the Excel row) and its
/// trimmed cells. An optional column absent from the file is absent from <paramref name="Cells"/>.
/// </summary>
public sealed record DirectoryRow(int Line, IReadOnlyDictionary<DirectoryColumn, string> Cells)
{
    /// <summary>The cell's text, "" when the column is absent or the row is short.</summary>
    public string this[DirectoryColumn column] => Cells.TryGetValue(column, out var value) ? value : "";
}

/// <summary>What reading gave: the rows, or the problems that prevent understanding them (then rows may be partial).</summary>
public sealed record DirectoryFileReadResult(IReadOnlyList<DirectoryRow> Rows, IReadOnlyList<ImportProblem> Problems);
