using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using TraAM.Bot.Meetings;
using TraAM.Bot.Syntheses;

namespace TraAM.Bot.Tests.Syntheses;

/// <summary>
/// The e-mail edge as Graph receives it (the shared Graph fake has no sendMail): one POST to the organiser's
/// <c>sendMail</c>, the recipients, and the document attached as a fileAttachment with its bytes.
/// </summary>
public sealed class GraphSynthesisMailerTests
{
    [Fact]
    public async Task Sends_one_sendMail_from_the_organiser_with_the_document_attached()
    {
        var recorder = new Recorder();
        var graph = new GraphServiceClient(new HttpClient(recorder), new AnonymousAuthenticationProvider(), "https://graph.test.invalid/v1.0");
        var mailer = new GraphSynthesisMailer(graph, new GraphOptions { Organizer = "traam@education.gouv.fr" });
        byte[] docx = [0x50, 0x4B, 0x03, 0x04, 1, 2, 3];

        await mailer.SendAsync(["dgesco@education.gouv.fr", "ih2ef@ih2ef.gouv.fr"], "Synthèse TraAM", "Bonjour", "synthese-v1.docx", docx, TestContext.Current.CancellationToken);

        var (method, uri, body) = Assert.Single(recorder.Requests);
        Assert.Equal(HttpMethod.Post, method);
        Assert.Equal("/v1.0/users/traam@education.gouv.fr/sendMail", Uri.UnescapeDataString(uri.AbsolutePath));
        var message = body["Message"]!; // the action's parameters are capitalised (Message, SaveToSentItems)
        Assert.Equal(["dgesco@education.gouv.fr", "ih2ef@ih2ef.gouv.fr"], message["toRecipients"]!.AsArray().Select(r => r!["emailAddress"]!["address"]!.GetValue<string>()));
        var attachment = message["attachments"]![0]!;
        Assert.Equal("#microsoft.graph.fileAttachment", attachment["@odata.type"]!.GetValue<string>());
        Assert.Equal("synthese-v1.docx", attachment["name"]!.GetValue<string>());
        Assert.Equal(docx, Convert.FromBase64String(attachment["contentBytes"]!.GetValue<string>()));
    }

    private sealed class Recorder : HttpMessageHandler
    {
        public List<(HttpMethod Method, Uri Uri, JsonNode Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.Method, request.RequestUri!, JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!));
            return new HttpResponseMessage(HttpStatusCode.Accepted);
        }
    }
}
