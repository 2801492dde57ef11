using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.SendMail;
using TraAM.Bot.Meetings;

namespace TraAM.Bot.Syntheses;

/// <summary>Sends a diffused synthesis by e-mail to the campaign's DGESCO/IH2EF addresses (the edge: Graph, or nothing).</summary>
public interface ISynthesisMailer
{
    /// <summary>False without Graph: the TN3 expert is told to forward the document.</summary>
    bool Enabled { get; }

    Task SendAsync(IReadOnlyList<string> recipients, string subject, string body, string fileName, byte[] content, CancellationToken ct);
}

/// <summary>Graph not configured: nothing is sent by e-mail.</summary>
internal sealed class NoSynthesisMailer : ISynthesisMailer
{
    public bool Enabled => false;

    public Task SendAsync(IReadOnlyList<string> recipients, string subject, string body, string fileName, byte[] content, CancellationToken ct) =>
        throw new InvalidOperationException("Microsoft Graph n'est pas configuré : aucun courriel ne peut partir.");
}

/// <summary>
/// <c>POST /users/{organiser}/sendMail</c> with the document attached, from the mailbox that organises the meetings
/// (<see cref="GraphOptions.Organizer"/>; application permission Mail.Send). The shared Graph fake does not implement
/// sendMail: this is proven against a mocked edge only. An attachment over 3 MB would need an upload session: the
/// diffusion then tells the expert to forward it (<see cref="MaxAttachmentBytes"/>).
/// </summary>
internal sealed class GraphSynthesisMailer(GraphServiceClient graph, GraphOptions options) : ISynthesisMailer
{
    public const int MaxAttachmentBytes = 3 * 1024 * 1024;

    public bool Enabled => true;

    public Task SendAsync(IReadOnlyList<string> recipients, string subject, string body, string fileName, byte[] content, CancellationToken ct) =>
        graph.Users[options.Organizer].SendMail.PostAsync(new SendMailPostRequestBody
        {
            SaveToSentItems = true,
            Message = new Message
            {
                Subject = subject,
                Body = new ItemBody { ContentType = BodyType.Text, Content = body },
                ToRecipients = [.. recipients.Select(a => new Recipient { EmailAddress = new EmailAddress { Address = a } })],
                Attachments =
                [
                    new FileAttachment
                    {
                        OdataType = "#microsoft.graph.fileAttachment", Name = fileName, ContentBytes = content,
                        ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    },
                ],
            },
        }, cancellationToken: ct);
}
