using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.People.Import;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Hosting;

/// <summary>
/// Verbs of the same program, for operators and CI: <c>migrate</c> (apply database migrations) and
/// <c>cards expand --out DIR</c> (expand every template with its sample data in each language, for the comparison
/// with the official templating engine). Exit code 0 on success, 1 on failure, 2 on bad usage.
/// </summary>
internal static class Cli
{
    private static readonly string[] Verbs = ["migrate", "cards", "import-directory", "export-directory", "import-holidays", "remove-role", "import-themes", "open-campaign", "forget-person"];

    private const string CampaignOption = "--campaign";

    // `dotnet run` starts the program in the project's folder and passes the folder the command was typed in first
    // (RunArguments in TraAM.Bot.csproj): file names are resolved there, as any command-line tool does.
    private const string FromOption = "--from";

    public static bool IsCommand(string[] args) => Verbs.Contains(WithoutOrigin(args).FirstOrDefault(), StringComparer.Ordinal);

    /// <summary>
    /// Runs a verb with the bot's own services (<paramref name="addServices"/>, as Program.cs registers them). Every
    /// failure ends as one French line on stderr and exit code 1: an operator never gets a stack trace or a crash.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, Action<IHostApplicationBuilder> addServices)
    {
        var origin = args.Length >= 2 && args[0] == FromOption ? args[1] : Environment.CurrentDirectory;
        args = WithoutOrigin(args);
        try
        {
            return args[0] switch
            {
                "migrate" => await MigrateAsync(args[1..]),
                "cards" when args.Length >= 2 && args[1] == "expand" => ExpandCards(args[2..], origin),
                "import-directory" => await ImportDirectoryAsync(args[1..], origin, addServices),
                "export-directory" => await ExportDirectoryAsync(args[1..], origin, addServices),
                "import-holidays" => await ImportHolidaysAsync(args[1..], origin, addServices),
                "remove-role" => await RemoveRoleAsync(args[1..], addServices),
                "import-themes" => await ImportThemesAsync(args[1..], origin, addServices),
                "open-campaign" => await OpenCampaignAsync(args[1..], addServices),
                "forget-person" => await ForgetPersonAsync(args[1..], addServices),
                _ => Usage(),
            };
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            await Console.Error.WriteLineAsync("Erreur : l'annuaire a changé pendant l'import (un autre import ?) ; rien n'a été modifié. Relancez la commande.");
            return 1;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or TemplateException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"Erreur : {Excerpt.Of(ex.Message, 300)}");
            return 1;
        }
        catch (Exception ex)
        {
            // Anything else is a bug or the database failing: say so in one line; nothing was saved (one transaction).
            await Console.Error.WriteLineAsync($"Erreur inattendue ({ex.GetType().Name}) : {Excerpt.Of(ex.Message, 300)} Rien n'a été enregistré.");
            return 1;
        }
    }

    private static string[] WithoutOrigin(string[] args) => args.Length >= 2 && args[0] == FromOption ? args[2..] : args;

    private static int Usage()
    {
        Console.Error.WriteLine("""
            Usage :
              TraAM.Bot migrate                                appliquer les migrations de la base
              TraAM.Bot import-directory FICHIER [--dry-run] [--replace] [--campaign 2027-2028]
                                                             importer l'annuaire (CSV ou XLSX), tout ou rien ; --replace :
                                                             le fichier fait foi, les rôles des absents sont retirés ;
                                                             --campaign : la campagne de ses équipes et rôles (défaut : celle en cours)
              TraAM.Bot import-themes --campaign 2027-2028 FICHIER
                                                             importer les thèmes de l'appel (Discipline, Titre, Numéro, Année,
                                                             Prérequis année 1) dans une campagne ouverte
              TraAM.Bot open-campaign 2027-2028 [--quota N] [--no-themes] [--submission AAAA-MM-JJ]
                                                             ouvrir l'appel suivant (comme « ouvrir campagne ») ; --submission :
                                                             tout le calendrier décalé pour que le dépôt ferme ce jour-là
              TraAM.Bot export-directory FICHIER.xlsx          exporter l'annuaire au même format
              TraAM.Bot import-holidays FICHIER.ics [--zone Z] importer les vacances scolaires (ICS du ministère)
              TraAM.Bot remove-role COURRIEL RÔLE [PORTÉE]     retirer un rôle (ex. : remove-role a.b@ac-lyon.fr inspecteur Lyon)
              TraAM.Bot forget-person COURRIEL                 effacer les données personnelles d'une personne (RGPD),
                                                             comme « personne supprimer » ; sans effet si déjà fait
              TraAM.Bot cards expand --out DOSSIER             développer les modèles de cartes avec leurs exemples
            """);
        return 2;
    }

    // The bot's settings (appsettings, environment, ConnectionStrings__TraAM) and services, its database migrated; no
    // Hangfire server. Planning reminders writes to the outbox; the running bot's next drain sends what falls due.
    private static async Task<IHost> DataHostAsync(Action<IHostApplicationBuilder> addServices)
    {
        var builder = Host.CreateApplicationBuilder(ContentRoot.Settings([]));
        builder.Configuration[$"{JobsOptions.Section}:{nameof(JobsOptions.ServerEnabled)}"] = "false";
        // The verbs speak in their own French lines; EF Core's would repeat every statement (the file's values included).
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None);
        addServices(builder);
        builder.Services.AddSingleton(TimeProvider.System).AddSingleton<Delivery.IDeliveryTrigger, Delivery.NoDrainTrigger>();
        var host = builder.Build();
        await DatabaseMigrator.MigrateAsync(host.Services, CancellationToken.None);
        return host;
    }

    private static async Task<int> ImportDirectoryAsync(string[] args, string origin, Action<IHostApplicationBuilder> addServices)
    {
        var (campaign, rest) = TakeCampaign(args);
        var options = new DirectoryImportOptions(rest.Contains("--dry-run"), By: null, Replace: rest.Contains("--replace"), Campaign: campaign);
        var files = rest.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (files.Count != 1) return Usage();
        var path = Path.GetFullPath(files[0], origin);
        if (!File.Exists(path)) throw new IOException($"fichier introuvable : {path}");
        if (new FileInfo(path).Length > DirectoryImporter.MaxFileBytes) throw new IOException("le fichier dépasse 10 Mo.");
        using var host = await DataHostAsync(addServices);
        using var scope = host.Services.CreateScope();
        await using var stream = File.OpenRead(path);
        var report = await scope.ServiceProvider.GetRequiredService<DirectoryImporter>().ImportAsync(stream, Path.GetFileName(path), options, CancellationToken.None);
        Console.WriteLine(report.ToText());
        if (report.Applied) await ReplanAsync(scope.ServiceProvider);
        return report.HasProblems ? 1 : 0;
    }

    /// <summary>"--campaign CODE" taken out of the arguments (null when absent).</summary>
    private static (string? Campaign, string[] Others) TakeCampaign(string[] args)
    {
        var at = Array.IndexOf(args, CampaignOption);
        if (at < 0 || at + 1 >= args.Length) return (null, args);
        return (args[at + 1], [.. args[..at], .. args[(at + 2)..]]);
    }

    private static async Task<int> ImportThemesAsync(string[] args, string origin, Action<IHostApplicationBuilder> addServices)
    {
        var (campaign, rest) = TakeCampaign(args);
        if (campaign is null || rest.Length != 1 || rest[0].StartsWith("--", StringComparison.Ordinal)) return Usage();
        var path = Path.GetFullPath(rest[0], origin);
        if (!File.Exists(path)) throw new IOException($"fichier introuvable : {path}");
        using var host = await DataHostAsync(addServices);
        using var scope = host.Services.CreateScope();
        await using var stream = File.OpenRead(path);
        var report = await scope.ServiceProvider.GetRequiredService<Campaigns.Opening.ThemeImporter>().ImportAsync(stream, Path.GetFileName(path), campaign, CancellationToken.None);
        await (report.Problems.Count > 0 ? Console.Error : Console.Out).WriteLineAsync(report.ToText());
        return report.Problems.Count > 0 ? 1 : 0;
    }

    /// <summary>
    /// Opens the next call as the <c>ouvrir campagne</c> card does (same checks, same idempotence), for operators and for
    /// rehearsals: <c>--submission</c> moves the whole proposed calendar so that the submission window closes that day,
    /// which keeps a rehearsal (CI's Playground run, bench/approvals) in its candidacy phase whatever today's date.
    /// </summary>
    private static async Task<int> OpenCampaignAsync(string[] args, Action<IHostApplicationBuilder> addServices)
    {
        var code = args.Length > 0 ? Campaigns.CampaignCode.Normalize(args[0]) : null;
        string? Option(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        int? quota = null;
        if (Option("--quota") is { } q)
        {
            if (!int.TryParse(q, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n is < 1 or > Campaigns.Opening.OpenCampaign.MaxQuota)
            {
                await Console.Error.WriteLineAsync($"Erreur : quota « {q} » invalide (un nombre de 1 à {Campaigns.Opening.OpenCampaign.MaxQuota}).");
                return 1;
            }

            quota = n;
        }

        DateOnly? submission = null;
        if (Option("--submission") is { } d)
        {
            if (!DateOnly.TryParseExact(d, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
            {
                await Console.Error.WriteLineAsync($"Erreur : date « {d} » invalide (attendu : AAAA-MM-JJ, ex. 2027-03-31).");
                return 1;
            }

            // A window already closed would open the call straight into its selection phase: a typo, not a rehearsal.
            if (day < DateOnly.FromDateTime(DateTime.UtcNow))
            {
                await Console.Error.WriteLineAsync($"Erreur : le dépôt fermerait le {d}, une date passée ; donnez une date à venir.");
                return 1;
            }

            submission = day;
        }

        if (code is null) return Usage();
        using var host = await DataHostAsync(addServices);
        using var scope = host.Services.CreateScope();
        var phases = scope.ServiceProvider.GetRequiredService<Campaigns.CampaignPhases>();
        var work = await phases.ForWorkAsync(CancellationToken.None);
        if (Campaigns.CampaignCode.StartYear(code) <= Campaigns.CampaignCode.StartYear(work.Code))
        {
            await Console.Error.WriteLineAsync($"Erreur : la campagne {code} n'est pas après la campagne en cours ({work.Code}) ; essayez {Campaigns.CampaignCode.Next(work.Code)}.");
            return 1;
        }

        var caller = People.Identity.Caller.Operator(await phases.ContextAsync(CancellationToken.None));
        var result = await scope.ServiceProvider.GetRequiredService<Campaigns.Opening.CampaignOpener>()
            .OpenAsync(code, quota, copyThemes: !args.Contains("--no-themes"), caller, CancellationToken.None, submission);
        Console.WriteLine(result.Created
            ? $"Campagne {code} ouverte : dépôt jusqu'au {result.Campaign.SubmissionDeadline:yyyy-MM-dd}, {result.ThemesCopied} thème(s) et {result.RolesCopied} rôle(s) repris."
            : $"La campagne {code} était déjà ouverte (dépôt jusqu'au {result.Campaign.SubmissionDeadline:yyyy-MM-dd}) : rien de changé.");
        if (result.Created) await ReplanAsync(scope.ServiceProvider);
        return 0;
    }

    /// <summary>Every import re-plans, as in chat: the people and their roles decide who is reminded of what.</summary>
    private static async Task ReplanAsync(IServiceProvider services)
    {
        var plan = await services.GetRequiredService<Reminders.ReminderPlanJob>().RunAndReportAsync(CancellationToken.None);
        Console.WriteLine($"Rappels replanifiés : {plan.Created} nouveau(x), {plan.Cancelled} annulé(s).");
    }

    private static async Task<int> ExportDirectoryAsync(string[] args, string origin, Action<IHostApplicationBuilder> addServices)
    {
        if (args.Length != 1 || args[0].StartsWith("--", StringComparison.Ordinal)) return Usage();
        var path = Path.GetFullPath(args[0], origin);
        using var host = await DataHostAsync(addServices);
        using var scope = host.Services.CreateScope();
        await using var stream = File.Create(path);
        var rows = await scope.ServiceProvider.GetRequiredService<DirectoryExporter>().ExportAsync(stream, CancellationToken.None);
        Console.WriteLine($"{rows} ligne(s) exportée(s) dans {path}");
        return 0;
    }

    private static async Task<int> ImportHolidaysAsync(string[] args, string origin, Action<IHostApplicationBuilder> addServices)
    {
        if (args.Length is not (1 or 3) || args[0].StartsWith("--", StringComparison.Ordinal)) return Usage();
        var zoneIndex = Array.IndexOf(args, "--zone");
        var hint = zoneIndex > 0 && zoneIndex + 1 < args.Length ? args[zoneIndex + 1] : null;
        if (hint is not null && Reference.SchoolZones.Parse(hint) is null)
        {
            await Console.Error.WriteLineAsync($"Erreur : zone inconnue « {hint} » (ex. : A, B, C, Corse, Réunion…).");
            return 1;
        }

        using var host = await DataHostAsync(addServices);
        using var scope = host.Services.CreateScope();
        await using var stream = File.OpenRead(Path.GetFullPath(args[0], origin));
        var result = await scope.ServiceProvider.GetRequiredService<Reminders.Holidays.HolidayImporter>().ImportAsync(stream, hint, CancellationToken.None);
        foreach (var problem in result.Problems) await Console.Error.WriteLineAsync($"Remarque : {problem}");
        if (!result.Applied) return 1;
        Console.WriteLine($"Vacances importées : {string.Join(", ", result.Zones.Select(z => $"{z.Zone} ({z.Periods})"))}.");
        await ReplanAsync(scope.ServiceProvider);
        return 0;
    }

    private static async Task<int> RemoveRoleAsync(string[] args, Action<IHostApplicationBuilder> addServices)
    {
        if (args.Length is not (2 or 3) || args.Any(a => a.StartsWith("--", StringComparison.Ordinal))) return Usage();
        if (DirectoryFormat.FindRole(args[1]) is not { } role)
        {
            await Console.Error.WriteLineAsync($"Erreur : rôle inconnu « {args[1]} » (attendu : {DirectoryFormat.RoleWords}).");
            return 1;
        }

        using var host = await DataHostAsync(addServices);
        using var scope = host.Services.CreateScope();
        var (done, message) = await scope.ServiceProvider.GetRequiredService<People.Access.RoleRevocation>()
            .RevokeFromCommandLineAsync(args[0], role, args.Length == 3 ? args[2] : null, CancellationToken.None);
        await (done ? Console.Out : Console.Error).WriteLineAsync(message);
        return done ? 0 : 1;
    }

    private static async Task<int> ForgetPersonAsync(string[] args, Action<IHostApplicationBuilder> addServices)
    {
        if (args.Length != 1 || args[0].StartsWith("--", StringComparison.Ordinal)) return Usage();
        using var host = await DataHostAsync(addServices);
        using var scope = host.Services.CreateScope();
        var caller = People.Identity.Caller.Operator(await scope.ServiceProvider.GetRequiredService<Campaigns.CampaignPhases>().ContextAsync(CancellationToken.None));
        var (done, message) = await scope.ServiceProvider.GetRequiredService<Privacy.PersonEraser>().ForgetFromCommandLineAsync(args[0], caller, CancellationToken.None);
        await (done ? Console.Out : Console.Error).WriteLineAsync(message);
        return done ? 0 : 1;
    }

    private static async Task<int> MigrateAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(ContentRoot.Settings(args));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddDatabase(builder.Configuration, builder.Environment);
        using var host = builder.Build();
        Console.WriteLine((await DatabaseMigrator.MigrateAsync(host.Services, CancellationToken.None)).French);
        return 0;
    }

    private static int ExpandCards(string[] args, string origin)
    {
        var outIndex = Array.IndexOf(args, "--out");
        if (outIndex < 0 || outIndex + 1 >= args.Length) return Usage();
        var output = Path.GetFullPath(args[outIndex + 1], origin);
        var cardsIndex = Array.IndexOf(args, "--cards");
        var folder = cardsIndex >= 0 && cardsIndex + 1 < args.Length ? Path.GetFullPath(args[cardsIndex + 1], origin) : Path.Combine(AppContext.BaseDirectory, "cards");
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
