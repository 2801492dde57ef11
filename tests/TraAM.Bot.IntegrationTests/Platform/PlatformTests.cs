using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
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
        Assert.StartsWith("PostgreSqlStorage", body["checks"]!["jobs"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Migrations_AreAllApplied_AndMatchTheModel()
    {
        await using var db = App.CreateDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: run tools/TraAM.Bot.Migrations");
        var campaign = await db.Campaigns.Include(c => c.Themes).SingleAsync(c => c.IsCurrent, TestContext.Current.CancellationToken);
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
        await using var withPassword = new TraamApp().With("Jobs:DashboardPassword", "correct horse");
        await withPassword.InitializeAsync();
        var https = withPassword.CreateClient(new() { BaseAddress = new Uri("https://localhost") });
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

    private static async Task<HttpResponseMessage> Get(HttpClient client, string credentials)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/jobs");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
