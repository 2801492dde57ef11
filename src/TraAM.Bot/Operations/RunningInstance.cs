using System.Diagnostics;
using System.Reflection;

namespace TraAM.Bot.Operations;

/// <summary>This process: the build it runs (informational version, with the commit when the build knew it) and when it started.</summary>
public sealed record RunningInstance(string Version, DateTimeOffset StartedAt)
{
    public static RunningInstance Current { get; } = new(
        typeof(RunningInstance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?",
        // The process's own start, not the first "version": an operator compares it with a deploy or a restart.
        new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero));
}
