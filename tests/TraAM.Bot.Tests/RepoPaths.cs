namespace TraAM.Bot.Tests;

/// <summary>The repository the tests were built from (for files that are not copied next to the test binaries).</summary>
internal static class RepoPaths
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TraAM.Bot.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new DirectoryNotFoundException("TraAM.Bot.sln not found above the test binaries");
        }
    }
}
