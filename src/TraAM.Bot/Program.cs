using TraAM.Bot.Bilans;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Candidacies;
using TraAM.Bot.CheckIns;
using TraAM.Bot.Conversations;
using TraAM.Bot.Delivery;
using TraAM.Bot.Help;
using TraAM.Bot.Hosting;
using TraAM.Bot.Meetings;
using TraAM.Bot.Operations;
using TraAM.Bot.People;
using TraAM.Bot.Privacy;
using TraAM.Bot.Protocol;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Reminders;
using TraAM.Bot.Status;
using TraAM.Bot.Syntheses;

// Command-line verbs (migrate, import-directory…) share the configuration and the services, but not the web host.
if (Cli.IsCommand(args)) return await Cli.RunAsync(args, AddBot);

var builder = WebApplication.CreateBuilder(ContentRoot.WebSettings(args));        // settings and data next to the binary
AddBot(builder);
var app = builder.Build();
app.UseForwardedHeaders();
var help = app.Services.GetRequiredService<HelpCatalog>();

app.MapBot("/api/messages", bot => bot
    .MapConversations()
    .MapHelp(help)
    .MapPeople(help)
    .MapCampaigns(help)
    .MapCandidacies(help)
    .MapCheckIns(help)
    .MapMeetings(help)
    .MapBilans(help)
    .MapReminders(help)
    .MapSyntheses(help)
    .MapStatus(help)
    .MapOperations(help)
    .MapPrivacy(help));

app.MapMeetingFiles();                                                          // /meetings/{id}.ics?sig=…: "Ajouter à mon agenda"
app.MapHealth("/health");
app.MapJobsDashboard("/jobs");

if (Listening.BusyPort(app.Configuration["urls"]) is { } busy) return Listening.Refuse(busy);
try
{
    await app.RunAsync();
}
catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException && Listening.BusyPort(app.Configuration["urls"]) is { } taken)
{
    return Listening.Refuse(taken); // taken between the check above and Kestrel's bind
}

return Environment.ExitCode;

// The bot's services, listed once for the web host and the command-line verbs.
static void AddBot(IHostApplicationBuilder builder)
{
    // Platform
    builder.Services.AddBotProtocol();                                            // /api/messages auth, Connector client, routes
    builder.Services.AddDatabase(builder.Configuration, builder.Environment);    // PostgreSQL, or the embedded SQLite file
    builder.Services.AddJobs(builder.Configuration);                              // Hangfire on PostgreSQL, or in memory
    builder.Services.AddProxies();                                                // the TLS-terminating proxies whose X-Forwarded-* we trust
    builder.Services.AddCardTemplates(builder.Configuration);                     // cards/**.json, loaded and checked now
    builder.Services.AddHealth();                                                 // /health, /health/live, /health/ready
    builder.Services.AddTelemetry(builder.Configuration);                         // OpenTelemetry over OTLP, when an endpoint is set
    builder.Services.AddConversations();                                          // install/uninstall, references for proactive sends
    builder.Services.AddDelivery();                                               // the outbox: every proactive message, once, at Teams' pace

    // Features
    builder.Services
        .AddHelp()
        .AddPeople()                                                               // who is asking, roles, groups, "moi"
        .AddCampaigns()                                                            // the campaign calendar, the phases of each campaign
        .AddCandidacies()                                                          // candidacies: form, decisions, transmission, selection
        .AddCheckIns()                                                             // check-in rounds: the teams' progress, productions and risks
        .AddMeetings()                                                             // meetings: Graph calendar events, or .ics in the fallback
        .AddBilans()                                                               // end-of-year bilans: collection, form, tracker, address checks
        .AddReminders()                                                            // deadlines: reminders, escalations, "échéances"
        .AddSyntheses()                                                            // "synthèse": the theme's synthesis as a Word document
        .AddStatus()                                                               // "statut": the teams' status, as each role may see it
        .AddOperations()                                                           // "version": the installation's state, for admins
        .AddPrivacy();                                                             // RGPD rights: "mes données", "personne supprimer"
}
