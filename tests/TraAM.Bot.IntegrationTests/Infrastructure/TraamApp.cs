using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Data;
using TraAM.Bot.Protocol.Connector;
using TraAM.Bot.Tests.Protocol;

namespace TraAM.Bot.IntegrationTests.Infrastructure;

/// <summary>
/// The real app, in process, on its own fresh PostgreSQL database: real JWT validation (our test issuer's keys
/// served where login.botframework.com would be), a recording Connector at the HTTP edge, the Hangfire server off
/// (jobs are run by calling them), and a fake clock.
/// </summary>
public sealed class TraamApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _database = "traam_it_" + Guid.NewGuid().ToString("N")[..12];
    private readonly Dictionary<string, string?> _settings = [];
    private readonly List<Action<IServiceCollection>> _services = [];

    public TestIssuer Issuer { get; } = new();
    public RecordingConnector Connector { get; } = new();
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public IssuerEndpoints Login { get; }

    /// <summary>SharePoint as Teams' file download URLs reach it: url → bytes.</summary>
    public FileHost Files { get; } = new();
    public string ConnectionString { get; private set; } = "";

    public TraamApp() => Login = new IssuerEndpoints(() => Issuer.Jwks("msteams"));

    /// <summary>Extra settings (before the first request), e.g. <c>Bot:AllowedTenants:0</c>.</summary>
    public TraamApp With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Replaces services of the app (before the first request), e.g. a failing edge.</summary>
    public TraamApp WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public async ValueTask InitializeAsync()
    {
        if (Postgres.ConnectionString is null && !Postgres.IsCi) return; // every test here is skipped
        var admin = Postgres.ConnectionString ?? throw new InvalidOperationException(
            "TRAAM_TEST_POSTGRES is not set: on CI the PostgreSQL suite must run (source .ci/postgres.sh).");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _database, Pooling = true }.ConnectionString;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:TraAM", ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Jobs:ServerEnabled", "false");
        builder.UseSetting("Bot:MicrosoftAppId", TestIssuer.AppId);
        builder.UseSetting("Bot:MicrosoftAppPassword", "test-secret");
        builder.UseSetting("Bot:OpenIdMetadataUrl", IssuerEndpoints.MetadataUrl);
        builder.UseSetting("Bot:TokenEndpoint", IssuerEndpoints.TokenUrl);
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Meetings:PublicUrl", "https://traam.test.invalid"); // where "Ajouter à mon agenda" points
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(new TestOutputLoggerProvider()));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddHttpClient("bot-openid").ConfigurePrimaryHttpMessageHandler(() => Login);
            services.AddHttpClient("bot-token").ConfigurePrimaryHttpMessageHandler(() => Login);
            services.AddHttpClient(nameof(IConnector)).ConfigurePrimaryHttpMessageHandler(() => Connector);
            services.AddHttpClient(TraAM.Bot.Conversations.TeamsFileDownloader.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Files);
            services.AddHttpClient(TraAM.Bot.Protocol.Files.FileUploader.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Files);
            foreach (var configure in _services) configure(services);
        });
    }

    public TraamDbContext CreateDbContext() => Services.GetRequiredService<IDbContextFactory<TraamDbContext>>().CreateDbContext();

    /// <summary>
    /// Empties every table of the model (not Hangfire's) except the seeded campaign and themes, whose calendar is put
    /// back to the 2026-2027 call's defaults, so each test starts from a fresh install.
    /// </summary>
    public async Task ResetAsync()
    {
        await using var db = CreateDbContext();
        var seeded = new[] { typeof(Campaign), typeof(Theme) };
        var tables = db.Model.GetEntityTypes().Where(t => !seeded.Contains(t.ClrType)).Select(t => $"\"{t.GetTableName()}\"").Distinct();
#pragma warning disable EF1002 // table names come from our own model, not from input
        await db.Database.ExecuteSqlRawAsync($"TRUNCATE {string.Join(", ", tables)} RESTART IDENTITY CASCADE");
#pragma warning restore EF1002
        // Jobs an earlier test queued and never ran (a file sent, a re-plan asked) must not run in this one.
        Services.GetRequiredService<Hangfire.JobStorage>(); // its schema exists once the storage is built
        await db.Database.ExecuteSqlRawAsync("TRUNCATE hangfire.jobqueue, hangfire.job CASCADE"); // ids go on: JobRunner remembers ran ones
        await db.Themes.ExecuteUpdateAsync(s => s.SetProperty(t => t.ResultsPublishedAt, (DateTimeOffset?)null).SetProperty(t => t.ResultsPublishedByName, (string?)null));
        var defaults = Call2026.Campaign;
        // A campaign a test opened (and its themes) goes too: the seeded call is the only one a test starts with.
        await db.Themes.Where(t => t.CampaignId != defaults.Id).ExecuteDeleteAsync();
        await db.Campaigns.Where(c => c.Id != defaults.Id).ExecuteDeleteAsync();
        await db.Campaigns.Where(c => c.Id == defaults.Id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.SubmissionDeadline, defaults.SubmissionDeadline)
            .SetProperty(c => c.ResultsDate, defaults.ResultsDate)
            .SetProperty(c => c.WorkStart, defaults.WorkStart)
            .SetProperty(c => c.KickoffDeadline, defaults.KickoffDeadline)
            .SetProperty(c => c.CheckpointsMin, defaults.CheckpointsMin)
            .SetProperty(c => c.CheckpointsMax, defaults.CheckpointsMax)
            .SetProperty(c => c.CompletionDeadline, defaults.CompletionDeadline)
            .SetProperty(c => c.BilanDeadline, defaults.BilanDeadline)
            .SetProperty(c => c.ReminderOffsets, defaults.ReminderOffsets)
            .SetProperty(c => c.SelectionQuota, defaults.SelectionQuota)
            .SetProperty(c => c.UpdatedAt, defaults.UpdatedAt)
            .SetProperty(c => c.Version, defaults.Version));
        (Services.GetRequiredService<IMemoryCache>() as MemoryCache)?.Clear(); // what Teams told about members
        Connector.Clear();
        Login.TokenFailure = null;
        Files.Files.Clear();
        Files.Requests.Clear();
        Files.Uploads.Clear();
    }

    /// <summary>POSTs an activity to /api/messages with a valid channel token (or the given Authorization header).</summary>
    public async Task<HttpResponseMessage> PostActivityAsync(JsonNode activity, string? authorization = "valid")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization == "valid") request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Issuer.Token(serviceUrl: activity["serviceUrl"]?.GetValue<string>()));
        else if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>POSTs an invoke and returns its answer (the body Teams would get): 200 expected.</summary>
    public async Task<JsonNode> InvokeAsync(JsonNode activity)
    {
        using var response = await PostActivityAsync(activity);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Issuer.Dispose();
        Connector.Dispose();
        Login.Dispose();
        Files.Dispose();
        if (Postgres.ConnectionString is null) return;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>One app and database for the whole assembly; tests reset the tables they use.</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<TraamApp>
{
    public const string Name = "app";
}
