namespace TraAM.Bot.Hosting;

/// <summary>
/// The content root is the binary's folder, not the shell's: <c>dotnet path/to/TraAM.Bot.dll</c> typed anywhere
/// reads that folder's appsettings.json and keeps the embedded database there, instead of running unconfigured
/// with a second, empty database in whatever folder the operator stood in. Paths given on the command line are
/// still read from the folder the command was typed in (the process's working directory is left alone).
/// </summary>
internal static class ContentRoot
{
    public static string Folder => AppContext.BaseDirectory;

    public static WebApplicationOptions WebSettings(string[] args) => new() { Args = args, ContentRootPath = Folder };

    public static HostApplicationBuilderSettings Settings(string[] args) => new() { Args = args, ContentRootPath = Folder };
}
