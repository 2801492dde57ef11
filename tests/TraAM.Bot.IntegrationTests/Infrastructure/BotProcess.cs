using System.Diagnostics;

namespace TraAM.Bot.IntegrationTests.Infrastructure;

/// <summary>
/// The bot as operators run it: its own process (dotnet TraAM.Bot.dll), configured by environment variables, that
/// can be killed with SIGKILL mid-run. Shared by the fault test and bench/fanout.
/// </summary>
public sealed class BotProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _log = new();

    private BotProcess(Process process) => _process = process;

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>What the process wrote (stdout and stderr), for a failure message.</summary>
    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>
    /// Starts an instance on <paramref name="connectionString"/>, in local mode (no token, loopback Connector
    /// allowed), with its Hangfire server on; <paramref name="settings"/> add or override environment variables.
    /// </summary>
    public static BotProcess Start(string connectionString, IReadOnlyDictionary<string, string>? settings = null, string? directory = null,
        string urls = "http://127.0.0.1:0")
    {
        directory ??= AppContext.BaseDirectory;
        var info = new ProcessStartInfo("dotnet", [Path.Combine(directory, "TraAM.Bot.dll"), "--urls", urls])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ConnectionStrings__TraAM"] = connectionString;
        info.Environment["Database__MigrateOnStart"] = "true";
        info.Environment["Bot__MicrosoftAppId"] = "";
        info.Environment["Jobs__ServerEnabled"] = "true";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__TraAM.Bot.Delivery"] = "Information";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet TraAM.Bot.dll did not start");
        var bot = new BotProcess(process);
        process.OutputDataReceived += (_, e) => bot.Append(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>kill -9: no shutdown, no finally, no flush — what a crash or an OOM kill does.</summary>
    public void KillHard()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(TimeSpan.FromSeconds(10));
    }

    /// <summary>True once the process has ended (within <paramref name="timeout"/>).</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return false;
        _process.WaitForExit(); // and until the last line written has been read
        return true;
    }

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }
}
