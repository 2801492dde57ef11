using System.Text;
using TraAM.Bot.Campaigns;
using TraAM.Bot.People.Import;

namespace TraAM.Bot.Tests.Import;

/// <summary>Reads and checks directory files given as text or bytes, against the 2026-2027 themes.</summary>
internal static class ImportFiles
{
    public const string Header = "Nom;Prénom;Courriel;Rôle;Académie;Discipline;Équipe;Identifiant Entra";

    public static IReadOnlyList<Theme> Themes { get; } = Call2026.Themes;

    public static DirectoryFileReadResult Read(byte[] bytes, string fileName = "annuaire.csv") =>
        DirectoryFileReader.Read(new MemoryStream(bytes), fileName);

    public static DirectoryFileReadResult Read(string text, string fileName = "annuaire.csv") => Read(Encoding.UTF8.GetBytes(text), fileName);

    /// <summary>Header + the given lines, read (which must succeed) then validated.</summary>
    public static DirectoryValidation Validate(params string[] lines)
    {
        var read = Read(string.Join("\n", lines.Prepend(Header)));
        Assert.Empty(read.Problems);
        return DirectoryValidator.Validate(read.Rows, Themes);
    }

    public static ImportProblem SingleProblem(params string[] lines)
    {
        var validation = Validate(lines);
        Assert.Empty(validation.People);
        return Assert.Single(validation.Problems);
    }
}
