using System.Text.Json;
using TraAM.Bot.Conversations;
using TraAM.Bot.Cards;
using TraAM.Bot.People.Import;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;
using TraAM.Bot.Tests.Cards;
using static TraAM.Bot.Tests.Import.ImportFiles;

namespace TraAM.Bot.Tests.Import;

/// <summary>
/// Issue 15: every file under the size cap is read or refused cleanly, and what is said about it is bounded: a short
/// excerpt of a cell, control characters escaped, a few problems then "… et K autres", one sentence for a file that
/// is no table at all, and a report card far below Teams' message size limit.
/// </summary>
public sealed class HostileFileTests
{
    // protocol.md §3.3: about 100 KB counted in UTF-16, 80 KB recommended. The card must stay well below.
    private const int TeamsRecommendedBytes = 80 * 1024;

    [Fact]
    public void ABinaryFile_IsRefusedInOneSentence()
    {
        var read = Read(HostileFiles.Binary(1024 * 1024), "photo.csv");

        var problem = Assert.Single(read.Problems);
        Assert.Contains("ne ressemble pas à un tableau CSV ou XLSX", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Message.Length < 400, problem.Message);
    }

    [Fact]
    public void AHugeSingleLine_IsRefusedInOneSentence_QuotingAShortEscapedExcerpt()
    {
        var read = Read(HostileFiles.HugeSingleLine(8 * 1024 * 1024));

        var problem = Assert.Single(read.Problems);
        Assert.Contains("ne ressemble pas à un annuaire", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Message.Length < 600, $"{problem.Message.Length} characters");
        Assert.Contains("\\u0007", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(problem.Message, char.IsControl);
    }

    [Fact]
    public void ManyBadRows_GiveABoundedTextReport_WithoutControlCharacters()
    {
        var file = HostileFiles.ManyBadRows(7_000);
        Assert.InRange(file.Length, 1, DirectoryImporter.MaxFileBytes);

        var report = Report(file);
        var text = report.ToText();

        Assert.True(report.Problems.Count > 7_000);
        Assert.True(text.Length < 40_000, $"{text.Length} characters");
        Assert.Contains($"… et {report.Problems.Count - ImportReport.TextShown} autres problèmes", text, StringComparison.Ordinal);
        Assert.DoesNotContain(text.Replace(Environment.NewLine, "\n", StringComparison.Ordinal), c => char.IsControl(c) && c != '\n');
        Assert.All(report.Problems, p => Assert.True(p.Message.Length < 1_000, p.Message));
    }

    [Theory]
    [InlineData(Languages.French)]
    [InlineData(Languages.English)]
    public void ManyBadRows_GiveAReportCardFarBelowTeamsMessageSizeLimit(string language)
    {
        var report = Report(HostileFiles.ManyBadRows(7_000));
        var cards = new CardTemplates(CardTemplatesTests.RepoCards);

        var card = cards.Render(ImportDirectoryFile.Card, ImportReportCard.From(report, new string('x', 5_000) + HostileFiles.Nasty + ".csv"), language);
        var json = JsonSerializer.Serialize(ReceivedFiles.Card(card), ProtocolJson.Context.Activity); // as the bot sends it

        Assert.True(json.Length * 2 < TeamsRecommendedBytes, $"{json.Length * 2} bytes in UTF-16");
        Assert.Contains(report.Problems.Count - ImportReportCard.Shown + "", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0007", json.Replace("\\\\u0007", "", StringComparison.Ordinal), StringComparison.Ordinal); // the bell, escaped for show only
    }

    [Fact]
    public void AFileOverTheLargestDirectoryAccepted_IsRefusedWithTheLimit()
    {
        var read = Read(DirectoryFiles.Csv(DirectoryFileReader.MaxRows + 1));

        var problem = Assert.Single(read.Problems);
        Assert.Contains("plus de 100 000 lignes", problem.Message, StringComparison.Ordinal);
        Assert.Empty(read.Rows);
    }

    [Fact]
    public void TheLargestDirectoryAccepted_IsReadAndValid()
    {
        var read = Read(DirectoryFiles.Csv(DirectoryFileReader.MaxRows));

        Assert.Empty(read.Problems);
        Assert.Equal(DirectoryFileReader.MaxRows, read.Rows.Count);
        Assert.Empty(DirectoryValidator.Validate(read.Rows, Themes).Problems);
    }

    [Fact]
    public void AZipBomb_IsRefusedBeforeItIsExpanded()
    {
        var bomb = HostileFiles.ZipBomb(XlsxRecords.MaxUncompressedBytes + 8 * 1024 * 1024);
        Assert.True(bomb.Length < 2 * 1024 * 1024, $"{bomb.Length} bytes");

        var read = Read(bomb, "annuaire.xlsx");

        var problem = Assert.Single(read.Problems);
        Assert.Contains("une fois décompressé", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Lyon", "Lyon")]
    [InlineData("a\u0007b\nc\td", "a\\u0007b\\nc\\td")]
    [InlineData("\u202eevil", "\\u202Eevil")]
    [InlineData("😀 emoji", "😀 emoji")]
    public void AnExcerpt_EscapesInvisibleCharacters(string cell, string shown) => Assert.Equal(shown, Excerpt.Of(cell));

    [Fact]
    public void AnExcerpt_IsShort() => Assert.Equal(new string('a', Excerpt.MaxChars) + "…", Excerpt.Of(new string('a', 10_000)));

    private static ImportReport Report(byte[] file)
    {
        var read = Read(file);
        var problems = read.Problems.Count > 0 ? read.Problems : DirectoryValidator.Validate(read.Rows, Themes).Problems;
        return new ImportReport(false, false, read.Rows.Count, problems);
    }
}
