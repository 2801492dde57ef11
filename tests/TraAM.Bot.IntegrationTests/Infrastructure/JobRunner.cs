using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace TraAM.Bot.IntegrationTests.Infrastructure;

/// <summary>
/// Runs what a handler enqueued, as a Hangfire worker would (the test app has no Hangfire server): each enqueued job
/// of the given type, with its stored arguments, in a scope of its own; then deletes it, so that
/// the next test does not find it.
/// </summary>
public static class JobRunner
{
    // Jobs already run and deleted, in case the storage still lists them as enqueued.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Done = new();

    public static async Task<int> RunEnqueuedAsync<TJob>(this TraamApp app, bool keep = false) where TJob : notnull
    {
        var storage = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var jobs = storage.EnqueuedJobs("default", 0, 1000)
            .Where(j => j.Value.InEnqueuedState && j.Value.Job?.Type == typeof(TJob) && !Done.ContainsKey(Key(app, j.Key))).ToList();
        foreach (var (id, enqueued) in jobs)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var instance = scope.ServiceProvider.GetRequiredService<TJob>();
            var args = enqueued.Job.Args.Select(a => a is CancellationToken ? TestContext.Current.CancellationToken : a).ToArray();
            await (Task)enqueued.Job.Method.Invoke(instance, args)!;
            if (keep) continue;
            app.Services.GetRequiredService<IBackgroundJobClient>().Delete(id);
            Done[Key(app, id)] = true;
        }

        return jobs.Count;
    }

    // Job ids restart at 1 in each app's own database (a test class with its own TraamApp): remember them per database.
    private static string Key(TraamApp app, string id) => app.ConnectionString + "#" + id;
}
