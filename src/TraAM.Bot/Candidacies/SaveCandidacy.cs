using System.Globalization;
using System.Text.Json;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Forms;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Candidacies;

/// <summary>
/// "Enregistrer le brouillon" and "Déposer la candidature". Every click saves the answers (nothing typed is lost: any
/// refusal re-renders the form with what was typed and the reason next to the field or on top). Submitting checks the
/// required answers and the call's rules, then creates the next numbered version; a submitted candidacy edited and
/// submitted again goes back to "en attente", whatever was decided on the previous version. Two saves of the same card
/// (two devices, a referent and an inspector) are told apart by the revision the card carries: the second is shown
/// the first one's answers' date and keeps its own typing.
/// </summary>
internal sealed class SaveCandidacy(
    CallerResolver callers, CampaignPhases phases, TraamDbContext db, CandidacyRules rules, CandidacyFormCard form, CandidacyCard card,
    CandidacyNotices notices, CardTemplates cards, TimeProvider clock)
    : ICardActionHandler
{
    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var submitting = data.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String && verb.GetString() == CandidacyFormCard.SubmitVerb;
        if (await phases.ForCandidaciesAsync(cancellationToken) is not { } call
            || Number(data, "subject") is not { } teamId
            || await CandidacyFile.ForTeamAsync(db, teamId, cancellationToken) is not { } file || file.Campaign.Id != call.Id)
            return CardActionResult.Message(cards.Text("candidacy.unknownTeam", language));

        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (!caller.Can(Permission.SubmitCandidacy, file.Scope)) return CardActionResult.Message(cards.Text("candidacy.notAllowed", language));

        var answers = CandidacyForm.Definition.Read(data);
        var shown = (int)(Number(data, "version") ?? 0);
        JsonElement Again(IReadOnlyDictionary<string, string> errors, string banner = "") => form.Render(file, answers, errors, language, banner, revision: shown);

        if (file.Candidacy is { IsEditable: false } locked)
            return CardActionResult.Card(card.Render(file, CandidacyView.Status, language,
                banner: string.Format(CultureInfo.InvariantCulture, cards.Text("candidacy.locked", language), DateText.Day(DateOnly.FromDateTime((locked.TransmittedAt ?? locked.UpdatedAt).UtcDateTime), language))));
        if (rules.IsClosed(file)) return CardActionResult.Card(Again(new Dictionary<string, string>(), rules.ClosedMessage(file, language)));

        var errors = CandidacyForm.Definition.Validate(answers, submitting, cards, language);
        var banner = "";
        if (submitting && errors.Count == 0)
        {
            banner = rules.Composition(file, language) ?? "";
            if (await rules.YearTwoAsync(file, answers, language, cancellationToken) is { } yearTwo) errors["year"] = yearTwo;
        }

        if (errors.Count > 0 || banner != "") return CardActionResult.Card(Again(errors, banner));
        if ((file.Candidacy?.Revision ?? 0) != shown) return CardActionResult.Card(Conflict(file, answers, language));

        var now = clock.GetUtcNow();
        var c = file.Candidacy ?? db.Candidacies.Add(new Candidacy
        {
            CampaignId = file.Campaign.Id, TeamId = file.Team.Id, ThemeId = file.Theme.Id, AcademyCode = file.Team.AcademyCode,
            AnswersJson = "{}", Title = "", State = CandidacyState.Draft, CreatedAt = now,
        }).Entity;
        c.AnswersJson = answers.ToJson();
        c.Title = answers["title"];
        c.UpdatedAt = now;
        c.Revision++;
        var newVersion = submitting && !(c.State is CandidacyState.Pending or CandidacyState.Approved && answers.SameAs(file.SubmittedAnswers));
        if (!await FormSave.SaveAsync(db, newVersion ? () => Submit(c, answers, caller, now) : null, cancellationToken))
        {
            // Saved meanwhile from another card (a concurrency token or the one-per-team index): show theirs' date, keep ours.
            return CardActionResult.Card(Conflict((await CandidacyFile.ForTeamAsync(db, teamId, cancellationToken))!, answers, language));
        }

        var saved = (await CandidacyFile.ForTeamAsync(db, teamId, cancellationToken))!;
        if (newVersion) await notices.SubmittedAsync(saved, cancellationToken);
        var done = !submitting ? cards.Text("candidacy.draftSaved", language)
            : string.Format(CultureInfo.InvariantCulture, cards.Text(newVersion ? "candidacy.submitted" : "candidacy.unchanged", language), c.Version);
        return CardActionResult.Card(form.Render(saved, answers, new Dictionary<string, string>(), language, done: done));
    }

    /// <summary>The next version, kept as it was submitted; the state goes back to waiting for a decision on it.</summary>
    private void Submit(Candidacy c, FormAnswers answers, Caller caller, DateTimeOffset now)
    {
        c.Version++;
        c.Revision++;
        c.State = CandidacyState.Pending;
        c.SubmittedAt = now;
        (c.DecidedAt, c.DecidedByPersonId, c.DecidedByName, c.DecisionComment) = (null, null, null, null);
        db.FormVersions.Add(new FormVersion
        {
            Kind = Candidacy.FormKind, SubjectId = c.Id, Number = c.Version, AnswersJson = answers.ToJson(),
            ByPersonId = caller.Person?.Id, ByName = caller.Person?.DisplayName ?? "?", At = now,
        });
    }

    private JsonElement Conflict(CandidacyFile latest, FormAnswers typed, string language)
    {
        var when = latest.Candidacy is { } c ? DateText.DayAndTime(TimeZoneInfo.ConvertTime(c.UpdatedAt, Reference.LocalTime.ZoneOf(latest.Team.AcademyCode)).DateTime, language) : "";
        return form.Render(latest, typed, new Dictionary<string, string>(), language,
            string.Format(CultureInfo.InvariantCulture, cards.Text("candidacy.conflict", language), when));
    }

    private static long? Number(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v)
        && long.TryParse(v.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
