using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Syntheses;

/// <summary>
/// "Recevoir le document" on a diffused synthesis's card: who may read it (the theme's groups, IGÉSR, admins) gets
/// Teams' file consent card, in the personal chat only (Teams offers files there). The card names the version; that
/// the caller may read it is asked of the policy, not of the card.
/// </summary>
internal sealed class GetSynthesisFile(CallerResolver callers, TraamDbContext db, CardTemplates cards, TimeProvider clock) : ICardActionHandler
{
    public const string Verb = "synthesis.get";

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var id = CardInput.Text(data, "documentId") is { } text && long.TryParse(text, CultureInfo.InvariantCulture, out var v) ? v : 0;
        var doc = await db.SynthesisDocuments.FirstOrDefaultAsync(d => d.Id == id && d.Content != null, cancellationToken);
        var theme = doc is null ? null : await db.Themes.AsNoTracking().SingleAsync(t => t.Id == doc.ThemeId, cancellationToken);
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        var scope = doc is null || theme is null ? null : SynthesisTarget.AccessOf(theme, doc.AcademyCode) with { CampaignId = doc.CampaignId };
        if (doc is null || scope is null || caller.Person is null
            || !(caller.Can(Permission.CompileSynthesis, scope) || (doc.DiffusedAt is not null && caller.Can(Permission.ReadSynthesis, scope))))
            return CardActionResult.Message(cards.Text("synthesis.notAllowed", language));
        if (!turn.IsPersonal) return CardActionResult.Message(cards.Text("synthesis.notPersonal", language));

        var delivery = SynthesisOffer.Record(db, doc, caller.Person.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        var reply = turn.Activity.CreateReply();
        reply.Attachments = [SynthesisOffer.ConsentCard(doc, delivery, new SynthesisTarget(theme!, doc.AcademyCode).Label, cards, language)];
        await turn.SendAsync(reply, cancellationToken);
        return CardActionResult.Message(cards.Text("synthesis.offered", language));
    }
}
