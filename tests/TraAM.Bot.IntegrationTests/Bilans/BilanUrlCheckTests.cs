using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.Bilans;
using TraAM.Bot.IntegrationTests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using static TraAM.Bot.IntegrationTests.Bilans.BilanSeed;
using static TraAM.Bot.IntegrationTests.CheckIns.CheckInSeed;

namespace TraAM.Bot.IntegrationTests.Bilans;

/// <summary>
/// The productions' addresses checked after a bilan is sent, against a fake academic web (WireMock on loopback; the
/// bot's check client is pointed at it, https host by host): a public page, an ordinary redirect, a redirect to a CAS
/// login page, and a site that cannot be reached. The bilan is saved first whatever the network does.
/// </summary>
public sealed class BilanUrlCheckTests : IAsyncLifetime
{
    private WireMockServer _web = null!;
    private TraamApp _app = null!;
    private int _closedPort;

    public async ValueTask InitializeAsync()
    {
        _web = WireMockServer.Start();
        _web.Given(Request.Create().WithPath("/hg.ac-test.fr/scenarios").UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200));
        _web.Given(Request.Create().WithPath("/hg.ac-test.fr/capsules").UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(301).WithHeader("Location", "https://hg.ac-test.fr/capsules/"));
        _web.Given(Request.Create().WithPath("/hg.ac-test.fr/capsules/").UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200));
        _web.Given(Request.Create().WithPath("/hg.ac-test.fr/bilan").UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", "https://cas.ac-test.fr/cas/login?service=https%3A%2F%2Fhg.ac-test.fr%2Fbilan"));
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            _closedPort = ((IPEndPoint)listener.LocalEndpoint).Port; // free, then closed: connections are refused
        }

        var root = new Uri(_web.Url!);
        _app = new TraamApp().WithServices(s => s.AddHttpClient(UrlProbe.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new FakeWeb(root, _closedPort)));
        await _app.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _web.Stop();
        _web.Dispose();
    }

    [PostgresFact]
    public async Task EachAddress_IsChecked_AndItsResultKept_ALoginRedirectIsFlagged_AndAnUnreachableSiteNeverBlocksTheBilan()
    {
        var cast = await _app.CastAsync();
        await _app.LaunchAsync(_app.ParisToday().AddDays(10));
        var c = await _app.CollectionAsync();
        var sent = await _app.SendBilanAsync(BilanAnswers(Subject(c, cast.Lyon), 0, more:
        [
            ("url_scenarios", "https://hg.ac-test.fr/scenarios"),
            ("url_magistere", "https://down.ac-test.fr/course/42"),
            ("url_bilan_academique", "https://hg.ac-test.fr/bilan"),
            ("url_communication", "https://hg.ac-test.fr/capsules"),
        ]));
        Assert.Contains("Bilan envoyé (version 1)", sent.Text(), StringComparison.Ordinal); // saved before any check

        Assert.Equal(1, await _app.RunEnqueuedAsync<CheckBilanUrlsJob>());

        await using (var db = _app.CreateDbContext())
        {
            var checks = await db.BilanUrlChecks.AsNoTracking().ToDictionaryAsync(x => x.FieldId, TestContext.Current.CancellationToken);
            Assert.Equal((UrlCheckOutcome.Ok, (int?)200), (checks["url_scenarios"].Outcome, checks["url_scenarios"].StatusCode));
            Assert.Equal((UrlCheckOutcome.Ok, (int?)200), (checks["url_communication"].Outcome, checks["url_communication"].StatusCode)); // an ordinary redirect, followed
            Assert.Equal((UrlCheckOutcome.LoginRequired, (int?)302, "cas.ac-test.fr/cas/login"), (checks["url_bilan_academique"].Outcome, checks["url_bilan_academique"].StatusCode, checks["url_bilan_academique"].Detail));
            Assert.Equal((UrlCheckOutcome.Unreachable, (int?)null), (checks["url_magistere"].Outcome, checks["url_magistere"].StatusCode));
            Assert.Equal("https://hg.ac-test.fr/bilan", checks["url_bilan_academique"].Url);
        }

        Assert.Contains(_web.LogEntries, e => e.RequestMessage.Path == "/hg.ac-test.fr/scenarios" && e.RequestMessage.Method == "HEAD");
        Assert.DoesNotContain(_web.LogEntries, e => e.RequestMessage.Path.Contains("cas", StringComparison.Ordinal)); // the login page is never asked

        var reopened = await _app.OpenBilanAsync(c);
        Assert.Contains("Bilan académique ⚠ demande une connexion (la production doit être publique)", reopened.Text(), StringComparison.Ordinal);
        Assert.Contains("Scénarios ✔ accessible", reopened.Text(), StringComparison.Ordinal);
        Assert.Contains("M@gistère non vérifiée (site injoignable pour l'instant)", reopened.Text(), StringComparison.Ordinal);
        Assert.Equal(1, (await _app.BilanAsync(cast.Lyon))!.Version);
    }

    /// <summary>"https://host/path" → the fake web at "/host/path"; the host down.ac-test.fr → a closed port.</summary>
    private sealed class FakeWeb(Uri root, int closedPort) : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var asked = request.RequestUri!;
            request.RequestUri = asked.Host == "down.ac-test.fr"
                ? new UriBuilder("http", "127.0.0.1", closedPort, asked.AbsolutePath).Uri
                : new Uri(root, "/" + asked.Host + asked.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
