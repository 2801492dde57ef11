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
/// "Enregistrer le brouillon" and "Envoyer le bilan". Who asks is checked on every click (the referent, as the policy
/// says), whatever the card carries. Every refusal re-renders the form with what was typed (errors beside their field,
/// or the reason on top). Sending creates the next numbered version (<see cref="FormVersion"/>: who, when) until the
/// end of the closing day in the team's time zone; then <see cref="BilanEffects"/> follow. Two saves from two cards
/// are told apart by the revision each card carries, as for check-ins.
/// </summary>
internal sealed class SaveBilan(
    CallerResolver callers, TraamDbContext db, BilanFormCard form, OpenBilan opener, BilanPrefill prefill, BilanEffects effects, CardTemplates cards, TimeProvider clock)
    : ICardActionHandler
{
    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var submitting = CardInput.Text(data, "verb") == BilanFormCard.SubmitVerb;
        if (BilanFile.ParseSubject(CardInput.Text(data, "subject")) is not { } ids
            || await BilanFile.ForAsync(db, ids.Collection, ids.Team, cancellationToken) is not { } file)
            return CardActionResult.Message(cards.Text("bilan.unknown", language));

        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (!caller.Can(Permission.SubmitBilan, file.Scope)) return CardActionResult.Message(cards.Text("bilan.notAllowed", language));

        var answers = BilanForm.Definition.Read(data);
        var shown = int.TryParse(CardInput.Text(data, "version"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
        var empty = new Dictionary<string, string>();
        var now = clock.GetUtcNow();
        var facts = await opener.ContextAsync(file, await prefill.ReadAsync(file, language, cancellationToken), language, cancellationToken);
        if (file.IsClosed(now)) return CardActionResult.Card(form.Render(file, answers, empty, language, facts, banner: opener.ClosedText(file, language), closed: true));

        var errors = BilanForm.Definition.Validate(answers, submitting, cards, language);
        if (errors.Count > 0) return CardActionResult.Card(form.Render(file, answers, errors, language, facts, revision: shown));
        if ((file.Bilan?.Revision ?? 0) != shown) return CardActionResult.Card(Conflict(file, answers, facts, language));

        var b = file.Bilan ?? db.Bilans.Add(new Bilan { CollectionId = file.Collection.Id, TeamId = file.Team.Id, AnswersJson = "{}" }).Entity;
        var previous = b.Version > 0 ? await LastSentAsync(b, cancellationToken) : null;
        var newVersion = submitting && (previous is null || !answers.SameAs(previous));
        b.AnswersJson = answers.ToJson();
        b.UpdatedAt = now;
        b.ByPersonId = caller.Person?.Id;
        b.Revision++;
        if (!await FormSave.SaveAsync(db, newVersion ? () => Submit(b, answers, caller, now) : null, cancellationToken))
        {
            // Saved meanwhile from another card (the revision, or the one-per-team index): show when, keep what was typed.
            var latest = (await BilanFile.ForAsync(db, ids.Collection, ids.Team, cancellationToken))!;
            return CardActionResult.Card(Conflict(latest, answers, facts, language));
        }

        if (newVersion) await effects.ApplyAsync(file, b, cancellationToken);
        var saved = (await BilanFile.ForAsync(db, ids.Collection, ids.Team, cancellationToken))!;
        var done = !submitting ? cards.Text("bilan.draftSaved", language)
            : newVersion ? cards.Formatted("bilan.submitted", language, b.Version, DateText.Day(file.Collection.Closes, language, withWeekday: true))
            : cards.Formatted("bilan.unchanged", language, b.Version);
        return CardActionResult.Card(form.Render(saved, answers, empty, language, facts, done: done));
    }

    private void Submit(Bilan b, FormAnswers answers, Caller caller, DateTimeOffset now)
    {
        b.Version++;
        b.Revision++;
        b.SubmittedAt = now;
        db.FormVersions.Add(new FormVersion
        {
            Kind = Bilan.FormKind, SubjectId = b.Id, Number = b.Version, AnswersJson = answers.ToJson(),
            ByPersonId = caller.Person?.Id, ByName = caller.Person?.DisplayName ?? "?", At = now,
        });
    }

    private async Task<FormAnswers?> LastSentAsync(Bilan b, CancellationToken ct)
    {
        var json = await db.FormVersions.AsNoTracking()
            .Where(f => f.Kind == Bilan.FormKind && f.SubjectId == b.Id && f.Number == b.Version).Select(f => f.AnswersJson).FirstOrDefaultAsync(ct);
        return json is null ? null : FormAnswers.FromJson(json);
    }

    private JsonElement Conflict(BilanFile latest, FormAnswers typed, IReadOnlyList<FormFact> facts, string language)
    {
        var when = latest.Bilan is { } b ? DateText.DayAndTime(TimeZoneInfo.ConvertTime(b.UpdatedAt, latest.Zone).DateTime, language) : "";
        return form.Render(latest, typed, new Dictionary<string, string>(), language, facts, banner: cards.Formatted("bilan.conflict", language, when));
    }
}
