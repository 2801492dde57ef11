using System.Net;
using Moq;
using TraAM.Bot.Bilans;

namespace TraAM.Bot.Tests.Bilans;

/// <summary>The address check as a referent's production meets it: public, behind a login, broken, or out of reach.</summary>
public sealed class UrlProbeTests
{
    [Theory]
    [InlineData("https://cas.ac-lyon.fr/cas/login?service=x", true)]
    [InlineData("https://login.microsoftonline.com/common/oauth2/authorize", true)]
    [InlineData("https://ent.ac-lyon.fr/connexion", true)]
    [InlineData("https://www.ac-lyon.fr/auth/realms/sso", true)]
    [InlineData("https://hg.ac-lyon.fr/scenarios/fenetre-sur-le-monde", false)]
    [InlineData("https://hg.ac-lyon.fr/auteurs/loginov-et-la-carte", false)] // a word inside a word is not a login page
    public void ALoginPage_IsKnownByItsAddress(string url, bool login) => Assert.Equal(login, UrlProbe.IsLoginPage(new Uri(url)));

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("193.48.1.10", true)]
    [InlineData("2001:660:1::1", true)]
    public void OnlyPublicAddresses_AreConnectedTo(string address, bool isPublic) => Assert.Equal(isPublic, UrlProbe.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task ARedirectToALoginPage_IsLoginRequired_AndAnOrdinaryRedirectIsFollowed()
    {
        var probe = Probe(new Dictionary<string, Func<HttpRequestMessage, HttpResponseMessage>>
        {
            ["https://hg.ac-lyon.fr/a"] = _ => Redirect("https://hg.ac-lyon.fr/a/"),
            ["https://hg.ac-lyon.fr/a/"] = _ => new HttpResponseMessage(HttpStatusCode.OK),
            ["https://hg.ac-lyon.fr/prive"] = _ => Redirect("https://cas.ac-lyon.fr/cas/login?service=https%3A%2F%2Fhg.ac-lyon.fr%2Fprive"),
            ["https://hg.ac-lyon.fr/head"] = r => new HttpResponseMessage(r.Method == HttpMethod.Head ? HttpStatusCode.MethodNotAllowed : HttpStatusCode.OK),
            ["https://hg.ac-lyon.fr/absent"] = _ => new HttpResponseMessage(HttpStatusCode.NotFound),
            ["https://hg.ac-lyon.fr/ent"] = _ => new HttpResponseMessage(HttpStatusCode.Unauthorized),
        });

        Assert.Equal(UrlCheckOutcome.Ok, (await probe.CheckAsync(new Uri("https://hg.ac-lyon.fr/a"), TestContext.Current.CancellationToken)).Outcome);
        var login = await probe.CheckAsync(new Uri("https://hg.ac-lyon.fr/prive"), TestContext.Current.CancellationToken);
        Assert.Equal((UrlCheckOutcome.LoginRequired, 302, "cas.ac-lyon.fr/cas/login"), (login.Outcome, login.StatusCode, login.Detail)); // no query string kept
        Assert.Equal(UrlCheckOutcome.Ok, (await probe.CheckAsync(new Uri("https://hg.ac-lyon.fr/head"), TestContext.Current.CancellationToken)).Outcome);
        Assert.Equal((UrlCheckOutcome.Error, (int?)404), await Outcome(probe, "https://hg.ac-lyon.fr/absent"));
        Assert.Equal((UrlCheckOutcome.LoginRequired, (int?)401), await Outcome(probe, "https://hg.ac-lyon.fr/ent"));
    }

    [Fact]
    public async Task ANetworkFailure_IsUnreachable_NotAnError()
    {
        var probe = Probe(new Dictionary<string, Func<HttpRequestMessage, HttpResponseMessage>>
        {
            ["https://down.ac-lyon.fr/"] = _ => throw new HttpRequestException(HttpRequestError.NameResolutionError, "no such host"),
        });

        var result = await probe.CheckAsync(new Uri("https://down.ac-lyon.fr/"), TestContext.Current.CancellationToken);
        Assert.Equal((UrlCheckOutcome.Unreachable, (int?)null), (result.Outcome, result.StatusCode));
    }

    [Fact]
    public async Task ARedirectLoop_StopsAfterFiveHops()
    {
        var calls = 0;
        var probe = Probe(new Dictionary<string, Func<HttpRequestMessage, HttpResponseMessage>>
        {
            ["https://hg.ac-lyon.fr/loop"] = _ =>
            {
                calls++;
                return Redirect("https://hg.ac-lyon.fr/loop");
            },
        });

        Assert.Equal(UrlCheckOutcome.Error, (await probe.CheckAsync(new Uri("https://hg.ac-lyon.fr/loop"), TestContext.Current.CancellationToken)).Outcome);
        Assert.Equal(6, calls);
    }

    private static async Task<(UrlCheckOutcome, int?)> Outcome(UrlProbe probe, string url)
    {
        var r = await probe.CheckAsync(new Uri(url), TestContext.Current.CancellationToken);
        return (r.Outcome, r.StatusCode);
    }

    private static HttpResponseMessage Redirect(string to) => new(HttpStatusCode.Found) { Headers = { Location = new Uri(to) } };

    private static UrlProbe Probe(Dictionary<string, Func<HttpRequestMessage, HttpResponseMessage>> site)
    {
        var factory = new Mock<IHttpClientFactory>();
        factory.Setup(f => f.CreateClient(UrlProbe.HttpClientName)).Returns(() => new HttpClient(new Site(site)));
        return new UrlProbe(factory.Object);
    }

    private sealed class Site(Dictionary<string, Func<HttpRequestMessage, HttpResponseMessage>> pages) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(pages.TryGetValue(request.RequestUri!.AbsoluteUri, out var page) ? page(request) : new HttpResponseMessage(HttpStatusCode.NotFound));
    }
}
