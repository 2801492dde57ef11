using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Forms;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.CheckIns;

/// <summary>
/// "Enregistrer le brouillon" and "Envoyer le point d'étape". Every refusal re-renders the form with what was typed
/// (errors beside their field, or the reason on top): nothing typed is lost. Sending creates the next numbered
/// version (<see cref="FormVersion"/>), until the round closes in the team's time zone; then the production tracker,
/// the completion and round deadlines and the risk follow (<see cref="CheckInEffects"/>). Two saves from two cards are
/// told apart by the revision each card carries, as for candidacies.
/// </summary>
internal sealed class SaveCheckIn(
    CallerResolver callers, TraamDbContext db, CheckInFormCard form, AnswerCheckIn opener, CheckInEffects effects, CardTemplates cards, TimeProvider clock)
    : ICardActionHandler
{
    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var submitting = CardInput.Text(data, "verb") == CheckInFormCard.SubmitVerb;
        if (CheckInFile.ParseSubject(CardInput.Text(data, "subject")) is not { } ids
            || await CheckInFile.ForAsync(db, ids.Round, ids.Team, cancellationToken) is not { } file)
            return CardActionResult.Message(cards.Text("checkin.unknown", language));

        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (!caller.Can(file.AnswerPermission, file.Scope)) return CardActionResult.Message(cards.Text("checkin.notAllowed", language));

        var answers = CheckInForm.Definition.Read(data);
        var shown = int.TryParse(CardInput.Text(data, "version"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;
        var empty = new Dictionary<string, string>();
        var now = clock.GetUtcNow();
        if (file.IsClosed(now)) return CardActionResult.Card(form.Render(file, answers, empty, language, banner: opener.ClosedText(file, language), closed: true));
        if (file.IsNotOpenYet(now))
            return CardActionResult.Card(form.Render(file, answers, empty, language, revision: shown,
                banner: cards.Format("checkin.notOpen", language, DateText.Day(file.Round.Opens, language, withWeekday: true))));

        var errors = CheckInForm.Validate(answers, submitting, cards, language);
        if (errors.Count > 0) return CardActionResult.Card(form.Render(file, answers, errors, language, revision: shown));
        if ((file.CheckIn?.Revision ?? 0) != shown) return CardActionResult.Card(await ConflictAsync(file, answers, language, cancellationToken));

        var c = file.CheckIn ?? db.CheckIns.Add(new CheckIn { RoundId = file.Round.Id, TeamId = file.Team.Id, AnswersJson = "{}" }).Entity;
        var previous = c.Version > 0 ? await LastSentAsync(c, cancellationToken) : null;
        var newVersion = submitting && (previous is null || !answers.SameAs(previous));
        c.AnswersJson = answers.ToJson();
        c.UpdatedAt = now;
        c.ByPersonId = caller.Person?.Id;
        c.Revision++;
        if (!await FormSave.SaveAsync(db, newVersion ? () => Submit(c, answers, caller, now) : null, cancellationToken))
        {
            // Saved meanwhile from another card (the revision, or the one-per-round-and-team index): show when, keep ours.
            return CardActionResult.Card(await ConflictAsync((await CheckInFile.ForAsync(db, ids.Round, ids.Team, cancellationToken))!, answers, language, cancellationToken));
        }

        if (newVersion) await effects.ApplyAsync(file, c, answers, cancellationToken);
        var saved = (await CheckInFile.ForAsync(db, ids.Round, ids.Team, cancellationToken))!;
        var done = !submitting ? cards.Text("checkin.draftSaved", language)
            : newVersion ? cards.Format("checkin.submitted", language, c.Version, DateText.Day(file.Round.Closes, language, withWeekday: true))
            : cards.Format("checkin.unchanged", language, c.Version);
        return CardActionResult.Card(form.Render(saved, answers, empty, language, done: done));
    }

    /// <summary>The next version, kept as sent; the answers the status reads are those of the version sent.</summary>
    private void Submit(CheckIn c, FormAnswers answers, Caller caller, DateTimeOffset now)
    {
        c.Version++;
        c.Revision++;
        c.SubmittedAt = now;
        c.Overall = CheckInForm.Overall(answers);
        c.Confidence = CheckInForm.Confidence(answers);
        c.HelpWanted = CheckInForm.HelpWanted(answers);
        c.HasBlocker = CheckInForm.HasBlocker(answers);
        db.FormVersions.Add(new FormVersion
        {
            Kind = CheckInRound.FormKind, SubjectId = c.Id, Number = c.Version, AnswersJson = answers.ToJson(),
            ByPersonId = caller.Person?.Id, ByName = caller.Person?.DisplayName ?? "?", At = now,
        });
    }

    private async Task<FormAnswers?> LastSentAsync(CheckIn c, CancellationToken ct)
    {
        var json = await db.FormVersions.AsNoTracking()
            .Where(f => f.Kind == CheckInRound.FormKind && f.SubjectId == c.Id && f.Number == c.Version).Select(f => f.AnswersJson).FirstOrDefaultAsync(ct);
        return json is null ? null : FormAnswers.FromJson(json);
    }

    private Task<JsonElement> ConflictAsync(CheckInFile latest, FormAnswers typed, string language, CancellationToken ct)
    {
        var when = latest.CheckIn is { } c ? DateText.DayAndTime(TimeZoneInfo.ConvertTime(c.UpdatedAt, latest.Zone).DateTime, language) : "";
        return Task.FromResult(form.Render(latest, typed, new Dictionary<string, string>(), language, banner: cards.Format("checkin.conflict", language, when)));
    }
}
