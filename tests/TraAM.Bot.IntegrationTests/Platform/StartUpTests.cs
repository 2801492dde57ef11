using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TraAM.Bot.IntegrationTests.Infrastructure;

namespace TraAM.Bot.IntegrationTests.Platform;

/// <summary>The built bot as an operator starts it: from any folder, with its own settings, and a clear word when it cannot.</summary>
public sealed class StartUpTests
{
    [Fact]
    public void BusyPort_EndsWithOneClearLine_AndExitCode1()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var dataFile = $"data/it-{Guid.NewGuid():N}.db";

        using var bot = BotProcess.Start("", new Dictionary<string, string>
        {
            ["Database__SqlitePath"] = dataFile,
            ["Jobs__ServerEnabled"] = "false",
        }, urls: $"http://127.0.0.1:{port}");
        try
        {
            Assert.True(bot.WaitForExit(TimeSpan.FromSeconds(60)), bot.Log);
            Assert.Equal(1, bot.ExitCode);
            Assert.Contains($"le port {port} est déjà utilisé", bot.Log, StringComparison.Ordinal);
            Assert.Contains($"port {port} is already in use", bot.Log, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", bot.Log, StringComparison.Ordinal); // no stack trace
        }
        finally
        {
            DeleteDatabase(dataFile);
        }
    }

    [Fact]
    public void Migrate_FromAnotherFolder_UsesTheBinarysFolder_AndSaysWhatItDid()
    {
        var elsewhere = Directory.CreateTempSubdirectory("traam-cwd-").FullName;
        var dataFile = $"data/it-{Guid.NewGuid():N}.db";
        try
        {
            var first = Run(elsewhere, dataFile, "migrate");
            var second = Run(elsewhere, dataFile, "migrate");

            Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, dataFile)), first.Output);
            Assert.False(Directory.Exists(Path.Combine(elsewhere, "data")), "a second database was created in the working folder");
            Assert.Equal(0, first.ExitCode);
            Assert.Contains("Base SQLite créée", first.Output, StringComparison.Ordinal);
            Assert.Contains("Base SQLite déjà à jour", second.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
            DeleteDatabase(dataFile);
        }
    }

    private static void DeleteDatabase(string dataFile)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(Path.Combine(AppContext.BaseDirectory, dataFile + suffix));
    }

    private static (int ExitCode, string Output) Run(string workingDirectory, string dataFile, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "TraAM.Bot.dll"), .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        info.Environment.Remove("DOTNET_ENVIRONMENT");
        info.Environment["Database__SqlitePath"] = dataFile;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "migrate did not finish");
        return (process.ExitCode, output.Result + error.Result);
    }
}
