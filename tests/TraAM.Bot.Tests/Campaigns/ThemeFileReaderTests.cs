using System.Text;
using ClosedXML.Excel;
using TraAM.Bot.Campaigns.Opening;

namespace TraAM.Bot.Tests.Campaigns;

/// <summary>The call's table of themes, as people save it: CSV or XLSX, every problem with its line.</summary>
public sealed class ThemeFileReaderTests
{
    private static ThemeFileRead Csv(string text) => ThemeFileReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "themes.csv");

    [Fact]
    public void AGoodTable_GivesEachTheme_NumberedWithinItsDiscipline()
    {
        var read = Csv("""
            Discipline;Titre;Numéro;Année;Prérequis année 1
            Mathématiques;Différencier en mathématiques;;;
            SVT;Une seule santé;1;1;non
            SVT;Bases de données et SIG;2;2e année;oui
            NSI;Cybersécurité;;1;
            NSI;Égalité filles-garçons;;1;
            """);

        Assert.Empty(read.Problems);
        Assert.Equal(
            [("mathematiques", 1, 1, false), ("svt", 1, 1, false), ("svt", 2, 2, true), ("nsi", 1, 1, false), ("nsi", 2, 1, false)],
            read.Rows.Select(r => (r.DisciplineCode, r.Number, r.Year, r.RequiresYearOne)));
    }

    [Fact]
    public void EveryBadCell_IsNamedWithItsLine_AndNothingIsKept()
    {
        var read = Csv("""
            Discipline,Title,Year,Requires year 1
            Astrologie,Les étoiles,1,
            SVT,,3,
            SVT,Données,1,oui
            SVT,Encore,1,peut-être
            """);

        Assert.Empty(read.Rows);
        Assert.Equal([2, 3, 3, 4, 5], read.Problems.Select(p => p.Line));
        Assert.Contains(read.Problems, p => p.Message.StartsWith("Discipline inconnue : « Astrologie »", StringComparison.Ordinal));
        Assert.Contains(read.Problems, p => p.Line == 3 && p.Message.Contains("« 3 » : indiquez 1 ou 2", StringComparison.Ordinal));
        Assert.Contains(read.Problems, p => p.Line == 4 && p.Message.Contains("Seul un thème de deuxième année", StringComparison.Ordinal));
        Assert.Contains(read.Problems, p => p.Line == 5 && p.Message.Contains("indiquez oui ou non", StringComparison.Ordinal));
    }

    [Fact]
    public void TwoThemesWithTheSameNumber_InADiscipline_AreRefused()
    {
        var read = Csv("Discipline;Titre;Numéro\nNSI;A;1\nNSI;B;1\n");

        Assert.Equal(3, Assert.Single(read.Problems).Line);
    }

    [Fact]
    public void AMissingTitleColumn_IsOneClearProblem()
    {
        var read = Csv("Discipline;Remarques\nSVT;x\n");

        Assert.Contains("Colonne « Titre » introuvable", Assert.Single(read.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnXlsxTable_IsReadAsTheCsvOne()
    {
        using var stream = new MemoryStream();
        using (var book = new XLWorkbook())
        {
            var sheet = book.AddWorksheet("Thèmes");
            sheet.Cell(1, 1).Value = "Discipline";
            sheet.Cell(1, 2).Value = "Intitulé";
            sheet.Cell(1, 3).Value = "Année";
            sheet.Cell(2, 1).Value = "Histoire-géographie";
            sheet.Cell(2, 2).Value = "Une fenêtre sur le monde";
            sheet.Cell(2, 3).Value = 1;
            book.SaveAs(stream);
        }

        stream.Position = 0;
        var read = ThemeFileReader.Read(stream, "themes.xlsx");

        Assert.Empty(read.Problems);
        Assert.Equal(("histoire-geographie", "Une fenêtre sur le monde", 1), (read.Rows[0].DisciplineCode, read.Rows[0].Title, read.Rows[0].Year));
    }
}
