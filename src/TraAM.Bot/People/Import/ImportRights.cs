using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;

namespace TraAM.Bot.People.Import;

/// <summary>
/// What an import may touch, asked of <see cref="AccessPolicy"/> row by row: each role of the file must be one the
/// importer may grant where the row puts it (a TN3 expert: référent, enseignant, inspecteur of their discipline), and a
/// role already held that the importer could not grant is neither removed nor replaced. The operator at the command
/// line (no caller) may do everything: they already hold the database.
/// </summary>
internal static class ImportRights
{
    public static AccessScope Scope(ImportedRole r, int campaignId) =>
        AccessScope.ForRole(r.AcademyCode, r.RegionCode, r.DisciplineCode, r.ThemeId, team: null, campaignId);

    public static bool MayManage(Caller? by, Role role, AccessScope scope) => by is null || by.CanManage(role, scope);

    public static bool MayManage(Caller? by, RoleAssignment held) => by is null || by.CanManage(held);

    /// <summary>Every row of the file outside the importer's rights, each with its line: the file is then refused whole.</summary>
    public static List<ImportProblem> Refused(IEnumerable<ImportedPerson> people, Caller? by, int campaignId) =>
    [
        .. people.SelectMany(p => p.Roles)
            .Where(r => !MayManage(by, r.Role, Scope(r, campaignId)))
            .Select(r => new ImportProblem(r.Line, DirectoryFormat.Header(DirectoryColumn.Role),
                $"Vous ne pouvez pas donner le rôle « {DirectoryFormat.RoleWord(r.Role)} » ici : un expert ou une experte TN3 importe seulement "
                + "des personnes référentes, enseignantes ou inspectrices de sa discipline. Retirez cette ligne, ou demandez-la à l'équipe d'administration de TraAM.")),
    ];
}
