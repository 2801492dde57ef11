using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Candidacies;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Hosting;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Syntheses;

/// <summary>
/// "synthèse" / "synthesis" [thème], in the personal chat (the file comes there). A TN3 expert of the theme or an
/// admin compiles the national synthesis, a DAN or an inspector their académie's teams of a theme: a new version is
/// recorded and a job compiles and offers it (never inside the request). Someone who may only read it (the theme's
/// groups, IGÉSR) gets the latest diffused version. "synthèse destinataires …" keeps the campaign's DGESCO/IH2EF addresses.
/// </summary>
internal sealed class RequestSynthesis(
    CallerResolver callers, CampaignPhases phases, TraamDbContext db, SynthesisTargets targets, SynthesisRecipients recipients,
    IBackgroundJobClient jobs, CardTemplates cards, TimeProvider clock, ILogger<RequestSynthesis> logger) : ITurnHandler
{
    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        var typed = turn.Command.Arguments.Trim();
        if (SynthesisRecipients.IsCommand(typed))
        {
            await turn.SendTextAsync(await recipients.SetAsync(caller, typed, language, cancellationToken), cancellationToken);
            return;
        }

        if (caller.Person is null || !(caller.CanSomewhere(Permission.CompileSynthesis) || caller.CanSomewhere(Permission.ReadSynthesis)))
        {
            await turn.SendTextAsync(cards.Text("synthesis.notAllowed", language), cancellationToken);
            return;
        }

        if (!turn.IsPersonal)
        {
            await turn.SendTextAsync(cards.Text("synthesis.notPersonal", language), cancellationToken);
            return;
        }

        var work = await phases.ForWorkAsync(cancellationToken);
        var compilable = await targets.CompilableAsync(caller, work, cancellationToken);
        if (compilable.Count == 0)
        {
            await OfferLatestAsync(turn, caller, work, cancellationToken);
            return;
        }

        var matching = SynthesisTargets.Matching(compilable, typed);
        if (matching.Count != 1)
        {
            var list = string.Join(" ; ", compilable.Select(t => $"« synthèse {t.Theme.Code} » ({t.Label})"));
            await turn.SendTextAsync(matching.Count == 0 ? cards.Format("synthesis.unknownTheme", language, typed, list) : cards.Format("synthesis.which", language, list), cancellationToken);
            return;
        }

        var target = matching[0];
        if (!caller.Can(Permission.CompileSynthesis, target.Access with { CampaignId = work.Id }))
        {
            await turn.SendTextAsync(cards.Text("synthesis.notAllowed", language), cancellationToken);
            return;
        }

        var doc = await NewVersionAsync(target, work, caller, cancellationToken);
        var conversation = turn.Activity.Conversation!.Id!;
        jobs.TryEnqueue<CompileSynthesisJob>(j => j.RunAsync(doc.Id, turn.Activity.ServiceUrl!, conversation, CancellationToken.None), logger);
        await turn.SendTextAsync(cards.Format("synthesis.compiling", language, doc.Version, target.Label), cancellationToken);
    }

    /// <summary>The next version of the target; two compiles at once both get one (the unique index makes the second retry).</summary>
    private async Task<SynthesisDocument> NewVersionAsync(SynthesisTarget target, Campaign work, Caller caller, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var last = await db.SynthesisDocuments.Where(d => d.ScopeKey == target.Key).MaxAsync(d => (int?)d.Version, ct) ?? 0;
            var doc = new SynthesisDocument
            {
                CampaignId = work.Id, ThemeId = target.Theme.Id, AcademyCode = target.AcademyCode, ScopeKey = target.Key, Version = last + 1,
                FileName = SynthesisOffer.FileName(work.Code, target.Theme.Code, target.AcademyCode, last + 1),
                CreatedByPersonId = caller.Person!.Id, CreatedByName = caller.Person.DisplayName, CreatedAt = clock.GetUtcNow(),
            };
            db.SynthesisDocuments.Add(doc);
            try
            {
                await db.SaveChangesAsync(ct);
                return doc;
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                db.Entry(doc).State = EntityState.Detached;
            }
        }
    }

    /// <summary>A reader gets the latest diffused national synthesis of each theme they may read.</summary>
    private async Task OfferLatestAsync(TurnContext turn, Caller caller, Campaign work, CancellationToken ct)
    {
        var language = turn.Language;
        var themes = (await db.Themes.AsNoTracking().Where(t => t.CampaignId == work.Id).ToListAsync(ct))
            .Where(t => caller.Can(Permission.ReadSynthesis, SynthesisTarget.AccessOf(t, null))).ToList();
        var ids = themes.Select(t => t.Id).ToList();
        var latest = (await db.SynthesisDocuments.Where(d => ids.Contains(d.ThemeId) && d.AcademyCode == null && d.DiffusedAt != null && d.Content != null)
            .ToListAsync(ct)).GroupBy(d => d.ThemeId).Select(g => g.MaxBy(d => d.Version)!).ToList();
        if (latest.Count == 0)
        {
            await turn.SendTextAsync(cards.Text(themes.Count == 0 ? "synthesis.notAllowed" : "synthesis.nothingDiffused", language), ct);
            return;
        }

        var now = clock.GetUtcNow();
        var offers = latest.Select(d => (Doc: d, Delivery: SynthesisOffer.Record(db, d, caller.Person!.Id, now))).ToList();
        await db.SaveChangesAsync(ct);
        var reply = turn.Activity.CreateReply();
        reply.Attachments = [.. offers.Select(o => SynthesisOffer.ConsentCard(o.Doc, o.Delivery, themes.Single(t => t.Id == o.Doc.ThemeId).Title, cards, language))];
        await turn.SendAsync(reply, ct);
    }
}
