using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TraAM.Bot.IntegrationTests.Infrastructure;

/// <summary>
/// Teams' Connector over real HTTP on a loopback port, for bot processes: counts what each conversation received and
/// lets a test act at the N-th message, before Teams answers (e.g. kill the sender: the message arrived, its sender
/// never learns it).
/// </summary>
public sealed class FakeTeams : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _waits = new();
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource<HeldMessage>? _hold;
    private int _received;

    private FakeTeams(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";
    public ConcurrentDictionary<string, int> PerConversation { get; } = new();
    public int Received => Volatile.Read(ref _received);

    /// <summary>Called with the count and the conversation of each message, before it is answered.</summary>
    public Action<int, string>? OnReceived { get; set; }

    public static async Task<FakeTeams> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeTeams(app);
        app.MapPost("/v3/conversations/{id}/activities", async (string id, HttpContext http) =>
        {
            var conversation = Uri.UnescapeDataString(id);
            PerConversationAdd(fake, conversation);
            var n = Interlocked.Increment(ref fake._received);
            fake.OnReceived?.Invoke(n, conversation);
            foreach (var (target, wait) in fake._waits)
            {
                if (n >= target) wait.TrySetResult();
            }

            if (Interlocked.Exchange(ref fake._hold, null) is { } hold) await HoldAsync(hold, conversation, http.RequestAborted, fake._stopping.Token);
            return Results.Json(new { id = n.ToString(System.Globalization.CultureInfo.InvariantCulture) }, statusCode: StatusCodes.Status201Created);
        });
        await app.StartAsync();
        fake.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
        return fake;
    }

    /// <summary>Completes when <paramref name="count"/> messages have arrived (or at once if they have).</summary>
    public Task Reached(int count)
    {
        var wait = _waits.GetOrAdd(count, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (Received >= count) wait.TrySetResult();
        return wait.Task;
    }

    /// <summary>
    /// The next message arrives but gets no answer until its sender hangs up (or this fake stops): completes when it
    /// has arrived. Its sender cannot know whether Teams got it.
    /// </summary>
    public Task<HeldMessage> HoldNext()
    {
        var hold = new TaskCompletionSource<HeldMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _hold, hold);
        return hold.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private static async Task HoldAsync(TaskCompletionSource<HeldMessage> hold, string conversation, CancellationToken aborted, CancellationToken stopping)
    {
        var hungUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = aborted.Register(hungUp.SetResult);
        hold.SetResult(new HeldMessage(conversation, hungUp.Task));
        await Task.WhenAny(hungUp.Task, Task.Delay(Timeout.Infinite, stopping));
    }

    private static void PerConversationAdd(FakeTeams fake, string conversation) => fake.PerConversation.AddOrUpdate(conversation, 1, (_, c) => c + 1);
}

/// <summary>A message Teams received and does not answer; <see cref="HungUp"/> completes when its sender's connection closes.</summary>
public sealed record HeldMessage(string Conversation, Task HungUp);
