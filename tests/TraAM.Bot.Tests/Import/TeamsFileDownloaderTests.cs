using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using TraAM.Bot.Conversations;
using TraAM.Bot.Protocol;
using TraAM.Bot.Tests.Protocol;

namespace TraAM.Bot.Tests.Import;

/// <summary>Issue 9 §3: a download follows a redirect only to another allowed host, each hop checked.</summary>
public sealed class TeamsFileDownloaderTests
{
    private const string Link = "https://contoso.sharepoint.com/personal/lea/download.aspx?tempauth=abc";
    private const string Moved = "https://contoso-my.sharepoint.com/files/annuaire.csv?tempauth=def";

    [Fact]
    public async Task ARedirectToAnotherSharePointHost_IsFollowed()
    {
        var http = new FakeHttp()
            .Then(HttpStatusCode.Found, configure: r => r.Headers.Location = new Uri(Moved))
            .Then(HttpStatusCode.OK, "Nom;Prénom");

        var (content, problem) = await Downloader(http).ReceiveAsync(new TeamsFile("annuaire.csv", "csv", Link), 1024, "import.tooLarge", TestContext.Current.CancellationToken);

        Assert.Null(problem);
        Assert.Equal("Nom;Prénom", new StreamReader(content!).ReadToEnd());
        Assert.Equal([Link, Moved], http.Requests.Select(r => r.Uri.AbsoluteUri));
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("http://contoso-my.sharepoint.com/files/annuaire.csv")]
    public async Task ARedirectOutsideSharePoint_IsNeverRequested(string location)
    {
        var http = new FakeHttp()
            .Then(HttpStatusCode.Found, configure: r => r.Headers.Location = new Uri(location))
            .Then(HttpStatusCode.OK, "secret");

        var (content, problem) = await Downloader(http).ReceiveAsync(new TeamsFile("annuaire.csv", "csv", "https://contoso.sharepoint.com/x"), 1024, "import.tooLarge", TestContext.Current.CancellationToken);

        Assert.Null(content);
        Assert.Equal("import.unreachable", problem);
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task EndlessRedirects_StopAfterAFewHops()
    {
        var http = new FakeHttp();
        for (var i = 0; i < 10; i++) http.Then(HttpStatusCode.Found, configure: r => r.Headers.Location = new Uri(Moved));

        var (content, problem) = await Downloader(http).ReceiveAsync(new TeamsFile("annuaire.csv", "csv", Link), 1024, "import.tooLarge", TestContext.Current.CancellationToken);

        Assert.Null(content);
        Assert.Equal("import.unreachable", problem);
        Assert.Equal(4, http.Requests.Count);
    }

    private static TeamsFileDownloader Downloader(FakeHttp http)
    {
        var factory = new Mock<IHttpClientFactory>();
        factory.Setup(f => f.CreateClient(TeamsFileDownloader.HttpClientName)).Returns(() => new HttpClient(http, disposeHandler: false));
        return new TeamsFileDownloader(factory.Object, Options.Create(new BotProtocolOptions { MicrosoftAppId = "app" }), NullLogger<TeamsFileDownloader>.Instance);
    }
}
