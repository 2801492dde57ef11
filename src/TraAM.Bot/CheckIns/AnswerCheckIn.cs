using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Forms;
using TraAM.Bot.People;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.CheckIns;

/// <summary>
/// "Répondre" on the check-in card or its reminder (<see cref="Verb"/>, naming the round only): the form of the
/// caller's team for that round, prefilled with the team's last answers (this round's if saved, else the last check-in
/// it sent, previous rounds included). Which team is found from the caller's roles, checked by the policy.
/// </summary>
internal sealed class AnswerCheckIn(CallerResolver callers, TraamDbContext db, CheckInFormCard form, CardTemplates cards, TimeProvider clock) : ICardActionHandler
{
    public const string Verb = "checkin.open";

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (!long.TryParse(CardInput.Text(data, "round"), NumberStyles.None, CultureInfo.InvariantCulture, out var roundId))
            return CardActionResult.Message(cards.Text("checkin.unknown", language));
        var files = await FilesAsync(caller, [roundId], cancellationToken);
        if (files.Count == 0) return CardActionResult.Message(cards.Text("checkin.notAllowed", language));
        return CardActionResult.Card(await OpenAsync(files[0], language, cancellationToken));
    }

    /// <summary>The rounds' check-ins the caller may answer (their teams among each round's selected teams).</summary>
    public async Task<List<CheckInFile>> FilesAsync(Caller caller, IReadOnlyCollection<long> roundIds, CancellationToken ct)
    {
        if (caller.Person is null) return [];
        var teamIds = caller.Roles.Where(r => r.Role is Role.Referent or Role.Teacher && r.TeamId is not null).Select(r => r.TeamId!.Value).Distinct().ToList();
        var files = new List<CheckInFile>();
        foreach (var roundId in roundIds)
        {
            foreach (var teamId in teamIds)
            {
                if (await CheckInFile.ForAsync(db, roundId, teamId, ct) is { } file && caller.Can(file.AnswerPermission, file.Scope)) files.Add(file);
            }
        }

        return files;
    }

    /// <summary>The form prefilled, or, once the round has closed, the answers sent with the date it closed and no button.</summary>
    public async Task<JsonElement> OpenAsync(CheckInFile file, string language, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (file.CheckIn is { } saved)
        {
            var answers = FormAnswers.FromJson(saved.AnswersJson);
            return file.IsClosed(now)
                ? form.Render(file, answers, new Dictionary<string, string>(), language, banner: ClosedText(file, language), closed: true)
                : form.Render(file, answers, new Dictionary<string, string>(), language);
        }

        var last = await db.CheckIns.AsNoTracking()
            .Where(c => c.TeamId == file.Team.Id && c.SubmittedAt != null)
            .OrderByDescending(c => c.SubmittedAt).FirstOrDefaultAsync(ct);
        var banner = file.IsClosed(now) ? ClosedText(file, language) : "";
        if (last is null) return form.Render(file, FormAnswers.Empty, new Dictionary<string, string>(), language, banner: banner, closed: banner != "");
        var when = DateText.Day(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(last.SubmittedAt!.Value, file.Zone).DateTime), language);
        return form.Render(file, FormAnswers.FromJson(last.AnswersJson), new Dictionary<string, string>(), language,
            banner: banner, intro: cards.Format("checkin.prefilled", language, when), closed: banner != "");
    }

    public string ClosedText(CheckInFile file, string language) =>
        cards.Format("checkin.closed", language, DateText.Day(file.Round.Closes, language, withWeekday: true));
}
