using System.Globalization;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Candidacies;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Delivery;
using TraAM.Bot.Hosting;
using TraAM.Bot.People;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Syntheses;

/// <summary>
/// "Diffuser" on a compiled national synthesis (its author's card): once per version, the theme's national group
/// channel and the theme's IGÉSR members get the announcement card with "Recevoir le document" (through the outbox,
/// keyed by version); the campaign's DGESCO/IH2EF addresses get it by e-mail through Graph, or the expert is told to
/// forward it. The caller must still be allowed to compile that synthesis.
/// </summary>
internal sealed class DiffuseSynthesis(
    CallerResolver callers, TraamDbContext db, Outbox outbox, ISynthesisMailer mailer, IBackgroundJobClient jobs, CardTemplates cards,
    TimeProvider clock, ILogger<DiffuseSynthesis> logger) : ICardActionHandler
{
    public const string Verb = "synthesis.diffuse";
    public const string Kind = "synthesis.published";

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var id = CardInput.Text(data, "documentId") is { } text && long.TryParse(text, CultureInfo.InvariantCulture, out var v) ? v : 0;
        var doc = await db.SynthesisDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.Content != null, cancellationToken);
        var theme = doc is null ? null : await db.Themes.AsNoTracking().SingleAsync(t => t.Id == doc.ThemeId, cancellationToken);
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (doc is null || theme is null || !caller.Can(Permission.CompileSynthesis, SynthesisTarget.AccessOf(theme, doc.AcademyCode) with { CampaignId = doc.CampaignId }))
            return CardActionResult.Message(cards.Text("synthesis.notAllowed", language));
        if (!doc.IsNational) return CardActionResult.Message(cards.Text("synthesis.notNational", language));

        var now = clock.GetUtcNow();
        var claimed = await db.SynthesisDocuments.Where(d => d.Id == doc.Id && d.DiffusedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.DiffusedAt, now).SetProperty(d => d.DiffusedByName, caller.Person!.DisplayName), cancellationToken);
        if (claimed == 0)
        {
            var at = await db.SynthesisDocuments.Where(d => d.Id == doc.Id).Select(d => d.DiffusedAt).SingleAsync(cancellationToken);
            return CardActionResult.Message(cards.Format("synthesis.alreadyDiffused", language, doc.Version, DateText.Day(DateOnly.FromDateTime(at!.Value.UtcDateTime), language)));
        }

        doc.DiffusedAt = now;
        doc.DiffusedByName = caller.Person!.DisplayName;
        var (groups, igesr) = await AnnounceAsync(doc, theme, now, cancellationToken);
        return CardActionResult.Message(cards.Format("synthesis.diffused", language, doc.Version, groups, igesr) + " " + await MailAsync(doc, language, cancellationToken));
    }

    private async Task<(int Groups, int Igesr)> AnnounceAsync(SynthesisDocument doc, Campaigns.Theme theme, DateTimeOffset now, CancellationToken ct)
    {
        var groups = await db.WorkGroups.AsNoTracking()
            .Where(g => g.Kind == GroupKind.National && g.CampaignId == doc.CampaignId && g.ThemeId == doc.ThemeId && g.ConversationRecordId != null)
            .Select(g => g.Id).ToListAsync(ct);
        var igesr = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.Role == Role.Igesr && r.CampaignId == doc.CampaignId && r.DisciplineCode == theme.DisciplineCode && (r.ThemeId == null || r.ThemeId == theme.Id))
            .Select(r => r.PersonId).Distinct().ToListAsync(ct);
        var card = SynthesisCard.Published(doc, theme.Title, cards);
        var occurrence = "v" + doc.Version.ToString(CultureInfo.InvariantCulture);
        var subject = "synthesis:" + doc.ScopeKey;
        await outbox.EnqueueAsync(db, groups.Select(g => Recipient.Group(g)).Concat(igesr.Select(Recipient.Person))
            .Select(r => new NotificationRequest(Kind, subject, r, occurrence, SynthesisCard.Template, card, now)), ct);
        return (groups.Count, igesr.Count);
    }

    /// <summary>What happens to the e-mail recipients, said to the expert.</summary>
    private async Task<string> MailAsync(SynthesisDocument doc, string language, CancellationToken ct)
    {
        var to = SynthesisRecipients.Parse(await db.Campaigns.Where(c => c.Id == doc.CampaignId).Select(c => c.SynthesisRecipients).SingleAsync(ct));
        if (to.Count == 0) return cards.Text("synthesis.noRecipients", language);
        var shown = string.Join(", ", to);
        if (!mailer.Enabled || doc.Content!.Length > GraphSynthesisMailer.MaxAttachmentBytes) return cards.Format("synthesis.forward", language, shown);
        jobs.TryEnqueue<MailSynthesisJob>(j => j.RunAsync(doc.Id, CancellationToken.None), logger);
        return cards.Format("synthesis.mailQueued", language, shown);
    }
}

/// <summary>E-mails a diffused synthesis once: the send is claimed (<see cref="SynthesisDocument.MailedAt"/>) and the claim given back if Graph fails.</summary>
internal sealed class MailSynthesisJob(TraamDbContext db, ISynthesisMailer mailer, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(long documentId, CancellationToken cancellationToken)
    {
        var claimed = await db.SynthesisDocuments.Where(d => d.Id == documentId && d.MailedAt == null && d.DiffusedAt != null && d.Content != null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.MailedAt, clock.GetUtcNow()), cancellationToken);
        if (claimed == 0) return;
        var doc = await db.SynthesisDocuments.AsNoTracking().SingleAsync(d => d.Id == documentId, cancellationToken);
        var theme = await db.Themes.AsNoTracking().SingleAsync(t => t.Id == doc.ThemeId, cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == doc.CampaignId, cancellationToken);
        var subject = $"Synthèse TraAM {campaign.Code} — {theme.Title} (version {doc.Version})";
        var body = $"Bonjour,\n\nVous trouverez ci-joint la synthèse TraAM {campaign.Code} du thème « {theme.Title} », version {doc.Version}, "
            + $"diffusée par {doc.DiffusedByName} : {doc.TeamCount} équipes, {doc.BilanCount} bilans reçus.\n\nTraAM.Bot (DNE, bureau TN3)";
        try
        {
            await mailer.SendAsync(SynthesisRecipients.Parse(campaign.SynthesisRecipients), subject, body, doc.FileName, doc.Content!, cancellationToken);
        }
        catch
        {
            await db.SynthesisDocuments.Where(d => d.Id == documentId).ExecuteUpdateAsync(s => s.SetProperty(d => d.MailedAt, (DateTimeOffset?)null), CancellationToken.None);
            throw;
        }
    }
}
