using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Forms;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Meetings.Minutes;

/// <summary>
/// "Enregistrer" and "Publier" on the minutes card. Who presses is checked on every submit (secretary, organiser, or
/// <c>Permission.ScheduleMeeting</c> for the theme: <see cref="MinutesFile.Writers"/>); every refusal re-renders the card
/// with what was typed. Publishing creates version N (<see cref="FormVersion"/>, who and when), then
/// <see cref="MinutesPublisher"/> posts or corrects the channel copy. Two cards saving at once are told apart by the
/// revision each carries, as for check-ins.
/// </summary>
internal sealed class SaveMinutes(CallerResolver callers, TraamDbContext db, MinutesCard card, MinutesPublisher publisher, CardTemplates cards, TimeProvider clock)
    : ICardActionHandler
{
    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var publishing = CardInput.Text(data, "verb") == MinutesCard.PublishVerb;
        if (MinutesSubject.Parse(CardInput.Text(data, "subject")) is not { } meetingId
            || await MinutesFile.ForAsync(db, meetingId, cancellationToken) is not { } file)
            return CardActionResult.Message(cards.Text("minutes.unknown", language));

        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (!caller.CanAsOwnerOr(file.Writers, Permission.ScheduleMeeting, file.Scope)) return CardActionResult.Message(cards.Text("minutes.notAllowed", language));
        if (file.Meeting.State == MeetingState.Cancelled) return CardActionResult.Message(cards.Text("minutes.cancelled", language));

        var form = MinutesForm.For(file.Invitees);
        var answers = form.Read(data);
        var shown = int.TryParse(CardInput.Text(data, "version"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
        var now = clock.GetUtcNow();
        if (now < file.Meeting.StartUtc + file.Meeting.Duration)
            return CardActionResult.Card(card.Render(file, answers, new Dictionary<string, string>(), language, banner: cards.Text("minutes.notYet", language), revision: shown));
        var errors = MinutesForm.Validate(form, answers, publishing, cards, language);
        if (errors.Count > 0) return CardActionResult.Card(card.Render(file, answers, errors, language, revision: shown));
        if ((file.Minutes?.Revision ?? 0) != shown) return CardActionResult.Card(Conflict(file, answers, language));

        var m = file.Minutes ?? db.MeetingMinutes.Add(new MeetingMinutes { MeetingId = meetingId, AnswersJson = "{}", ArtefactsSource = "local", CreatedAt = now }).Entity;
        var previous = m.Version > 0 ? FormAnswers.FromJson(await db.FormVersions.Where(f => f.Kind == MeetingMinutes.FormKind && f.SubjectId == m.Id && f.Number == m.Version)
            .Select(f => f.AnswersJson).FirstOrDefaultAsync(cancellationToken)) : null;
        var newVersion = publishing && (previous is null || !answers.SameAs(previous));
        m.AnswersJson = answers.ToJson();
        m.UpdatedAt = now;
        m.ByPersonId = caller.Person?.Id;
        m.Revision++;
        if (m.State == MinutesState.ToWrite) m.State = MinutesState.Draft;
        var by = caller.Person?.DisplayName ?? "?";
        if (!await FormSave.SaveAsync(db, newVersion ? () => Publish(m, answers, caller, by, now) : null, cancellationToken))
            return CardActionResult.Card(Conflict((await MinutesFile.ForAsync(db, meetingId, cancellationToken))!, answers, language));

        var saved = (await MinutesFile.ForAsync(db, meetingId, cancellationToken))!;
        if (newVersion) await publisher.ApplyAsync(saved, answers, m.Version, by, cancellationToken);
        var done = !publishing ? cards.Text("minutes.draftSaved", language)
            : string.Format(CultureInfo.InvariantCulture, cards.Text(newVersion ? "minutes.published" : "minutes.unchanged", language), m.Version);
        return CardActionResult.Card(card.Render(saved, answers, new Dictionary<string, string>(), language, done: done));
    }

    private void Publish(MeetingMinutes m, FormAnswers answers, Caller caller, string by, DateTimeOffset now)
    {
        m.Version++;
        m.Revision++;
        m.State = MinutesState.Published;
        m.PublishedAt = now;
        db.FormVersions.Add(new FormVersion
        {
            Kind = MeetingMinutes.FormKind, SubjectId = m.Id, Number = m.Version, AnswersJson = answers.ToJson(),
            ByPersonId = caller.Person?.Id, ByName = by, At = now,
        });
    }

    private JsonElement Conflict(MinutesFile latest, FormAnswers typed, string language)
    {
        var when = latest.Minutes is { } m ? m.UpdatedAt.Format(latest.Zone, language) : "";
        return card.Render(latest, typed, new Dictionary<string, string>(), language,
            banner: string.Format(CultureInfo.InvariantCulture, cards.Text("minutes.conflict", language), when));
    }
}

/// <summary>
/// "Ouvrir le compte rendu" (from a reminder, or to pick up a draft): the card with what was last saved, or the
/// prefill from Graph's report and transcript. The same rule as saving decides who may open it.
/// </summary>
internal sealed class OpenMinutes(CallerResolver callers, TraamDbContext db, MinutesCard card, CardTemplates cards) : ICardActionHandler
{
    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        if (MinutesSubject.Parse(CardInput.Text(data, "subject")) is not { } meetingId
            || await MinutesFile.ForAsync(db, meetingId, cancellationToken) is not { } file)
            return CardActionResult.Message(cards.Text("minutes.unknown", language));
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (!caller.CanAsOwnerOr(file.Writers, Permission.ScheduleMeeting, file.Scope)) return CardActionResult.Message(cards.Text("minutes.notAllowed", language));
        if (file.Meeting.State == MeetingState.Cancelled) return CardActionResult.Message(cards.Text("minutes.cancelled", language));
        var answers = file.Minutes is { State: not MinutesState.ToWrite } m ? FormAnswers.FromJson(m.AnswersJson) : MinutesCard.Prefill(file);
        return CardActionResult.Card(card.Render(file, answers, new Dictionary<string, string>(), language));
    }
}
