using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.Data;
using TraAM.Bot.IntegrationTests.Infrastructure;

namespace TraAM.Bot.IntegrationTests.Platform;

public sealed class PlatformTests(TraamApp app) : AppTest(app)
{
    [PostgresFact]
    public async Task Health_ReportsPostgreSqlAndTheJobStorage()
    {
        using var response = await App.CreateClient().GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("Healthy", body["status"]!.GetValue<string>());
        Assert.Equal("PostgreSQL", body["checks"]!["database"]!["description"]!.GetValue<string>());
        Assert.Matches(@"^PostgreSqlStorage, job servers: \d+$", body["checks"]!["jobs"]!["description"]!.GetValue<string>()); // for operators: English
    }

    [PostgresFact]
    public async Task Migrations_AreAllApplied_AndMatchTheModel()
    {
        await using var db = App.CreateDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: run tools/TraAM.Bot.Migrations");
        var campaign = await db.Campaigns.Include(c => c.Themes).SingleAsync(c => c.Id == 1, TestContext.Current.CancellationToken);
        Assert.Equal(("2026-2027", 22), (campaign.Code, campaign.Themes.Count));
    }

    [PostgresFact]
    public async Task PurgeJob_ForgetsOnlyActivitiesOlderThanADay()
    {
        var now = App.Clock.GetUtcNow();
        await using (var db = App.CreateDbContext())
        {
            db.ProcessedActivities.AddRange(
                new ProcessedActivity { Key = "old", ReceivedAt = now.AddHours(-25), Completed = true },
                new ProcessedActivity { Key = "recent", ReceivedAt = now.AddHours(-23), Completed = true });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PurgeProcessedActivitiesJob>().RunAsync(TestContext.Current.CancellationToken);
        }

        await using var after = App.CreateDbContext();
        Assert.Equal(["recent"], await after.ProcessedActivities.Select(a => a.Key).ToListAsync(TestContext.Current.CancellationToken));
    }

    [PostgresFact]
    public async Task JobsDashboard_OutsideLocalMode_NeedsCredentials()
    {
        using var anonymous = await App.CreateClient().GetAsync("/jobs", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task JobsDashboard_OpensWithTheConfiguredPassword_Only()
    {
        await using var withPassword = await DashboardAppAsync();
        var https = Https(withPassword);
        var http = withPassword.CreateClient();

        using var wrong = await Get(https, "admin:wrong");
        using var right = await Get(https, "admin:correct horse");
        using var inClear = await Get(http, "admin:correct horse");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, inClear.StatusCode);
    }

    [PostgresFact]
    public async Task TenantOutsideTheAllowList_Gets403()
    {
        await using var restricted = new TraamApp().With("Bot:AllowedTenants:0", "0b0c0d0e-1111-4c6e-9a5a-000000000031");
        await restricted.InitializeAsync();

        using var response = await restricted.PostActivityAsync(Activities.PersonalMessage("aide"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(restricted.Connector.Requests);
    }

    [PostgresFact]
    public async Task LocalMode_RefusesToListenBeyondLoopback()
    {
        await using var exposed = new TraamApp().With("Bot:MicrosoftAppId", "").With("urls", "http://0.0.0.0:3978");
        await exposed.InitializeAsync();

        var ex = Assert.ThrowsAny<Exception>(() => exposed.CreateClient());

        Assert.Contains("Mode local", ex.ToString(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task JobsDashboard_SaysItIsInFrench()
    {
        await using var withPassword = await DashboardAppAsync();

        using var page = await Get(Https(withPassword), "admin:correct horse");

        Assert.Contains("<html lang=\"fr\">", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task JobsDashboard_BehindAKnownProxy_TrustsItsHttps_AndNobodyElses()
    {
        await using var proxied = await DashboardAppAsync(knownNetwork: "10.0.0.0/8");
        _ = proxied.CreateClient(); // starts the server

        var viaProxy = await SendAsync(proxied, "GET", "/jobs", "10.1.2.3", forwardedProto: "https");
        var viaStranger = await SendAsync(proxied, "GET", "/jobs", "192.0.2.7", forwardedProto: "https");

        Assert.Equal(200, viaProxy.Response.StatusCode);
        Assert.Equal(401, viaStranger.Response.StatusCode);
    }

    [PostgresFact]
    public async Task ForwardedHeaders_ABadNetwork_StopsStartUp_NamingTheSetting()
    {
        await using var bad = new TraamApp().With("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33");
        await bad.InitializeAsync();

        var ex = Assert.ThrowsAny<Exception>(() => bad.CreateClient());

        Assert.Contains("ForwardedHeaders__KnownNetworks", ex.ToString(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task JobsDashboard_RefusesAPostWithoutTheAntiforgeryToken()
    {
        await using var withPassword = await DashboardAppAsync();
        var https = Https(withPassword);
        using var page = await Get(https, "admin:correct horse");
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var token = System.Text.RegularExpressions.Regex.Match(html, "<meta name=\"csrf-token\" content=\"([^\"]+)\"").Groups[1].Value;
        var header = System.Text.RegularExpressions.Regex.Match(html, "<meta name=\"csrf-header\" content=\"([^\"]+)\"").Groups[1].Value;

        using var forged = await PostJobsAsync(https, null);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);

        using var genuine = await PostJobsAsync(https, (header, token)); // the same POST, with the page's token
        Assert.True(genuine.IsSuccessStatusCode, $"{genuine.StatusCode}");
    }

    /// <summary>An app whose /jobs dashboard has a password (admin / correct horse), optionally behind a known proxy network.</summary>
    private static async Task<TraamApp> DashboardAppAsync(string? knownNetwork = null)
    {
        var app = new TraamApp().With("Jobs:DashboardPassword", "correct horse");
        if (knownNetwork is not null) app.With("ForwardedHeaders:KnownNetworks:0", knownNetwork);
        await app.InitializeAsync();
        return app;
    }

    private static HttpClient Https(TraamApp app) => app.CreateClient(new() { BaseAddress = new Uri("https://localhost") });

    private static async Task<HttpResponseMessage> PostJobsAsync(HttpClient client, (string Header, string Token)? antiforgery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/jobs/recurring/trigger")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", TraAM.Bot.Delivery.PurgeDeliveryJob.Id)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:correct horse")));
        if (antiforgery is { } a) request.Headers.Add(a.Header, a.Token);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static Task<HttpContext> SendAsync(TraamApp app, string method, string path, string remoteIp, string forwardedProto) =>
        app.Server.SendAsync(c =>
        {
            c.Request.Method = method;
            c.Request.Path = path;
            c.Request.Scheme = "http";
            c.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(remoteIp);
            c.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
            c.Request.Headers["X-Forwarded-For"] = "203.0.113.9";
            c.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:correct horse"));
        }, TestContext.Current.CancellationToken);

    private static async Task<HttpResponseMessage> Get(HttpClient client, string credentials)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/jobs");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
