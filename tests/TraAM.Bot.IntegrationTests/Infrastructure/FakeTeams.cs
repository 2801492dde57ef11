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
        app.MapPost("/v3/conversations/{id}/activities", (string id) =>
        {
            var conversation = Uri.UnescapeDataString(id);
            PerConversationAdd(fake, conversation);
            var n = Interlocked.Increment(ref fake._received);
            fake.OnReceived?.Invoke(n, conversation);
            foreach (var (target, wait) in fake._waits)
            {
                if (n >= target) wait.TrySetResult();
            }

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

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static void PerConversationAdd(FakeTeams fake, string conversation) => fake.PerConversation.AddOrUpdate(conversation, 1, (_, c) => c + 1);
}
