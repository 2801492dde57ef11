using System.Linq.Expressions;
using Hangfire;

namespace TraAM.Bot.Hosting;

/// <summary>
/// Jobs queued after a change is already saved ("re-plan the reminders", "drain the outbox now"). Each has a
/// recurring run that catches up, so failing to queue one (job storage down, a Hangfire fault) is logged and the
/// person who made the change still gets their answer instead of an error.
/// </summary>
internal static partial class FollowUpJobs
{
    public static bool TryEnqueue<TJob>(this IBackgroundJobClient jobs, Expression<Func<TJob, Task>> job, ILogger logger)
    {
        try
        {
            jobs.Enqueue(job);
            return true;
        }
        catch (BackgroundJobClientException e)
        {
            LogNotQueued(logger, typeof(TJob).Name, e);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Job} could not be queued; its recurring run will catch up")]
    private static partial void LogNotQueued(ILogger logger, string job, Exception exception);
}
