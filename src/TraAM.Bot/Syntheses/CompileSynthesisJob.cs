using System.Diagnostics;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Protocol.Connector;

namespace TraAM.Bot.Syntheses;

/// <summary>
/// Compiles one version (loader → composer → Word), stores it, and offers it in the personal chat where it was asked:
/// the ready card (with "Diffuser" for a national synthesis) and Teams' file consent card. Offered first, stored after,
/// as the export does: a failed offer leaves the version uncompiled, and the retry compiles and offers again; a
/// compiled version is never compiled or offered twice.
/// </summary>
internal sealed class CompileSynthesisJob(
    TraamDbContext db, SynthesisLoader loader, ISynthesisSummarizer summarizer, IConnector connector, CardTemplates cards, TimeProvider clock, ILogger<CompileSynthesisJob> log)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(long documentId, string serviceUrl, string conversationId, CancellationToken cancellationToken)
    {
        var doc = await db.SynthesisDocuments.FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (doc is null || doc.Content is not null) return;
        var started = Stopwatch.GetTimestamp();
        var input = await loader.LoadAsync(doc, cancellationToken);
        var model = SynthesisComposer.Compose(input);
        model = SynthesisSummaryModel.With(model, await summarizer.SummarizeAsync(model, cancellationToken)); // off by default
        doc.Content = DocxWriter.Write(model);
        doc.TeamCount = input.Teams.Count;
        doc.BilanCount = input.Teams.Count(t => t.Bilan is not null);
        doc.SourceCount = model.Sources.Count;
        doc.CompiledAt = clock.GetUtcNow();
        var person = doc.CreatedByPersonId is { } id ? await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) : null;
        if (person is null) return; // the author left the directory: nothing to offer, nothing kept half-done
        var delivery = SynthesisOffer.Record(db, doc, person.Id, doc.CompiledAt.Value);
        await db.SaveChangesAsync(cancellationToken); // the delivery's id goes in the consent card

        var theme = await db.Themes.AsNoTracking().SingleAsync(t => t.Id == doc.ThemeId, cancellationToken);
        var label = new SynthesisTarget(theme, doc.AcademyCode).Label;
        var language = person.PreferredLanguage;
        var ready = cards.Render(SynthesisCard.Template, SynthesisCard.Ready(doc, label, cards, language), language);
        try
        {
            await connector.SendAsync(serviceUrl, conversationId, new Protocol.Schema.Activity
            {
                Type = Protocol.Schema.ActivityTypes.Message,
                Attachments = [Protocol.Schema.Attachment.AdaptiveCard(ready), SynthesisOffer.ConsentCard(doc, delivery, label, cards, language)],
            }, cancellationToken);
        }
        catch
        {
            // Not offered: undo, so that the retry compiles and offers again.
            await db.SynthesisDeliveries.Where(d => d.Id == delivery.Id).ExecuteDeleteAsync(CancellationToken.None);
            await db.SynthesisDocuments.Where(d => d.Id == doc.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Content, (byte[]?)null).SetProperty(d => d.CompiledAt, (DateTimeOffset?)null), CancellationToken.None);
            throw;
        }

        log.LogInformation("Synthesis {DocumentId} v{Version}: {Teams} teams, {Sources} sources, {Bytes} bytes in {Ms} ms",
            doc.Id, doc.Version, doc.TeamCount, doc.SourceCount, doc.Content.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
