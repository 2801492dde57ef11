using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Forms;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Bilans;

/// <summary>
/// "Remplir le bilan" on the bilan card or its reminder (<see cref="Verb"/>, naming the collection only): the bilan of
/// the caller's team in that collection, prefilled the first time from what the bot knows (<see cref="BilanPrefill"/>),
/// else as last saved, with the result of the address checks. Which team comes from the caller's roles, checked by
/// the policy (<c>SubmitBilan</c>: the referent).
/// </summary>
internal sealed class OpenBilan(CallerResolver callers, TraamDbContext db, BilanFormCard form, BilanPrefill prefill, CardTemplates cards, TimeProvider clock) : ICardActionHandler
{
    public const string Verb = "bilan.open";

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (!long.TryParse(CardInput.Text(data, "collection"), NumberStyles.None, CultureInfo.InvariantCulture, out var collectionId))
            return CardActionResult.Message(cards.Text("bilan.unknown", language));
        var file = (await BilanFile.OfCallerAsync(db, caller, [collectionId], cancellationToken)).FirstOrDefault(f => caller.Can(Permission.SubmitBilan, f.Scope));
        if (file is null) return CardActionResult.Message(cards.Text("bilan.notAllowed", language));
        return CardActionResult.Card(await OpenAsync(file, language, cancellationToken));
    }

    /// <summary>The form as saved (or prefilled), or, once closed, what was sent with the date it closed and no button.</summary>
    public async Task<JsonElement> OpenAsync(BilanFile file, string language, CancellationToken ct)
    {
        var context = await prefill.ReadAsync(file, language, ct);
        var facts = await ContextAsync(file, context, language, ct);
        var closed = file.IsClosed(clock.GetUtcNow());
        var banner = closed ? ClosedText(file, language) : "";
        if (file.Bilan is { } saved) return form.Render(file, FormAnswers.FromJson(saved.AnswersJson), new Dictionary<string, string>(), language, facts, banner: banner, closed: closed);
        return form.Render(file, context.Prefill, new Dictionary<string, string>(), language, facts,
            banner: banner, intro: context.HasAny ? cards.Text("bilan.prefilled", language) : "", closed: closed);
    }

    /// <summary>The team's year as facts, then what the last check of each production address found.</summary>
    public async Task<IReadOnlyList<FormFact>> ContextAsync(BilanFile file, BilanContext context, string language, CancellationToken ct)
    {
        if (file.Bilan is not { } bilan) return context.Facts;
        var answers = FormAnswers.FromJson(bilan.AnswersJson);
        var checks = await db.BilanUrlChecks.AsNoTracking().Where(c => c.BilanId == bilan.Id).ToListAsync(ct);
        var lines = BilanForm.Productions
            .Select(p => (p.Field, Check: checks.FirstOrDefault(c => c.FieldId == p.Field && c.Url == answers[p.Field])))
            .Where(p => p.Check is not null)
            .Select(p => cards.Formatted("bilan.urlCheck.line", language, cards.Text($"bilan.urlCheck.fields.{p.Field}", language),
                cards.Text($"bilan.urlCheck.outcomes.{p.Check!.Outcome}", language)))
            .ToList();
        return lines.Count == 0 ? context.Facts : [.. context.Facts, new FormFact(cards.Text("bilan.facts.urlChecks", language), string.Join(" ; ", lines))];
    }

    public string ClosedText(BilanFile file, string language) =>
        cards.Formatted("bilan.closed", language, DateText.Day(file.Collection.Closes, language, withWeekday: true));
}
