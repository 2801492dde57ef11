using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Hosting;

/// <summary>
/// Verbs of the same program, for operators and CI: <c>migrate</c> (apply database migrations) and
/// <c>cards expand --out DIR</c> (expand every template with its sample data in each language, for the comparison
/// with the official templating engine). Exit code 0 on success, 1 on failure, 2 on bad usage.
/// </summary>
internal static class Cli
{
    private static readonly string[] Verbs = ["migrate", "cards"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            return args[0] switch
            {
                "migrate" => await MigrateAsync(args[1..]),
                "cards" when args.Length >= 2 && args[1] == "expand" => ExpandCards(args[2..]),
                _ => Usage(),
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or TemplateException)
        {
            await Console.Error.WriteLineAsync($"Erreur : {ex.Message}");
            return 1;
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("Usage : TraAM.Bot migrate | TraAM.Bot cards expand --out DOSSIER");
        return 2;
    }

    private static async Task<int> MigrateAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddDatabase(builder.Configuration, builder.Environment);
        using var host = builder.Build();
        await DatabaseMigrator.MigrateAsync(host.Services, CancellationToken.None);
        Console.WriteLine(Database.UsesPostgres(builder.Configuration) ? "Base PostgreSQL à jour." : "Base SQLite à jour.");
        return 0;
    }

    private static int ExpandCards(string[] args)
    {
        var outIndex = Array.IndexOf(args, "--out");
        if (outIndex < 0 || outIndex + 1 >= args.Length) return Usage();
        var output = Path.GetFullPath(args[outIndex + 1]);
        var cardsIndex = Array.IndexOf(args, "--cards");
        var folder = cardsIndex >= 0 && cardsIndex + 1 < args.Length ? Path.GetFullPath(args[cardsIndex + 1]) : Path.Combine(AppContext.BaseDirectory, "cards");
        var templates = new CardTemplates(folder);
        var expanded = 0;
        foreach (var name in templates.Names.Order(StringComparer.Ordinal))
        {
            var sample = Path.Combine(folder, CardTemplates.SamplesFolder, name + ".json");
            if (!File.Exists(sample)) throw new InvalidOperationException($"Template {name} has no sample data at cards/samples/{name}.json.");
            using var doc = JsonDocument.Parse(File.ReadAllText(sample));
            foreach (var language in new[] { Languages.French, Languages.English })
            {
                var target = Path.Combine(output, $"{name}.{language}");
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var card = templates.RenderElement(name, doc.RootElement, language);
                File.WriteAllText(target + ".card.json", JsonSerializer.Serialize(card, Indented));
                File.WriteAllText(target + ".data.json", templates.RootDataJson(doc.RootElement, language));
                File.WriteAllText(target + ".template.json", File.ReadAllText(Path.Combine(folder, name + ".json")));
                expanded++;
            }
        }

        Console.WriteLine($"{expanded} cartes développées dans {output}");
        return 0;
    }

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
