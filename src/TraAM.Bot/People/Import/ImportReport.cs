
namespace TraAM.Bot.People.Import;

/// <summary>What an import did (or would do, on a dry run), or every reason it did nothing.</summary>
public sealed record ImportReport(
    bool Applied,
    bool DryRun,
    int Rows,
    IReadOnlyList<ImportProblem> Problems,
    int PeopleCreated = 0,
    int PeopleUpdated = 0,
    int PeopleUnchanged = 0,
    int RolesAdded = 0,
    int RolesRemoved = 0,
    int TeamsCreated = 0,
    IReadOnlyList<string>? Absent = null)
{
    /// <summary>Problems and absent people listed on the command line; the rest are counted ("… et 12 autres").</summary>
    public const int TextShown = 50;

    public bool HasProblems => Problems.Count > 0;

    public bool ChangedNothing => PeopleCreated + PeopleUpdated + RolesAdded + RolesRemoved + TeamsCreated == 0;

    public IReadOnlyList<string> AbsentPeople => Absent ?? [];

    /// <summary>With "replace": each role taken from someone the file does not list (or, on a dry run, that would be).</summary>
    public IReadOnlyList<string> Lost { get; init; } = [];

    /// <summary>The campaign whose teams and roles the file gave (or would give, on a dry run).</summary>
    public string Campaign { get; init; } = "";

    /// <summary>The report as French text, for the command line.</summary>
    public string ToText()
    {
        var lines = new List<string>();
        if (HasProblems)
        {
            lines.Add($"Import refusé : {Problems.Count} problème(s), aucune modification. Corrigez le fichier puis recommencez.");
            lines.AddRange(Problems.Take(TextShown).Select(p => "  " + Describe(p)));
            if (Problems.Count > TextShown) lines.Add($"  … et {Problems.Count - TextShown} autres problèmes : corrigez ceux-ci puis relancez la commande pour voir la suite.");
            return string.Join(Environment.NewLine, lines);
        }

        lines.Add(DryRun ? $"Simulation : {Rows} ligne(s) valides, rien n'a été enregistré." : $"Import réussi : {Rows} ligne(s).");
        if (Campaign.Length > 0) lines.Add($"  Campagne : {Campaign}.");
        lines.Add($"  Personnes : {PeopleCreated} ajoutée(s), {PeopleUpdated} modifiée(s), {PeopleUnchanged} inchangée(s).");
        lines.Add($"  Rôles : {RolesAdded} ajouté(s), {RolesRemoved} retiré(s). Équipes créées : {TeamsCreated}.");
        if (Lost.Count > 0)
        {
            lines.Add(DryRun ? $"  {Lost.Count} rôle(s) seraient retirés (le fichier fait foi) :" : $"  {Lost.Count} rôle(s) retiré(s) (le fichier fait foi) :");
            lines.AddRange(Lost.Select(l => "    " + l));
        }

        if (AbsentPeople.Count > 0)
        {
            lines.Add($"  {AbsentPeople.Count} personne(s) de l'annuaire absente(s) du fichier (conservée(s), à vérifier) :");
            lines.AddRange(AbsentPeople.Take(TextShown).Select(a => "    " + Excerpt.Of(a, 200)));
            if (AbsentPeople.Count > TextShown) lines.Add($"    … et {AbsentPeople.Count - TextShown} autres personnes.");
        }

        return string.Join(Environment.NewLine, lines);
    }

    public static string Describe(ImportProblem p) =>
        (p.Line > 0 ? $"ligne {p.Line}" : "fichier") + (p.Column is null ? "" : $", colonne « {p.Column} »") + " : " + p.Message;
}
