using TraAM.Bot.People.Import;

namespace TraAM.Bot.Tests.Import;

/// <summary>Which campaign a directory file goes to: the one named, else its column, never a guess between two.</summary>
public sealed class ImportCampaignTests
{
    private static DirectoryRow Row(int line, string campaign) => new(line, new Dictionary<DirectoryColumn, string> { [DirectoryColumn.Campaign] = campaign });

    [Fact]
    public void TheColumn_NamesTheCampaign_BlankCellsFollowIt()
    {
        Assert.Equal(("2027-2028", 0), Count(ImportCampaign.Choose([Row(2, "2027–2028"), Row(3, "")], null)));
    }

    [Fact]
    public void NoColumnAndNoOption_MeansTheWorkingCampaign()
    {
        Assert.Equal((null, 0), Count(ImportCampaign.Choose([Row(2, "")], null)));
    }

    [Fact]
    public void TwoCampaignsInOneFile_OrAColumnAgainstTheOption_AreProblems()
    {
        var (_, mixed) = ImportCampaign.Choose([Row(2, "2027-2028"), Row(3, "2026-2027"), Row(4, "bientôt")], null);
        var (_, against) = ImportCampaign.Choose([Row(2, "2027-2028")], "2026-2027");

        Assert.Equal([3, 4], mixed.Select(p => p.Line));
        Assert.Contains("l'import a été demandé pour 2026-2027", Assert.Single(against).Message, StringComparison.Ordinal);
    }

    private static (string? Code, int Problems) Count((string? Code, List<ImportProblem> Problems) chosen) => (chosen.Code, chosen.Problems.Count);
}
