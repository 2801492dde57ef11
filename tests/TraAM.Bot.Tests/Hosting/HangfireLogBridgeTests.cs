using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Logging;
using Moq;
using TraAM.Bot.Hosting;
using HangfireLogLevel = Hangfire.Logging.LogLevel;

namespace TraAM.Bot.Tests.Hosting;

/// <summary>Issue 16: Hangfire's process-wide logging must outlive any one host, and never fail a job.</summary>
public sealed class HangfireLogBridgeTests
{
    [Fact]
    public void Messages_GoToTheNewestHostStillAlive()
    {
        var bridge = new TestBridge();
        using var first = bridge.Host();
        var second = bridge.Host();
        var log = bridge.Bridge.GetLogger("Hangfire.Test");

        Assert.True(log.Log(HangfireLogLevel.Warn, () => "while both live"));
        second.Dispose(); // the second host is torn down: its factory with it
        Assert.True(log.Log(HangfireLogLevel.Warn, () => "after the second left"));

        Assert.Equal(["while both live"], second.Messages);
        Assert.Equal(["after the second left"], first.Messages);
    }

    [Fact]
    public void AFactoryDisposedWithoutDetaching_IsSkipped_AndNothingThrows()
    {
        var bridge = new TestBridge();
        using var first = bridge.Host();
        var second = bridge.Host();
        second.Factory.Dispose(); // the factory went, its attachment did not (an abrupt teardown)
        var log = bridge.Bridge.GetLogger("Hangfire.Test");

        Assert.True(log.Log(HangfireLogLevel.Error, () => "still logged"));
        first.Dispose();
        Assert.False(log.Log(HangfireLogLevel.Error, () => "nowhere to go")); // no host alive: dropped, not thrown
        Assert.Equal(["still logged"], first.Messages);
    }

    [Fact]
    public void HangfiresLevelProbe_AnswersWithTheHostsFilter()
    {
        var bridge = new TestBridge();
        using var host = bridge.Host(LogLevel.Warning);
        var log = bridge.Bridge.GetLogger("Hangfire.Test");

        Assert.False(log.Log(HangfireLogLevel.Info, null));
        Assert.True(log.Log(HangfireLogLevel.Error, null));
        Assert.False(log.Log(HangfireLogLevel.Debug, () => "filtered out"));
        Assert.Empty(host.Messages);
    }

    [Fact]
    public void AFollowUpJobThatCannotBeQueued_IsLoggedAndReported_NotThrown()
    {
        var jobs = new Mock<IBackgroundJobClient>();
        jobs.Setup(j => j.Create(It.IsAny<Job>(), It.IsAny<IState>())).Throws(new BackgroundJobClientException("failed", new ObjectDisposedException("LoggerFactory")));
        var logger = new Mock<ILogger>();
        logger.Setup(l => l.IsEnabled(It.IsAny<LogLevel>())).Returns(true);

        var queued = jobs.Object.TryEnqueue<TraAM.Bot.Reminders.ReminderPlanJob>(j => j.RunAsync(CancellationToken.None), logger.Object);

        Assert.False(queued);
        logger.Verify(l => l.Log(LogLevel.Warning, It.IsAny<EventId>(), It.IsAny<It.IsAnyType>(), It.IsAny<BackgroundJobClientException>(), It.IsAny<Func<It.IsAnyType, Exception?, string>>()), Times.Once());
    }

    /// <summary>A bridge of its own (not the process one) and hosts whose logger factories record what they get.</summary>
    private sealed class TestBridge
    {
        public HangfireLogBridge Bridge { get; } = (HangfireLogBridge)Activator.CreateInstance(typeof(HangfireLogBridge), nonPublic: true)!;

        public TestHost Host(LogLevel minimum = LogLevel.Trace) => new(Bridge, minimum);
    }

    private sealed class TestHost : IDisposable
    {
        private readonly IDisposable _attachment;

        public TestHost(HangfireLogBridge bridge, LogLevel minimum)
        {
            Factory = LoggerFactory.Create(b => b.SetMinimumLevel(minimum).AddProvider(new Recorder(Messages)));
            _attachment = bridge.Attach(Factory);
        }

        public List<string> Messages { get; } = [];

        public ILoggerFactory Factory { get; }

        public void Dispose()
        {
            _attachment.Dispose();
            Factory.Dispose();
        }
    }

    private sealed class Recorder(List<string> messages) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(messages);

        public void Dispose()
        {
        }

        private sealed class Logger(List<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Add(formatter(state, exception));
        }
    }
}
