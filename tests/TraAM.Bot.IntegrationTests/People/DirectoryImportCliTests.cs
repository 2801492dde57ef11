using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using TraAM.Bot.People.Import;
using TraAM.Bot.Tests.Import;

namespace TraAM.Bot.IntegrationTests.People;

/// <summary>
/// The import-directory verb as an operator runs it (dotnet TraAM.Bot.dll, on the embedded SQLite default), with
/// generated files no person should send: it imports or refuses each one, in a few bounded lines, exit code 0 or 1,
/// never a crash, and saves nothing when it refuses (issue 15). Also: relative paths and re-planning (issue 9 §5).
/// </summary>
public sealed class DirectoryImportCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("traam-cli-").FullName;

    private string Database => Path.Combine(_folder, "traam.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task TheLargestDirectoryAccepted_IsCheckedInADryRun_InAFewLines()
    {
        var file = HostileFiles.ShortRows(DirectoryFileReader.MaxRows);
        Assert.InRange(file.Length, 1, DirectoryImporter.MaxFileBytes);

        var (exit, output) = await ImportAsync(file, "--dry-run");

        Assert.True(exit == 0, output);
        Assert.Contains($"Simulation : {DirectoryFileReader.MaxRows} ligne(s) valides", output, StringComparison.Ordinal);
        Assert.True(output.Length < 2_000, output);
        Assert.Equal(0, Count("People"));
    }

    public static TheoryData<string> Hostile() => ["binary", "huge line", "many bad rows", "too many rows"];

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task AHostileFile_IsRefusedInBoundedLines_ExitOne_NothingSaved(string kind)
    {
        var file = kind switch
        {
            "binary" => HostileFiles.Binary(9 * 1024 * 1024),
            "huge line" => HostileFiles.HugeSingleLine(8 * 1024 * 1024),
            "many bad rows" => HostileFiles.ManyBadRows(7_000),
            _ => HostileFiles.ShortRows(DirectoryFileReader.MaxRows + 1),
        };
        Assert.InRange(file.Length, 1, DirectoryImporter.MaxFileBytes);

        var (exit, output) = await ImportAsync(file);

        Assert.True(exit == 1, output);
        Assert.StartsWith("Import refusé", output, StringComparison.Ordinal);
        Assert.True(output.Length < 40_000, $"{output.Length} characters");
        Assert.DoesNotContain(output, c => char.IsControl(c) && c is not ('\n' or '\r'));
        Assert.Equal(0, Count("People"));
    }

    [Fact]
    public async Task AnUnreachableDatabase_EndsInOneLine_ExitOne()
    {
        var (exit, output) = await RunAsync(_folder, new() { ["ConnectionStrings__TraAM"] = "Host=127.0.0.1;Port=1;Database=x;Username=x;Password=x;Timeout=2" },
            "import-directory", Write("annuaire.csv", Encoding.UTF8.GetBytes(DirectoryFiles.Csv(3))));

        Assert.True(exit == 1, output);
        Assert.StartsWith("Erreur", output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task FileNames_AreFoundWhereTheCommandWasTyped_AndAnImportReplansReminders()
    {
        Write("annuaire.csv", Encoding.UTF8.GetBytes(DirectoryFiles.Csv(20))); // referents among them, reminded of the completion deadline

        // dotnet run starts the program in the project's folder and passes where the command was typed (TraAM.Bot.csproj).
        var (exit, output) = await RunAsync(AppContext.BaseDirectory, [], "--from", _folder, "import-directory", "annuaire.csv");
        var export = await RunAsync(AppContext.BaseDirectory, [], "--from", _folder, "export-directory", "copie.xlsx");

        Assert.True(exit == 0, output);
        Assert.Contains("Rappels replanifiés", output, StringComparison.Ordinal);
        Assert.True(Count("Notifications") > 0, "the import planned no reminder");
        Assert.True(export.Exit == 0, export.Output);
        Assert.True(File.Exists(Path.Combine(_folder, "copie.xlsx")), export.Output);
    }

    [Fact]
    public async Task ForgetPerson_ErasesOnce_HarmlessTwice_AndAReimportIsANewPerson_OnTheEmbeddedDatabase()
    {
        var file = Write("annuaire.csv", Encoding.UTF8.GetBytes(
            "Nom;Prénom;Courriel;Rôle;Académie;Discipline;Équipe;Identifiant Entra\nBernard;Hugo;hugo.bernard@ac-lyon.fr;référente;Lyon;SVT – Année 1;Équipe SVT Lyon;\n"));
        var imported = await RunAsync(_folder, [], "import-directory", file);

        var first = await RunAsync(_folder, [], "forget-person", "Hugo.Bernard@ac-lyon.fr");
        var again = await RunAsync(_folder, [], "forget-person", "hugo.bernard@ac-lyon.fr");
        var anonymous = Count("People", "\"ErasedAt\" IS NOT NULL AND \"Email\" LIKE 'personne-supprimee-%@anonyme.invalid' AND \"FirstName\" = 'Personne'");
        var roles = Count("RoleAssignments");
        var reimported = await RunAsync(_folder, [], "import-directory", file);

        Assert.True(imported.Exit == 0, imported.Output);
        Assert.True(first.Exit == 0, first.Output);
        Assert.Contains("Personne supprimée n°", first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Hugo", first.Output, StringComparison.Ordinal);
        Assert.True(again.Exit == 1, again.Output);
        Assert.Contains("rien n'a été modifié", again.Output, StringComparison.Ordinal);
        Assert.Equal((1, 0), (anonymous, roles));
        Assert.True(reimported.Exit == 0, reimported.Output);
        Assert.Equal(2, Count("People"));
        Assert.Equal(1, Count("People", "\"Email\" = 'hugo.bernard@ac-lyon.fr' AND \"ErasedAt\" IS NULL"));
    }

    [Fact]
    public async Task ImportThemes_NamesItsCampaign_RefusesAnUnopenedOne_AndIsIdempotent()
    {
        var file = Write("themes.csv", Encoding.UTF8.GetBytes("Discipline;Titre\nMathématiques;Différencier, encore\n"));

        var unopened = await RunAsync(_folder, [], "import-themes", "--campaign", "2027-2028", file);
        var first = await RunAsync(_folder, [], "import-themes", "--campaign", "2026-2027", file);
        var again = await RunAsync(_folder, [], "import-themes", "--campaign", "2026-2027", file);

        Assert.True(unopened.Exit == 1, unopened.Output);
        Assert.Contains("Campagne inconnue : « 2027-2028 »", unopened.Output, StringComparison.Ordinal);
        Assert.True(first.Exit == 0, first.Output);
        Assert.Contains("Thèmes de la campagne 2026-2027 : 0 ajouté(s), 1 modifié(s), 0 retiré(s).", first.Output, StringComparison.Ordinal);
        Assert.Contains("0 ajouté(s), 0 modifié(s), 0 retiré(s)", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenCampaign_OpensTheNextCallOnce_WithItsSubmissionDay_AndRefusesAnOlderCode()
    {
        var older = await RunAsync(_folder, [], "open-campaign", "2025-2026");
        var badDate = await RunAsync(_folder, [], "open-campaign", "2027-2028", "--submission", "31/03/2027");
        var pastDate = await RunAsync(_folder, [], "open-campaign", "2027-2028", "--submission", "2020-03-31");
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(100).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture); // the CLI reads the real clock
        var first = await RunAsync(_folder, [], "open-campaign", "2027-2028", "--quota", "12", "--submission", day);
        var again = await RunAsync(_folder, [], "open-campaign", "2027-2028");
        var themes = await RunAsync(_folder, [], "import-themes", "--campaign", "2027-2028", Write("themes.csv", Encoding.UTF8.GetBytes("Discipline;Titre\nMathématiques;Différencier, encore\n")));

        Assert.True(older.Exit == 1, older.Output);
        Assert.Contains("n'est pas après la campagne en cours (2026-2027) ; essayez 2027-2028", older.Output, StringComparison.Ordinal);
        Assert.True(badDate.Exit == 1, badDate.Output);
        Assert.Contains("date « 31/03/2027 » invalide", badDate.Output, StringComparison.Ordinal);
        Assert.True(pastDate.Exit == 1, pastDate.Output);
        Assert.Contains("une date passée", pastDate.Output, StringComparison.Ordinal);
        Assert.True(first.Exit == 0, first.Output);
        Assert.Contains($"Campagne 2027-2028 ouverte : dépôt jusqu'au {day}", first.Output, StringComparison.Ordinal);
        Assert.Contains($"La campagne 2027-2028 était déjà ouverte (dépôt jusqu'au {day}) : rien de changé.", again.Output, StringComparison.Ordinal);
        Assert.True(themes.Exit == 0, themes.Output); // the opened call takes its own themes
        Assert.Equal(2, Count("Campaigns"));
    }

    private Task<(int Exit, string Output)> ImportAsync(byte[] file, params string[] options) =>
        RunAsync(_folder, [], ["import-directory", Write("annuaire.csv", file), .. options]);

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private long Count(string table, string where = "1 = 1")
    {
        using var connection = new SqliteConnection($"Data Source={Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE {where}";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Runs the verb in its own process on this test's SQLite file; stdout then stderr, as the operator sees them.</summary>
    private async Task<(int Exit, string Output)> RunAsync(string workingDirectory, Dictionary<string, string> settings, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "TraAM.Bot.dll"), .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ConnectionStrings__TraAM"] = "";
        info.Environment["Database__SqlitePath"] = Database;
        foreach (var (key, value) in settings) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
