using Hangfire.Logging;
using MelLogLevel = Microsoft.Extensions.Logging.LogLevel;
using HangfireLogLevel = Hangfire.Logging.LogLevel;

namespace TraAM.Bot.Hosting;

/// <summary>
/// Hangfire's log provider is a process-wide static, and Hangfire keeps the loggers it got from it in static fields.
/// Hangfire.AspNetCore's default binds them to the <see cref="ILoggerFactory"/> of the last host that resolved its
/// configuration: once that host is disposed (a second host in tests, a CLI verb building its own), creating a job
/// throws <see cref="ObjectDisposedException"/>. This provider is the same object for the whole process: each host
/// attaches its factory while it lives, a message goes to the newest host still alive, and logging never throws.
/// </summary>
internal sealed class HangfireLogBridge : ILogProvider
{
    private readonly Lock _lock = new();
    private ILoggerFactory[] _factories = [];

    public static HangfireLogBridge Instance { get; } = new();

    /// <summary>Sends Hangfire's messages to this factory until the returned handle is disposed.</summary>
    public IDisposable Attach(ILoggerFactory factory)
    {
        lock (_lock) _factories = [.. _factories, factory];
        return new Attachment(this, factory);
    }

    public ILog GetLogger(string name) => new BridgedLog(this, name);

    private ILogger? CurrentLogger(string name)
    {
        var factories = Volatile.Read(ref _factories);
        for (var i = factories.Length - 1; i >= 0; i--)
        {
            try
            {
                return factories[i].CreateLogger(name);
            }
            catch (ObjectDisposedException)
            {
                // Disposed without detaching (a host torn down abruptly): try the one before it.
            }
        }

        return null;
    }

    private void Detach(ILoggerFactory factory)
    {
        lock (_lock) _factories = [.. _factories.Where(f => !ReferenceEquals(f, factory))];
    }

    private sealed class Attachment(HangfireLogBridge bridge, ILoggerFactory factory) : IDisposable
    {
        public void Dispose() => bridge.Detach(factory);
    }

    private sealed class BridgedLog(HangfireLogBridge bridge, string name) : ILog
    {
        public bool Log(HangfireLogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                if (bridge.CurrentLogger(name) is not { } logger) return false;
                var level = Map(logLevel);
                if (messageFunc is null) return logger.IsEnabled(level); // Hangfire's "is this level on?" probe
                if (!logger.IsEnabled(level)) return false;
#pragma warning disable CA1848, CA2254 // Hangfire hands us a finished message, not a template
                logger.Log(level, exception, "{Message}", messageFunc());
#pragma warning restore CA1848, CA2254
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false; // the host went away between the lookup and the write: drop this line, never the job
            }
        }

        private static MelLogLevel Map(HangfireLogLevel level) => level switch
        {
            HangfireLogLevel.Trace => MelLogLevel.Trace,
            HangfireLogLevel.Debug => MelLogLevel.Debug,
            HangfireLogLevel.Info => MelLogLevel.Information,
            HangfireLogLevel.Warn => MelLogLevel.Warning,
            HangfireLogLevel.Error => MelLogLevel.Error,
            _ => MelLogLevel.Critical,
        };
    }
}

/// <summary>A host's place in <see cref="HangfireLogBridge"/>, given back when its container is disposed.</summary>
internal sealed class HangfireLogAttachment(ILoggerFactory factory) : IDisposable
{
    private readonly IDisposable _attachment = HangfireLogBridge.Instance.Attach(factory);

    public void Dispose() => _attachment.Dispose();
}
