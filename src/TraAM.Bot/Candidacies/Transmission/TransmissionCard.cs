using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.People;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Candidacies.Transmission;

/// <summary>
/// The "Transmettre à la DNE" card of one académie or région: what will be sent (approved candidacies), what will not
/// (the others, with their state), what already was, and the file of the caller's last transmission while it is kept.
/// </summary>
internal sealed class TransmissionCard(TraamDbContext db, CampaignPhases phases, CardTemplates cards)
{
    public const string Card = "candidacies/transmission";

    public async Task<JsonElement> RenderAsync(Campaign campaign, TransmissionScope scope, Caller caller, string language, string done, string error, CancellationToken ct)
    {
        var academies = scope.Academies;
        var all = await CandidacyDetails.LoadAsync(db, db.Candidacies.Where(c => c.CampaignId == campaign.Id && academies.Contains(c.AcademyCode)), ct);
        var themes = await db.Themes.AsNoTracking().Where(t => t.CampaignId == campaign.Id).ToListAsync(ct);
        var toSend = all.Where(c => c.Candidacy.State == CandidacyState.Approved).ToList();
        var sent = all.Where(c => c.Candidacy.State is CandidacyState.Transmitted or CandidacyState.Selected or CandidacyState.NotSelected).ToList();
        var others = all.Except(toSend).Except(sent);
        var export = await db.CandidacyExports.AsNoTracking()
            .Where(e => e.CampaignId == campaign.Id && e.ScopeKey == scope.Key && e.ByPersonId == caller.Person!.Id && e.Content != null)
            .OrderByDescending(e => e.At).FirstOrDefaultAsync(ct);

        var data = new TransmissionCardData(
            cards.Format("transmission.title", language, scope.Label),
            scope.Key,
            cards.Format("transmission.deadline", language, DateText.Day(campaign.SubmissionDeadline, language, withWeekday: true)),
            phases.Today > campaign.SubmissionDeadline,
            error,
            done,
            cards.Format("transmission.confirm", language, toSend.Count),
            [.. toSend.Select(c => Line(c, themes, language, Approval(c, language)))],
            [.. others.Select(c => Line(c, themes, language, ""))],
            [.. sent.Select(c => Line(c, themes, language, cards.Format("transmission.transmittedBy", language, c.Candidacy.TransmittedByName ?? "", Day(c.Candidacy.TransmittedAt, language))))],
            export?.Id ?? 0,
            export is null ? "" : cards.Format("transmission.exportReady", language, Day(export.At, language), export.Count, Day(export.ExpiresAt, language)));
        return cards.Render(Card, data, language);
    }

    private TransmissionLine Line(CandidacyDetail c, List<Theme> themes, string language, string decided)
    {
        var where = string.Join(" · ", new[] { Labels.Academy(c.Candidacy.AcademyCode), Labels.Theme(c.Theme, themes, language), c.Team.Name, decided }.Where(s => s.Length > 0));
        return new TransmissionLine(c.Candidacy.Title, where, cards.Text($"transmission.states.{c.Candidacy.State}", language));
    }

    private string Approval(CandidacyDetail c, string language) =>
        c.Approval is { } a ? cards.Format("transmission.approvedBy", language, a.ByName, Day(a.At, language)) : "";

    /// <summary>The day of an instant where the programme counts its days (Paris).</summary>
    public static string Day(DateTimeOffset? at, string language) =>
        at is { } v ? DateText.Day(LocalTime.Today(v, LocalTime.ZoneOf(null)), language) : "";
}

/// <summary>Data of cards/candidacies/transmission.json.</summary>
internal sealed record TransmissionCardData(
    string Title,
    string ScopeKey,
    string Deadline,
    bool Late,
    string Error,
    string Done,
    string Confirm,
    IReadOnlyList<TransmissionLine> ToSend,
    IReadOnlyList<TransmissionLine> NotSent,
    IReadOnlyList<TransmissionLine> AlreadySent,
    long ExportId,
    string ExportText);

internal sealed record TransmissionLine(string Title, string Detail, string State);
