using TraAM.Bot.Campaigns;

namespace TraAM.Bot.People.Import;

/// <summary>
/// Which campaign a directory file is imported into: the one the sender named (command-line option, words of the
/// chat message), else the file's Campagne column, else the working campaign (null here). A file belongs to one
/// campaign: a column naming two, or another one than the sender, is a problem, never a guess.
/// </summary>
internal static class ImportCampaign
{
    public static (string? Code, List<ImportProblem> Problems) Choose(IReadOnlyList<DirectoryRow> rows, string? named)
    {
        var header = DirectoryFormat.Header(DirectoryColumn.Campaign);
        var problems = new List<ImportProblem>();
        string? option = null;
        if (named is not null && (option = CampaignCode.Normalize(named)) is null)
            problems.Add(new ImportProblem(0, null, $"Campagne « {Excerpt.Of(named)} » : indiquez deux années qui se suivent, ex. 2027-2028."));

        (string Code, int Line)? first = null;
        foreach (var row in rows.Where(r => r[DirectoryColumn.Campaign].Length > 0))
        {
            var text = row[DirectoryColumn.Campaign];
            if (CampaignCode.Normalize(text) is not { } code)
                problems.Add(new ImportProblem(row.Line, header, $"« {Excerpt.Of(text)} » n'est pas un code de campagne : indiquez deux années qui se suivent, ex. 2027-2028, ou laissez la cellule vide."));
            else if (first is null) first = (code, row.Line);
            else if (code != first.Value.Code)
                problems.Add(new ImportProblem(row.Line, header, $"Campagne {code} ici, {first.Value.Code} ligne {first.Value.Line} : un fichier importe une seule campagne. Faites un fichier par campagne."));
        }

        if (option is not null && first is { } f && f.Code != option)
            problems.Add(new ImportProblem(f.Line, header, $"Le fichier est pour la campagne {f.Code}, mais l'import a été demandé pour {option}. Corrigez la colonne ou la commande."));
        return (option ?? first?.Code, problems);
    }
}
