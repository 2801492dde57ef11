using System.Diagnostics;
using Hangfire.Common;
using Hangfire.Server;

namespace TraAM.Bot.Hosting;

/// <summary>
/// One span per job run, named after the job's class and method ("job ReminderPlanJob.RunAsync"). The arguments are
/// not recorded: they hold ids of people and conversations. A failure records the exception's type, not its message.
/// </summary>
internal sealed class JobTracingFilter : JobFilterAttribute, IServerFilter
{
    private const string Key = "traam.span";

    public void OnPerforming(PerformingContext context)
    {
        var job = context.BackgroundJob.Job;
        var span = BotMetrics.Jobs.StartActivity($"job {job.Type.Name}.{job.Method.Name}", ActivityKind.Internal);
        if (span is null) return;
        span.SetTag("job.type", job.Type.Name);
        span.SetTag("job.method", job.Method.Name);
        span.SetTag("job.id", context.BackgroundJob.Id); // Hangfire's own number: finds the run in /jobs
        context.Items[Key] = span;
    }

    public void OnPerformed(PerformedContext context)
    {
        if (!context.Items.TryGetValue(Key, out var item) || item is not Activity span) return;
        if (context.Exception is { } ex && !context.ExceptionHandled)
        {
            var cause = ex is Hangfire.Server.JobPerformanceException { InnerException: { } inner } ? inner : ex;
            span.SetTag("error.type", cause.GetType().FullName);
            span.SetStatus(ActivityStatusCode.Error);
        }

        span.Dispose();
    }
}
