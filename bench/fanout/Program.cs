using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using TraAM.Bot.Delivery;
using TraAM.Bot.IntegrationTests.Infrastructure;

// Fan-out benchmark (issue 4): N recipients, one notification each, due now, drained by two bot processes on one
// PostgreSQL database against fake-connector.mjs, which enforces Teams' limits and injects 429 (Retry-After) and 503.
// With --kill (default) one process is killed with SIGKILL a third of the way and restarted.
// Prints achieved messages/s beside the ceiling (the tenant limit), their ratio, duplicates, lost, p99 queue delay.
var recipients = Arg("--recipients", 10_000);
var rate = Arg("--rate", 50);
var instances = Arg("--instances", 2);
var kill = !args.Contains("--no-kill");
// Teams answers a POST in roughly 100-400 ms; the fake's default (3 ms) measures the sender alone.
var latencyMedian = Arg("--latency-median", 0);
var latencyP99 = Arg("--latency-p99", latencyMedian * 4);
var concurrency = Array.IndexOf(args, "--concurrency") is var cc and >= 0 ? args[cc + 1] : null;
var margin = Array.IndexOf(args, "--margin") is var m and >= 0 ? args[m + 1] : null;
var admin = Environment.GetEnvironmentVariable("TRAAM_TEST_POSTGRES")
    ?? throw new InvalidOperationException("TRAAM_TEST_POSTGRES is not set: run bench/fanout/run.sh (it starts PostgreSQL).");
var here = AppContext.GetData("FanoutDir") as string ?? Path.GetDirectoryName(Environment.ProcessPath)!;
var fakeScript = Environment.GetEnvironmentVariable("FAKE_CONNECTOR") ?? Path.GetFullPath(Path.Combine(here, "..", "..", "..", "fake-connector.mjs"));
Console.WriteLine($"Fan-out benchmark: {recipients} recipients, {instances} instances, Teams limit {rate} req/s per tenant, kill -9 mid-run: {(kill ? "yes" : "no")}");
Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; Connector latency: "
    + (latencyMedian > 0 ? $"log-normal, median {latencyMedian} ms, p99 {latencyP99} ms" : "3 ms")
    + $"; Delivery__Concurrency {concurrency ?? "default"}");

using var fake = StartFake(fakeScript, rate, latencyMedian, latencyP99, out var fakeUrl);
using var http = new HttpClient { BaseAddress = new Uri(fakeUrl) };
var database = "traam_fanout_" + Guid.NewGuid().ToString("N")[..8];
await Sql(admin, $"CREATE DATABASE \"{database}\"");
var cs = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
var processes = new List<BotProcess>();
try
{
    var seed = Stopwatch.StartNew();
    await FanoutSeed.CreateAsync(cs, recipients, fakeUrl, DateTimeOffset.UtcNow, CancellationToken.None);
    Console.WriteLine($"seeded in {seed.Elapsed.TotalSeconds:0.0} s");
    var settings = new Dictionary<string, string>
    {
        ["Delivery__TenantRequestsPerSecond"] = rate.ToString(CultureInfo.InvariantCulture),
        ["Delivery__InDoubtAfter"] = "00:00:40",
        ["Logging__LogLevel__TraAM.Bot.Delivery"] = "Warning",
    };
    if (margin is not null) settings["Delivery__SafetyMargin"] = margin;
    if (concurrency is not null) settings["Delivery__Concurrency"] = concurrency;
    for (var i = 0; i < instances; i++) processes.Add(BotProcess.Start(cs, settings));
    var killed = !kill;
    var timeout = Stopwatch.StartNew();
    var limit = TimeSpan.FromSeconds((recipients / (double)rate * 2) + 180);
    var lastPrint = TimeSpan.Zero;
    var settled = 0;
    while (true)
    {
        await Task.Delay(500);
        var stats = await Stats(http);
        if (!killed && stats.GetProperty("delivered").GetInt32() >= recipients / 3)
        {
            processes[0].KillHard();
            Console.WriteLine($"kill -9 of instance 1 at {stats.GetProperty("delivered").GetInt32()} delivered; restarting it");
            processes[0] = BotProcess.Start(cs, settings);
            killed = true;
        }

        var states = await FanoutSeed.StatesAsync(cs, CancellationToken.None);
        if (timeout.Elapsed - lastPrint > TimeSpan.FromSeconds(15))
        {
            lastPrint = timeout.Elapsed;
            Console.WriteLine($"  {timeout.Elapsed.TotalSeconds,5:0} s: delivered {stats.GetProperty("delivered").GetInt32()}, {string.Join(", ", states.Select(s => $"{s.Key} {s.Value}"))}");
        }

        // Done when nothing is pending or in flight; a row left "sending" by the kill stays so until Delivery__InDoubtAfter.
        var inFlight = states.GetValueOrDefault(NotificationState.Sending);
        if (states.GetValueOrDefault(NotificationState.Pending) == 0 && killed && (inFlight == 0 || settled++ > 90)) break;
        if (timeout.Elapsed > limit) break;
    }

    var final = await Stats(http);
    var end = await FanoutSeed.StatesAsync(cs, CancellationToken.None);
    var delays = (await FanoutSeed.QueueDelaysAsync(cs, CancellationToken.None)).Order().ToList();
    var delivered = final.GetProperty("delivered").GetInt32();
    var distinct = final.GetProperty("distinctConversations").GetInt32();
    var first = final.GetProperty("firstDeliveredAt").GetDouble();
    var last = final.GetProperty("lastDeliveredAt").GetDouble();
    var achieved = (delivered - 1) / ((last - first) / 1000.0);
    Console.WriteLine();
    Console.WriteLine($"{"figure",-44} {"value",12} {"goal",12}");
    Row("achieved messages/s (delivered, first→last)", achieved.ToString("0.0", CultureInfo.InvariantCulture), "");
    // Every injected 429/503 spends a request of the limit, so a perfect sender delivers at most this many messages/s.
    var refused = final.GetProperty("injected429").GetInt32() + final.GetProperty("injected503").GetInt32();
    var messageCeiling = rate * (1 - (refused / (double)final.GetProperty("requests").GetInt32()));
    // A perfect sender at the message ceiling sends the k-th message k / ceiling after the start: the excess over it
    // is what the engine adds (retries, the restart, idle gaps).
    var excess = delays.Select((d, k) => d - (k * 1000.0 / messageCeiling)).Order().ToList();
    var requestsPerSecond = final.GetProperty("requests").GetInt32() / ((last - first) / 1000.0);
    Row("ceiling: Teams per-tenant limit, req/s", rate.ToString(CultureInfo.InvariantCulture), "");
    Row("ceiling for messages (limit × share not refused)", messageCeiling.ToString("0.0", CultureInfo.InvariantCulture), "");
    Row("ratio achieved / message ceiling", (achieved / messageCeiling).ToString("0.000", CultureInfo.InvariantCulture), "≥ 0.90");
    Row("ratio achieved / request limit", (achieved / rate).ToString("0.000", CultureInfo.InvariantCulture), "");
    Row("requests/s sent (all answers) / limit", $"{requestsPerSecond:0.0} / {rate}", "");
    Row("duplicates (a conversation got 2+)", final.GetProperty("duplicates").GetInt32().ToString(CultureInfo.InvariantCulture), "0");
    Row("lost (never received)", (recipients - distinct).ToString(CultureInfo.InvariantCulture), "0");
    Row("in doubt (killed mid-call, not re-sent)", (end.GetValueOrDefault(NotificationState.Sending) + end.GetValueOrDefault(NotificationState.Unconfirmed)).ToString(CultureInfo.InvariantCulture), "");
    Row("failed / still pending", $"{end.GetValueOrDefault(NotificationState.Failed)} / {end.GetValueOrDefault(NotificationState.Pending)}", "0 / 0");
    Row("p99 queue delay, s (due → sent)", (Percentile(delays, 0.99) / 1000).ToString("0.0", CultureInfo.InvariantCulture), "");
    Row("p99 delay over a perfect sender, s", (Percentile(excess, 0.99) / 1000).ToString("0.0", CultureInfo.InvariantCulture), "");
    Row("Teams limit violations (tenant / conversation)", $"{final.GetProperty("violationsTenant").GetInt32()} / {final.GetProperty("violationsConversation").GetInt32()}", "0 / 0");
    Row("injected 429 / 503", $"{final.GetProperty("injected429").GetInt32()} / {final.GetProperty("injected503").GetInt32()}", "");
    Row("max requests in any second", final.GetProperty("requestsPerSecondMax").GetInt32().ToString(CultureInfo.InvariantCulture), $"≤ {rate}");
}
finally
{
    foreach (var p in processes) p.Dispose();
    if (!fake.HasExited) fake.Kill(entireProcessTree: true);
    NpgsqlConnection.ClearAllPools();
    await Sql(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static void Row(string name, string value, string goal) => Console.WriteLine($"{name,-44} {value,12} {goal,12}");

static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

static async Task<JsonElement> Stats(HttpClient http) => JsonDocument.Parse(await http.GetStringAsync("stats")).RootElement;

static async Task Sql(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

static Process StartFake(string script, int rate, int latencyMedian, int latencyP99, out string url)
{
    var info = new ProcessStartInfo("node", [script, "--port", "0", "--tenant-rps", rate.ToString(CultureInfo.InvariantCulture),
        "--p429", "0.05", "--p503", "0.01", "--retry-after", "1", "--latency-ms", "3",
        "--latency-median", latencyMedian.ToString(CultureInfo.InvariantCulture), "--latency-p99", latencyP99.ToString(CultureInfo.InvariantCulture)])
    {
        RedirectStandardOutput = true,
        UseShellExecute = false,
    };
    var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
    var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("fake-connector.mjs said nothing");
    url = line["listening on ".Length..].Trim() + "/";
    process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
    return process;
}
