using Microsoft.Extensions.Logging;

namespace TraAM.Bot.IntegrationTests.Infrastructure;

/// <summary>
/// The bot's own log lines, written into the output of the test that is running: `dotnet test` prints them under a
/// failing test ("Standard Output Messages"), so a failure such as a 500 explains itself in CI's log.
/// </summary>
internal sealed class TestOutputLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new TestOutputLogger(categoryName);

    public void Dispose()
    {
    }

    private sealed class TestOutputLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (TestContext.Current.TestOutputHelper is not { } output) return; // between tests (fixture start, disposal)
            try
            {
                output.WriteLine($"[bot {logLevel}] {category}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
            }
            catch (InvalidOperationException)
            {
                // A background job still logging after its test ended: nowhere to write it.
            }
        }
    }
}
