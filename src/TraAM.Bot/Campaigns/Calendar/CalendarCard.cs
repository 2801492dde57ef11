using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Campaigns.Calendar;

/// <summary>
/// "calendrier" / "calendar": the dates of every live campaign (the working one and the next call), one card each.
/// Whoever may edit a campaign's calendar (its TN3 experts, admins) gets it as a form; saving names the campaign, which
/// must be live, checks the caller again for it, validates every field (errors next to the field, what was typed
/// kept), refuses to overwrite a calendar someone else changed since the card was shown (per campaign), and records
/// each change (who, when, from, to).
/// </summary>
internal sealed class CalendarCard(
    CallerResolver callers, TraamDbContext db, CampaignPhases phases, CardTemplates cards, TimeProvider clock, IOptions<CampaignOptions> options, IBackgroundJobClient jobs,
    ILogger<CalendarCard> logger)
    : ITurnHandler, ICardActionHandler
{
    public const string SaveVerb = "calendar.save";
    public const string Card = "campaigns/calendar";
    private const int HistoryShown = 5;
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (!caller.Can(Permission.ViewCalendar, AccessScope.Programme))
        {
            await turn.SendTextAsync(cards.Text("calendar.notAllowed", turn.Language), cancellationToken);
            return;
        }

        foreach (var live in await phases.LiveAsync(cancellationToken))
        {
            var campaign = await LoadAsync(live.Campaign.Id, cancellationToken);
            await turn.SendCardAsync(await RenderAsync(campaign, CalendarForm.From(campaign), caller, NoErrors, "", "", turn.Language, cancellationToken), cancellationToken);
        }
    }

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        // The card names its campaign (an older card none: the working one); only a live campaign's calendar changes.
        var target = await phases.NamedOrWorkAsync(CardInput.Text(data, "campaign"), cancellationToken);
        if (target is null || target.Phase == CampaignPhase.Closed)
            return CardActionResult.Message(cards.Text("campaignCalendar.notLive", language));
        if (!caller.Can(Permission.EditCalendar, AccessScope.ForCampaign(target.Campaign.Id)))
            return CardActionResult.Message(cards.Text("calendar.notAllowedEdit", language));

        var campaign = await LoadAsync(target.Campaign.Id, cancellationToken);
        var form = CalendarForm.Read(data);
        var errors = form.Validate(cards, language);
        var banner = "";
        if (form.Version != CalendarForm.VersionOf(campaign))
        {
            // Someone saved since this card was shown: show their dates' history, keep what this user typed.
            banner = cards.Text("calendar.conflict", language);
        }

        if (errors.Count > 0 || banner != "")
            return CardActionResult.Card(await RenderAsync(campaign, form, caller, errors, banner, "", language, cancellationToken));

        var now = clock.GetUtcNow();
        var changes = form.ApplyTo(campaign, caller, now);
        if (changes.Count == 0)
            return CardActionResult.Card(await RenderAsync(campaign, CalendarForm.From(campaign), caller, NoErrors, "", cards.Text("calendar.unchanged", language), language, cancellationToken));

        campaign.UpdatedAt = now;
        campaign.Version++;
        db.CalendarChanges.AddRange(changes);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another save passed between our read and our write (same version read by both): show theirs, keep ours typed.
            db.ChangeTracker.Clear();
            campaign = await LoadAsync(campaign.Id, cancellationToken);
            return CardActionResult.Card(await RenderAsync(campaign, form, caller, NoErrors, cards.Text("calendar.conflict", language), "", language, cancellationToken));
        }

        Reminders.ReminderPlanJob.Enqueue(jobs, logger); // pending reminders follow the new dates
        var done = string.Format(System.Globalization.CultureInfo.InvariantCulture, cards.Text("calendar.saved", language), changes.Count);
        return CardActionResult.Card(await RenderAsync(campaign, CalendarForm.From(campaign), caller, NoErrors, "", done, language, cancellationToken));
    }

    private Task<Campaign> LoadAsync(int id, CancellationToken ct) => db.Campaigns.SingleAsync(c => c.Id == id, ct);

    private async Task<JsonElement> RenderAsync(Campaign campaign, CalendarForm form, Caller caller, IReadOnlyDictionary<string, string> errors,
        string banner, string done, string language, CancellationToken ct)
    {
        var history = await db.CalendarChanges.AsNoTracking().Where(c => c.CampaignId == campaign.Id)
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id).Take(HistoryShown).ToListAsync(ct);
        var fields = CalendarFields.Dates.Select(f => new CalendarFieldLine(
            f.Id,
            cards.Text($"calendar.fields.{f.Id}", language),
            form.Values.GetValueOrDefault(f.Id, ""),
            CalendarFields.Display(f.Get(campaign), language),
            errors.GetValueOrDefault(f.Id, ""))).ToList();
        var data = new CalendarCardData(
            campaign.Code,
            caller.Can(Permission.EditCalendar, AccessScope.ForCampaign(campaign.Id)),
            fields,
            // Input.Number takes a number: a count typed wrong shows the saved one, the error beside it quotes the typo.
            CalendarForm.ParseCount(form.Values.GetValueOrDefault(CalendarFields.CheckpointsMin, "")) ?? campaign.CheckpointsMin,
            CalendarForm.ParseCount(form.Values.GetValueOrDefault(CalendarFields.CheckpointsMax, "")) ?? campaign.CheckpointsMax,
            $"{campaign.CheckpointsMin}–{campaign.CheckpointsMax}",
            campaign.QuotaOf(options.Value),
            errors.GetValueOrDefault(CalendarFields.CheckpointsMin, ""),
            form.Values.GetValueOrDefault(CalendarFields.ReminderOffsets, ""),
            CalendarFields.Offsets(campaign.ReminderDays, language),
            errors.GetValueOrDefault(CalendarFields.ReminderOffsets, ""),
            form.Version ?? CalendarForm.VersionOf(campaign),
            banner,
            done,
            [.. history.Select(h => new CalendarHistoryLine(
                CalendarFields.Display(DateOnly.FromDateTime(h.ChangedAt.UtcDateTime), language) + " · " + h.ChangedByName,
                $"{cards.Text($"calendar.fields.{h.Field}", language)} : {h.OldValue} → {h.NewValue}"))]);
        // A conflict shows the fresh version, so that saving again (deliberately) goes through.
        if (banner != "") data = data with { Version = CalendarForm.VersionOf(campaign) };
        return cards.Render(Card, data, language);
    }
}

/// <summary>Data of cards/campaigns/calendar.json.</summary>
internal sealed record CalendarCardData(
    string Campaign,
    bool CanEdit,
    IReadOnlyList<CalendarFieldLine> Fields,
    int CheckpointsMin,
    int CheckpointsMax,
    string CheckpointsDisplay,
    int SelectionQuota,
    string CheckpointsError,
    string ReminderOffsets,
    string ReminderOffsetsDisplay,
    string ReminderOffsetsError,
    string Version,
    string Banner,
    string Done,
    IReadOnlyList<CalendarHistoryLine> History);

internal sealed record CalendarFieldLine(string Id, string Label, string Value, string Display, string Error);

internal sealed record CalendarHistoryLine(string When, string What);
