using System.Text;
using ClosedXML.Excel;
using TraAM.Bot.People;
using TraAM.Bot.People.Import;
using static TraAM.Bot.Tests.Import.ImportFiles;

namespace TraAM.Bot.Tests.Import;

/// <summary>Directory files as people save them: CSV from French or English Excel, text editors, XLSX.</summary>
public sealed class DirectoryFileReaderTests
{
    // Every column these files have: all but the optional Campagne, which they leave out (the working campaign).
    private static readonly DirectoryColumn[] AllColumns = [.. Enum.GetValues<DirectoryColumn>().Where(c => c != DirectoryColumn.Campaign)];

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    public void AGoodCsv_IsReadWithItsSeparator_CellsTrimmed_LinesNumberedFromTheHeader(char separator)
    {
        var text = string.Join(separator, "Nom", "Prénom", "Courriel", "Rôle", "Académie", "Discipline", "Équipe", "Identifiant Entra") + "\r\n"
            + string.Join(separator, " Martin ", "Camille", "camille.martin@ac-lyon.fr", "référente", "Lyon", "SVT – Année 1", "Équipe SVT Lyon", "") + "\r\n"
            + string.Join(separator, "Petit", "Léa", "lea.petit@education.gouv.fr", "admin", "", "", "", "6a2b0a6e-1111-4c6e-9a5a-000000000020") + "\r\n";

        var read = Read(text);

        Assert.Empty(read.Problems);
        Assert.Equal([2, 3], read.Rows.Select(r => r.Line));
        var camille = read.Rows[0];
        Assert.Equal(AllColumns, camille.Cells.Keys.Order());
        Assert.Equal(
            ["Martin", "Camille", "camille.martin@ac-lyon.fr", "référente", "Lyon", "SVT – Année 1", "Équipe SVT Lyon", ""],
            AllColumns.Select(c => camille[c]));
        Assert.Equal("6a2b0a6e-1111-4c6e-9a5a-000000000020", read.Rows[1][DirectoryColumn.EntraId]);
    }

    [Fact]
    public void AUtf8Bom_IsNotPartOfTheFirstHeader()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"{Header}\nLefèvre;Élodie;elodie.lefevre@ac-orleans-tours.fr;Référent;Orléans-Tours;Lettres;Équipe Lettres;\n")).ToArray();

        var read = Read(bytes);

        Assert.Empty(read.Problems);
        var row = Assert.Single(read.Rows);
        Assert.Equal(("Lefèvre", "Élodie", "Orléans-Tours"), (row[DirectoryColumn.LastName], row[DirectoryColumn.FirstName], row[DirectoryColumn.Academy]));
    }

    [Fact]
    public void Windows1252_AsFrenchExcelSavesIt_KeepsItsAccents()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = "Nom;Prénom;Courriel;Rôle;Académie;Discipline;Équipe\r\nLefèvre;Élodie;elodie.lefevre@ac-orleans-tours.fr;Référent;Orléans-Tours;Lettres;Équipe « Lettres »\r\n";
        var bytes = Encoding.GetEncoding(1252).GetBytes(text);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes)); // really not UTF-8

        var read = Read(bytes);

        Assert.Empty(read.Problems);
        var row = Assert.Single(read.Rows);
        Assert.Equal(
            ("Lefèvre", "Élodie", "Référent", "Orléans-Tours", "Équipe « Lettres »"),
            (row[DirectoryColumn.LastName], row[DirectoryColumn.FirstName], row[DirectoryColumn.Role], row[DirectoryColumn.Academy], row[DirectoryColumn.Team]));
        var person = Assert.Single(DirectoryValidator.Validate(read.Rows, Themes).People);
        var role = Assert.Single(person.Roles);
        Assert.Equal((Role.Referent, "orleans-tours", 11), (role.Role, role.AcademyCode, role.ThemeId));
    }

    [Fact]
    public void AUtf8File_WhoseAccentStraddlesTwoReadChunks_IsStillUtf8()
    {
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 0; Encoding.UTF8.GetByteCount(text.ToString()) < 16_000; i++) text.Append($"Martin;Camille;c{i}@ac-lyon.fr;admin;;;;\n");
        var fill = 16 * 1024 - 1 - Encoding.UTF8.GetByteCount(text.ToString()) - 1; // "É" takes bytes 16383 and 16384
        text.Append(new string('X', fill)).Append(";Élodie;elodie@ac-lyon.fr;admin;;;;\n");
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        Assert.Equal(0xC3, bytes[16 * 1024 - 1]);

        var read = Read(bytes);

        Assert.Empty(read.Problems);
        Assert.Equal("Élodie", read.Rows[^1][DirectoryColumn.FirstName]);
    }

    [Fact]
    public void Utf16WithBom_AsExcelSavesUnicodeText_IsReadTabSeparated()
    {
        var text = Header.Replace(';', '\t') + "\r\nLefèvre\tÉlodie\telodie.lefevre@ac-lyon.fr\tadmin\t\t\t\t\r\n";
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();

        var read = Read(bytes, "annuaire.txt");

        Assert.Empty(read.Problems);
        Assert.Equal("Élodie", Assert.Single(read.Rows)[DirectoryColumn.FirstName]);
    }

    [Fact]
    public void QuotedFields_HoldSeparatorsQuotesAndLineBreaks_AndEachRowKeepsTheLineItStartsOn()
    {
        var text = Header + "\n"
            + "\"Martin; Dupont\";Camille;camille.martin@ac-lyon.fr;référent;Lyon;SVT 1;\"Les \"\"Geeks\"\"\nde Lyon\";\n"
            + "Moreau;Inès;ines.moreau@ac-lyon.fr;enseignante;Lyon;SVT 1;\"Les \"\"Geeks\"\"\r\nde Lyon\";\n"
            + "Bernard;Hugo;hugo.bernard@ac-lyon.fr;inspecteur;Lyon;SVT;;\n";

        var read = Read(text);

        Assert.Empty(read.Problems);
        Assert.Equal([2, 4, 6], read.Rows.Select(r => r.Line));
        Assert.Equal("Martin; Dupont", read.Rows[0][DirectoryColumn.LastName]);
        Assert.Equal("Les \"Geeks\"\nde Lyon", read.Rows[0][DirectoryColumn.Team]);
        Assert.Equal(read.Rows[0][DirectoryColumn.Team], read.Rows[1][DirectoryColumn.Team]);
        Assert.Equal("Hugo", read.Rows[2][DirectoryColumn.FirstName]);
    }

    [Fact]
    public void CommasInsideQuotes_DoNotMakeTheSeparator()
    {
        var read = Read("Nom;Prénom;Courriel;Rôle;Académie;Discipline;\"Remarques, divers\"\nMartin;Camille;c@ac-lyon.fr;admin;;;\"vu, à revoir\"\n");

        Assert.Empty(read.Problems);
        Assert.Equal("Martin", Assert.Single(read.Rows)[DirectoryColumn.LastName]);
    }

    [Fact]
    public void BlankLines_AndLinesOfSeparatorsOnly_AreSkipped_WithoutShiftingLineNumbers()
    {
        var text = $"\n{Header}\n\nMartin;Camille;c@ac-lyon.fr;admin;;;;\n;;;;;;;\n   \nPetit;Léa;l@ac-lyon.fr;admin;;;;\n;;;;;;;";

        var read = Read(text);

        Assert.Empty(read.Problems);
        Assert.Equal([4, 7], read.Rows.Select(r => r.Line));
    }

    [Fact]
    public void AQuoteNeverClosed_IsAProblemAtTheLineItOpens()
    {
        var read = Read($"{Header}\nMartin;Camille;c@ac-lyon.fr;admin;;;;\n\"Petit;Léa;l@ac-lyon.fr;admin;;;;\nDurand;Jean;j@ac-lyon.fr;admin;;;;\n");

        var problem = Assert.Single(read.Problems);
        Assert.Equal((3, (string?)null), (problem.Line, problem.Column));
        Assert.Contains("jamais refermé", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NOM;prenom;E-mail;ROLE;academie;DISCIPLINE;equipe;Object ID")]
    [InlineData("nom;PRÉNOM;Adresse électronique;Role;Academie;discipline;Equipe;Entra ID")]
    [InlineData("Last name,First name,Email,Role,Academy,Discipline,Team,aadObjectId")]
    [InlineData("Nom de famille;Prénom;Mail;Fonction;Académie;Thématique;Team;Identifiant-Entra")]
    public void Headers_InAnyCase_WithoutAccents_OrInEnglish_AreRecognised(string header)
    {
        var separator = header.Contains(';', StringComparison.Ordinal) ? ';' : ',';
        var read = Read(header + "\n" + string.Join(separator, "Martin", "Camille", "c@ac-lyon.fr", "admin", "Lyon", "SVT", "T", "x"));

        Assert.Empty(read.Problems);
        var row = Assert.Single(read.Rows);
        Assert.Equal(AllColumns, row.Cells.Keys.Order());
        Assert.Equal(["Martin", "Camille", "c@ac-lyon.fr", "admin", "Lyon", "SVT", "T", "x"], AllColumns.Select(c => row[c]));
    }

    [Fact]
    public void ColumnsInAnotherOrder_AndUnknownColumns_AreFine_OptionalColumnsMayBeLeftOut()
    {
        var read = Read("Remarques;Courriel;Rôle;Nom;Prénom;Discipline;Académie;Téléphone\nà revoir;c@ac-lyon.fr;dan;Martin;Camille;;Lyon;0600000000\n");

        Assert.Empty(read.Problems);
        var row = Assert.Single(read.Rows);
        Assert.Equal(
            [DirectoryColumn.LastName, DirectoryColumn.FirstName, DirectoryColumn.Email, DirectoryColumn.Role, DirectoryColumn.Academy, DirectoryColumn.Discipline],
            row.Cells.Keys.Order());
        Assert.Equal(("Martin", "dan", "Lyon", ""), (row[DirectoryColumn.LastName], row[DirectoryColumn.Role], row[DirectoryColumn.Academy], row[DirectoryColumn.Team]));
    }

    [Fact]
    public void MissingRequiredColumns_AreOneProblemEach_OnTheHeaderLine_AndNoRowIsRead()
    {
        var read = Read("Nom;Prénom;Mail2;Académie;Discipline;Équipe\nMartin;Camille;c@ac-lyon.fr;Lyon;SVT;T\n");

        Assert.Empty(read.Rows);
        Assert.Equal([(1, "Courriel"), (1, "Rôle")], read.Problems.Select(p => (p.Line, p.Column)));
        Assert.All(read.Problems, p => Assert.Contains("introuvable dans la ligne d'en-têtes", p.Message, StringComparison.Ordinal));
        Assert.Contains("« Mail2 »", read.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AColumnGivenTwice_IsAProblem()
    {
        var read = Read("Nom;Prénom;Courriel;Rôle;Académie;Discipline;E-mail\nMartin;Camille;c@ac-lyon.fr;admin;;;d@ac-lyon.fr\n");

        Assert.Empty(read.Rows);
        var problem = Assert.Single(read.Problems);
        Assert.Equal((1, "Courriel"), (problem.Line, problem.Column));
        Assert.Contains("« E-mail » en colonne 7", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n;;;;\r\n  ")]
    public void AnEmptyFile_IsOneProblemAboutTheFile(string text)
    {
        var read = Read(text);

        Assert.Empty(read.Rows);
        var problem = Assert.Single(read.Problems);
        Assert.Equal((0, (string?)null), (problem.Line, problem.Column));
        Assert.StartsWith("Le fichier est vide.", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Nom, Prénom, Courriel, Rôle, Académie, Discipline", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AHeaderAlone_IsAnEmptyFile()
    {
        var read = Read(Header + "\r\n;;;;;;;\r\n");

        var problem = Assert.Single(read.Problems);
        Assert.Equal((0, (string?)null), (problem.Line, problem.Column));
        Assert.StartsWith("Le fichier est vide : il n'a que la ligne d'en-têtes (ligne 1)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnXlsx_IsRecognisedByItsContent_FirstSheet_TextOfEachCell_LinesAreExcelRows()
    {
        using var xlsx = new MemoryStream();
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.Worksheets.Add("Personnes");
            string[] header = ["NOM", "Prénom", "Courriel", "Rôle", "Académie", "Discipline", "Équipe", "Remarques"];
            for (var c = 0; c < header.Length; c++) sheet.Cell(1, c + 1).SetValue(header[c]);
            string[] camille = [" Martin ", "Camille", "camille.martin@ac-lyon.fr", "référente", "Lyon", "NSI 2", "Équipe NSI", "ok"];
            for (var c = 0; c < camille.Length; c++) sheet.Cell(2, c + 1).SetValue(camille[c]);
            sheet.Cell(4, 1).SetValue("Petit");
            sheet.Cell(4, 2).SetValue("Léa");
            sheet.Cell(4, 3).FormulaA1 = "\"lea.petit\"&\"@education.gouv.fr\"";
            sheet.Cell(4, 4).SetValue("admin");
            sheet.Cell(4, 7).SetValue(2027);
            workbook.Worksheets.Add("Autre").Cell(1, 1).SetValue("ignorée");
            workbook.SaveAs(xlsx);
        }

        var read = Read(xlsx.ToArray(), "annuaire (1).bin");

        Assert.Empty(read.Problems);
        Assert.Equal([2, 4], read.Rows.Select(r => r.Line));
        Assert.Equal(("Martin", "NSI 2", "Équipe NSI"), (read.Rows[0][DirectoryColumn.LastName], read.Rows[0][DirectoryColumn.Discipline], read.Rows[0][DirectoryColumn.Team]));
        Assert.False(read.Rows[0].Cells.ContainsKey(DirectoryColumn.EntraId));
        Assert.Equal(("lea.petit@education.gouv.fr", "2027", ""), (read.Rows[1][DirectoryColumn.Email], read.Rows[1][DirectoryColumn.Team], read.Rows[1][DirectoryColumn.Academy]));
    }

    [Fact]
    public void ANonSeekableStream_IsReadToo()
    {
        var bytes = Encoding.UTF8.GetBytes($"{Header}\nMartin;Camille;c@ac-lyon.fr;admin;;;;\n");

        var read = DirectoryFileReader.Read(new ForwardOnlyStream(bytes), "annuaire.csv");

        Assert.Empty(read.Problems);
        Assert.Equal("Martin", Assert.Single(read.Rows)[DirectoryColumn.LastName]);
    }

    [Theory]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, "annuaire.xls", "Excel 97-2003 (.xls)")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x00, 0x00 }, "annuaire.xlsx", "n'est pas un classeur Excel lisible")]
    [InlineData(new byte[] { 0x4E, 0x6F, 0x6D, 0x3B }, "annuaire.xlsx", "porte l'extension .xlsx mais n'est pas un classeur Excel")]
    public void FilesThatAreNotWhatTheySeem_AreRefusedWithAHint(byte[] bytes, string name, string expected)
    {
        var read = Read(bytes, name);

        var problem = Assert.Single(read.Problems);
        Assert.Equal((0, (string?)null), (problem.Line, problem.Column));
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.Contains(name, problem.Message, StringComparison.Ordinal);
    }

    /// <summary>What an HTTP response body is like: read once, no length, no seeking.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
