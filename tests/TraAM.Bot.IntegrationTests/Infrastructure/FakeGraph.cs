using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using TraAM.Bot.Tests;

namespace TraAM.Bot.IntegrationTests.Infrastructure;

/// <summary>
/// The shared fake of Microsoft Graph (../shared/tools/graph/fakegraph.mjs) in its own node process on a free port,
/// with its control API (/_fake) for faults, the request log and the stored events.
/// </summary>
public sealed class FakeGraph : IAsyncDisposable
{
    public const string Tenant = "aaaabbbb-0000-4000-8000-00000000cafe";
    public const string ClientId = "11111111-2222-3333-4444-555555555555";
    public const string Secret = "test-secret";
    public const string Organizer = "traam.reunions@ac-test.fr";

    private readonly Process _process;
    private readonly HttpClient _control = new();

    private FakeGraph(Process process, string root)
    {
        _process = process;
        Root = root;
    }

    public string Root { get; }
    public string BaseUrl => $"{Root}/v1.0";
    public string TokenEndpoint => $"{Root}/{{tenant}}/oauth2/v2.0/token";

    /// <summary>Starts the fake; <paramref name="roles"/> narrows the token's permissions (a missing one gets 403).</summary>
    public static async Task<FakeGraph> StartAsync(string? roles = null)
    {
        // ../shared is usually a symlink; the script only serves when node is given its real path (it compares it with import.meta.url).
        var shared = new DirectoryInfo(Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared")));
        var script = Path.Combine(shared.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? shared.FullName, "tools", "graph", "fakegraph.mjs");
        var users = Path.Combine(Path.GetTempPath(), $"fakegraph-users-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(users, JsonSerializer.Serialize(new[] { new { userPrincipalName = Organizer, displayName = "Réunions TraAM" } }));
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var info = new ProcessStartInfo("node", [script, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--users", users, "--retry-after", "0", "--quiet"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            if (roles is not null) info.ArgumentList.Add("--roles");
            if (roles is not null) info.ArgumentList.Add(roles);
            var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
            var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            if (first is not null && JsonNode.Parse(first)?["listening"]?.GetValue<string>() is { } root)
            {
                File.Delete(users); // read at start only
                return new FakeGraph(process, root);
            }

            process.Kill();
            if (attempt == 2) throw new InvalidOperationException($"fakegraph did not start ({script}): [{first}] {await process.StandardError.ReadToEndAsync()}");
        }
    }

    /// <summary>The bot's Graph settings pointed at this fake (what a deployment sets, with the fake's addresses).</summary>
    public TraamApp Configure(TraamApp app) => app
        .With("Graph:TenantId", Tenant).With("Graph:ClientId", ClientId).With("Graph:ClientSecret", Secret)
        .With("Graph:BaseUrl", BaseUrl).With("Graph:TokenEndpoint", TokenEndpoint).With("Graph:Organizer", Organizer);

    /// <summary>Queues faults: the next <paramref name="count"/> calls matching <paramref name="match"/> fail with <paramref name="status"/>.</summary>
    public async Task FaultAsync(int status, int count, string match, bool afterCommit = false) =>
        (await _control.PostAsJsonAsync($"{Root}/_fake/faults", new { status, count, match, afterCommit, retryAfter = 0 })).EnsureSuccessStatusCode();

    /// <summary>The events the fake holds (with deleted and cancelled ones).</summary>
    public async Task<JsonArray> EventsAsync() =>
        (await _control.GetFromJsonAsync<JsonObject>($"{Root}/_fake/events"))!["events"]!.AsArray();

    /// <summary>The requests the fake answered, oldest first.</summary>
    public async Task<JsonArray> LogAsync()
    {
        var log = await _control.GetFromJsonAsync<JsonNode>($"{Root}/_fake/log");
        return log is JsonArray array ? array : log!["entries"]!.AsArray();
    }

    /// <summary>Attaches a transcript to the event's Teams meeting, as if it had taken place (speaker, text, start in seconds).</summary>
    public async Task TranscriptAsync(string eventId, params (string Speaker, string Text, int Start)[] lines) =>
        (await _control.PostAsJsonAsync($"{Root}/_fake/meetings/{Uri.EscapeDataString(eventId)}/transcript",
            new { lines = lines.Select(l => new { speaker = l.Speaker, text = l.Text, start = l.Start, end = l.Start + 5 }) })).EnsureSuccessStatusCode();

    /// <summary>Attaches an attendance report with these attendees (e-mail, name, seconds present).</summary>
    public async Task AttendanceAsync(string eventId, params (string Email, string Name, int Seconds)[] records) =>
        (await _control.PostAsJsonAsync($"{Root}/_fake/meetings/{Uri.EscapeDataString(eventId)}/attendance",
            new { records = records.Select(r => new { emailAddress = r.Email, displayName = r.Name, totalAttendanceInSeconds = r.Seconds, role = "Attendee" }) })).EnsureSuccessStatusCode();

    public async Task ResetAsync() => (await _control.PostAsJsonAsync($"{Root}/_fake/reset", new { })).EnsureSuccessStatusCode();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
