using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Protocol.Connector;

namespace TraAM.Bot.Candidacies.Transmission;

/// <summary>
/// Builds the document de synthèse of one transmission and offers it in the personal chat where it was asked, with
/// Teams' file consent card. Once the file is stored the job is done: a retry (or a second run) offers nothing again;
/// a failed offer is retried whole. The person can ask for the offer again ("Renvoyer le fichier") while it is kept.
/// </summary>
internal sealed class BuildExportJob(TraamDbContext db, IConnector connector, CardTemplates cards)
{
    private static readonly CandidacyState[] Sent = [CandidacyState.Transmitted, CandidacyState.Selected, CandidacyState.NotSelected];

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(long exportId, string serviceUrl, string conversationId, CancellationToken cancellationToken)
    {
        var export = await db.CandidacyExports.FirstOrDefaultAsync(e => e.Id == exportId, cancellationToken);
        if (export is null || export.Content is not null || export.DeliveredAt is not null) return;
        var scope = TransmissionScope.Parse(export.ScopeKey) ?? throw new InvalidOperationException($"Export {exportId} has no readable scope.");
        var academies = scope.Academies;
        var place = db.Candidacies.Where(c => c.CampaignId == export.CampaignId && academies.Contains(c.AcademyCode));
        var sent = await CandidacyDetails.LoadAsync(db, place.Where(c => Sent.Contains(c.State) && c.TransmittedAt == export.At), cancellationToken);
        var others = await CandidacyDetails.LoadAsync(db, place.Where(c => !Sent.Contains(c.State)), cancellationToken);
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == export.ByPersonId, cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == export.CampaignId, cancellationToken);

        export.Content = SynthesisWorkbook.Write(sent, others, state => cards.Text($"transmission.states.{state}", "fr"));
        // Offered first, stored after: a failed offer leaves nothing stored, so the retry offers again.
        await connector.SendAsync(serviceUrl, conversationId, ExportConsent.Offer(export, campaign.Code, cards, person.PreferredLanguage), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
