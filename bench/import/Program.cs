using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Data;
using TraAM.Bot.Hosting;
using TraAM.Bot.People.Import;
using TraAM.Bot.Tests.Import;

// Directory import benchmark (issue 3): a 5,000-row file, parsed and validated, then imported into the embedded
// SQLite database and, when TRAAM_TEST_POSTGRES is set, into a fresh PostgreSQL database; then re-imported (no-op).
// Goal: under 2 s for the whole import. Prints each figure beside the goal and their ratio.
var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
const double GoalSeconds = 2.0;
var csv = Encoding.UTF8.GetBytes(DirectoryFiles.Csv(rows));
Console.WriteLine($"Directory import benchmark: {rows} rows, {csv.Length / 1024} KiB CSV, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine($"{"step",-40} {"seconds",8} {"goal",6} {"goal/actual",12}");

// Parse + validate only, best of 5 (warm JIT).
var themes = Call2026.Themes;
var best = double.MaxValue;
for (var i = 0; i < 5; i++)
{
    var sw = Stopwatch.StartNew();
    var read = DirectoryFileReader.Read(new MemoryStream(csv), "annuaire.csv");
    var validation = DirectoryValidator.Validate(read.Rows, themes);
    sw.Stop();
    if (read.Problems.Count + validation.Problems.Count > 0) throw new InvalidOperationException("the generated file has problems");
    best = Math.Min(best, sw.Elapsed.TotalSeconds);
}

Print("read + validate (best of 5)", best);

var sqlite = Path.Combine(Path.GetTempPath(), $"traam-bench-{Guid.NewGuid():N}.db");
await RunAsync("SQLite (embedded default)", new() { ["Database:SqlitePath"] = sqlite });
File.Delete(sqlite);

if (Environment.GetEnvironmentVariable("TRAAM_TEST_POSTGRES") is { Length: > 0 } admin)
{
    var name = "traam_bench_" + Guid.NewGuid().ToString("N")[..8];
    await using (var c = new NpgsqlConnection(admin)) { await c.OpenAsync(); await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c).ExecuteNonQueryAsync(); }
    await RunAsync("PostgreSQL", new() { ["ConnectionStrings:TraAM"] = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString });
    NpgsqlConnection.ClearAllPools();
    await using (var c = new NpgsqlConnection(admin)) { await c.OpenAsync(); await new NpgsqlCommand($"DROP DATABASE \"{name}\" WITH (FORCE)", c).ExecuteNonQueryAsync(); }
}
else
{
    Console.WriteLine("(PostgreSQL skipped: set TRAAM_TEST_POSTGRES, e.g. `source .ci/postgres.sh`)");
}

async Task RunAsync(string label, Dictionary<string, string?> settings)
{
    var builder = Host.CreateApplicationBuilder();
    builder.Configuration.AddInMemoryCollection(settings);
    builder.Logging.SetMinimumLevel(LogLevel.Warning); // as in production: no per-command logging
    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddDatabase(builder.Configuration, builder.Environment);
    builder.Services.AddScoped<DirectoryImporter>();
    using var host = builder.Build();
    await DatabaseMigrator.MigrateAsync(host.Services, CancellationToken.None);
    await using (var warm = host.Services.CreateAsyncScope())
    {
        // A dry run of the same file does every step then rolls back: it warms EF's model and query caches, as in a
        // bot that has been running, without changing what the measured import finds.
        await warm.ServiceProvider.GetRequiredService<DirectoryImporter>().ImportAsync(new MemoryStream(csv), "annuaire.csv", true, CancellationToken.None);
    }

    foreach (var pass in new[] { "first import", "re-import (no change)" })
    {
        await using var scope = host.Services.CreateAsyncScope();
        var sw = Stopwatch.StartNew();
        var report = await scope.ServiceProvider.GetRequiredService<DirectoryImporter>().ImportAsync(new MemoryStream(csv), "annuaire.csv", false, CancellationToken.None);
        sw.Stop();
        if (report.HasProblems) throw new InvalidOperationException(report.ToText());
        Print($"{label}: {pass}", sw.Elapsed.TotalSeconds);
    }

    await using var check = host.Services.CreateAsyncScope();
    var people = await check.ServiceProvider.GetRequiredService<TraamDbContext>().People.CountAsync();
    Console.WriteLine($"{"",-40} ({people} people in the database)");
}

static void Print(string step, double seconds) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{step,-40} {seconds,8:F3} {GoalSeconds,6:F1} {GoalSeconds / seconds,11:F1}x"));
