using ClosedXML.Excel;
using TraAM.Bot.Campaigns;
using TraAM.Bot.People;
using TraAM.Bot.People.Import;
using static TraAM.Bot.Tests.Import.ImportFiles;

namespace TraAM.Bot.Tests.Import;

/// <summary>The export is the import's own format: writing the directory then reading it back gives it back.</summary>
public sealed class DirectoryXlsxWriterTests
{
    private const string CamilleAad = "6a2b0a6e-1111-4c6e-9a5a-000000000020";

    private static Theme T(int id) => Themes.Single(t => t.Id == id);

    private static readonly DirectoryExportRow[] Rows =
    [
        new("Martin", "Camille", "camille.martin@ac-lyon.fr", Role.Referent, "lyon", null, "svt", T(19), "Équipe SVT Lyon", CamilleAad),
        new("Martin", "Camille", "camille.martin@ac-lyon.fr", Role.Teacher, "lyon", null, "nsi", T(14), "2", CamilleAad),
        new("Moreau", "Inès", "ines.moreau@ac-lyon.fr", Role.Teacher, "lyon", null, "svt", T(19), "Équipe SVT Lyon", null),
        new("Bernard", "Hugo", "hugo.bernard@ac-lyon.fr", Role.Inspector, "lyon", null, "svt", null, null, null),
        new("Bernard", "Hugo", "hugo.bernard@ac-lyon.fr", Role.Inspector, "grenoble", null, "nsi", T(13), null, null),
        new("Haddad", "Karim", "karim.haddad@region-academique-ara.fr", Role.Dran, null, "auvergne-rhone-alpes", null, null, null, null, PersonAcademyCode: "grenoble"),
        new("Roux", "Anne", "anne.roux@region-academique-bfc.fr", Role.Dran, null, "bourgogne-franche-comte", null, null, null, null),
        new("Petit", "Léa", "lea.petit@education.gouv.fr", Role.ExpertTn3, null, null, "svt", T(20), null, "0f8fad5b-d9cb-469f-a165-70867728950e"),
        new("Petit", "Léa", "lea.petit@education.gouv.fr", Role.Admin, null, null, null, null, null, "0f8fad5b-d9cb-469f-a165-70867728950e"),
        new("Faure", "Noël", "noel.faure@igesr.gouv.fr", Role.Igesr, null, null, "lettres", null, null, null),
        new("=Lemaître", "Zoé", "zoe.lemaitre@ac-nice.fr", Role.Dan, "nice", null, null, null, null, null),
        new("Nguyen", "Théo", "theo.nguyen@ac-reunion.fr", Role.Cardie, "la-reunion", null, null, null, null, null),
        new("D'Almeida", "Aïcha", "aicha.dalmeida@ac-orleans-tours.fr", Role.Referent, "orleans-tours", null, "lettres", T(11), "Équipe « Lettres »; 2e", null),
    ];

    [Fact]
    public void WritingThenReadingAndValidating_GivesBackTheSamePeopleAndRoles()
    {
        using var xlsx = new MemoryStream();
        DirectoryXlsxWriter.Write(xlsx, Rows, Themes);
        xlsx.Position = 0;

        var read = DirectoryFileReader.Read(xlsx, "annuaire.xlsx");
        Assert.Empty(read.Problems);
        var validation = DirectoryValidator.Validate(read.Rows, Themes);

        Assert.Empty(validation.Problems);
        Assert.Equal(Expected().Select(Describe), validation.People.Select(Describe));
    }

    [Fact]
    public void WithoutTheCampaignsThemes_TheCellsStillReadBackAsTheSameThemes()
    {
        using var xlsx = new MemoryStream();
        DirectoryXlsxWriter.Write(xlsx, Rows);
        xlsx.Position = 0;

        var validation = DirectoryValidator.Validate(DirectoryFileReader.Read(xlsx, "annuaire.xlsx").Rows, Themes);

        Assert.Empty(validation.Problems);
        Assert.Equal(Expected().Select(Describe), validation.People.Select(Describe));
    }

    [Fact]
    public void TheWorkbook_HasOneSheetAnnuaire_FrenchBoldFrozenFilteredHeaders_AndTextCells()
    {
        using var xlsx = new MemoryStream();
        DirectoryXlsxWriter.Write(xlsx, Rows, Themes);
        xlsx.Position = 0;

        using var workbook = new XLWorkbook(xlsx);
        var sheet = Assert.Single(workbook.Worksheets);
        Assert.Equal("Annuaire", sheet.Name);
        Assert.Equal(
            ["Nom", "Prénom", "Courriel", "Rôle", "Académie", "Discipline", "Équipe", "Identifiant Entra"],
            Enumerable.Range(1, 8).Select(c => sheet.Cell(1, c).GetString()));
        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.True(sheet.AutoFilter.IsEnabled);
        Assert.Equal("A1:H14", sheet.AutoFilter.Range.RangeAddress.ToString());
        Assert.All(Enumerable.Range(1, 8), c => Assert.True(sheet.Column(c).Width >= 14));

        Assert.Equal(
            ["Martin", "Camille", "camille.martin@ac-lyon.fr", "référent", "Lyon", "SVT – Année 1", "Équipe SVT Lyon", CamilleAad],
            Enumerable.Range(1, 8).Select(c => sheet.Cell(2, c).GetString()));
        Assert.Equal(("NSI – Thématique 2", "2", XLDataType.Text), (sheet.Cell(3, 6).GetString(), sheet.Cell(3, 7).GetString(), sheet.Cell(3, 7).DataType));
        Assert.Equal(("inspecteur", "Sciences de la vie et de la Terre (SVT)", ""), (sheet.Cell(5, 4).GetString(), sheet.Cell(5, 6).GetString(), sheet.Cell(5, 7).GetString()));
        Assert.Equal(("dran", "Grenoble"), (sheet.Cell(7, 4).GetString(), sheet.Cell(7, 5).GetString()));
        Assert.Equal(("dran", "Besançon"), (sheet.Cell(8, 4).GetString(), sheet.Cell(8, 5).GetString()));
        Assert.Equal(("expert-tn3", "SVT – Année 2"), (sheet.Cell(9, 4).GetString(), sheet.Cell(9, 6).GetString()));
        Assert.Equal(("=Lemaître", false), (sheet.Cell(12, 1).GetString(), sheet.Cell(12, 1).HasFormula));
    }

    [Fact]
    public void AnEmptyDirectory_IsAWorkbookWithItsHeadersOnly()
    {
        using var xlsx = new MemoryStream();
        DirectoryXlsxWriter.Write(xlsx, []);
        xlsx.Position = 0;

        var read = DirectoryFileReader.Read(xlsx, "annuaire.xlsx");

        Assert.StartsWith("Le fichier est vide : il n'a que la ligne d'en-têtes (ligne 1)", Assert.Single(read.Problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(19, "SVT – Année 1")]
    [InlineData(20, "SVT – Année 2")]
    [InlineData(13, "NSI – Thématique 1")]
    [InlineData(14, "NSI – Thématique 2")]
    [InlineData(11, "Lettres")]
    [InlineData(12, "Mathématiques")]
    public void ATheme_IsWrittenAsPeopleSayIt(int theme, string cell) =>
        Assert.Equal(cell, DirectoryFormat.DisciplineCell(T(theme), Themes));

    [Fact]
    public void EveryRoleWord_ReadsBackAsItsRole()
    {
        Assert.Equal(
            ["référent", "enseignant", "inspecteur", "dan", "dran", "cardie", "igesr", "expert-tn3", "admin"],
            Enum.GetValues<Role>().Select(DirectoryFormat.RoleWord));
        Assert.All(Enum.GetValues<Role>(), r => Assert.Equal(r, DirectoryFormat.FindRole(DirectoryFormat.RoleWord(r))));
    }

    private static List<ImportedPerson> Expected() =>
    [
        new("camille.martin@ac-lyon.fr", "Martin", "Camille", CamilleAad, "lyon",
            [new(Role.Referent, "lyon", null, "svt", 19, "Équipe SVT Lyon", 2), new(Role.Teacher, "lyon", null, "nsi", 14, "2", 3)], 2),
        new("ines.moreau@ac-lyon.fr", "Moreau", "Inès", null, "lyon", [new(Role.Teacher, "lyon", null, "svt", 19, "Équipe SVT Lyon", 4)], 4),
        new("hugo.bernard@ac-lyon.fr", "Bernard", "Hugo", null, "lyon",
            [new(Role.Inspector, "lyon", null, "svt", null, null, 5), new(Role.Inspector, "grenoble", null, "nsi", 13, null, 6)], 5),
        new("karim.haddad@region-academique-ara.fr", "Haddad", "Karim", null, "grenoble", [new(Role.Dran, null, "auvergne-rhone-alpes", null, null, null, 7)], 7),
        new("anne.roux@region-academique-bfc.fr", "Roux", "Anne", null, "besancon", [new(Role.Dran, null, "bourgogne-franche-comte", null, null, null, 8)], 8),
        new("lea.petit@education.gouv.fr", "Petit", "Léa", "0f8fad5b-d9cb-469f-a165-70867728950e", null,
            [new(Role.ExpertTn3, null, null, "svt", 20, null, 9), new(Role.Admin, null, null, null, null, null, 10)], 9),
        new("noel.faure@igesr.gouv.fr", "Faure", "Noël", null, null, [new(Role.Igesr, null, null, "lettres", null, null, 11)], 11),
        new("zoe.lemaitre@ac-nice.fr", "=Lemaître", "Zoé", null, "nice", [new(Role.Dan, "nice", null, null, null, null, 12)], 12),
        new("theo.nguyen@ac-reunion.fr", "Nguyen", "Théo", null, "la-reunion", [new(Role.Cardie, "la-reunion", null, null, null, null, 13)], 13),
        new("aicha.dalmeida@ac-orleans-tours.fr", "D'Almeida", "Aïcha", null, "orleans-tours",
            [new(Role.Referent, "orleans-tours", null, "lettres", 11, "Équipe « Lettres »; 2e", 14)], 14),
    ];

    /// <summary>A person with their roles as one comparable line (records compare their lists by reference).</summary>
    private static string Describe(ImportedPerson p) =>
        string.Join(" | ", new[] { p.Email, p.LastName, p.FirstName, p.EntraObjectId ?? "-", p.AcademyCode ?? "-", $"{p.FirstLine}" }.Concat(p.Roles.Select(r => r.ToString())));
}
