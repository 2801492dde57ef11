using System.Globalization;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TraAM.Bot.Campaigns.Calendar;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Campaigns.Opening;

/// <summary>
/// "ouvrir campagne" / "open campaign": the next call's card. Before it exists: its code, its calendar (the working
/// campaign's, a year later), its quota (admins) and whether to copy the working campaign's themes; "Ouvrir" opens it
/// (once: a second opening says it is already open). After: what it holds, a button to copy the themes (each TN3
/// expert for their discipline) and one to edit them. The caller is checked on every action, never read from the card.
/// </summary>
internal sealed class OpenCampaign(
    CallerResolver callers, CampaignPhases phases, CampaignOpener opener, TraamDbContext db, CardTemplates cards, IOptions<CampaignOptions> options,
    IBackgroundJobClient jobs, ILogger<OpenCampaign> logger)
    : ITurnHandler, ICardActionHandler
{
    public const string OpenVerb = "campaign.open";
    public const string CopyThemesVerb = "campaign.copyThemes";
    public const string Card = "campaigns/open";
    internal const int MaxQuota = 30;

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (!caller.Can(Permission.OpenCampaign, AccessScope.Programme))
        {
            await turn.SendTextAsync(cards.Text("openCampaign.notAllowed", turn.Language), cancellationToken);
            return;
        }

        var all = await phases.AllAsync(cancellationToken);
        var work = CampaignPhases.WorkOf(all);
        var newest = all[^1].Campaign;
        var form = newest.Id != work.Id
            ? Form.Of(newest, work, caller, options.Value)
            : Form.Of(CampaignOpener.Proposal(work, CampaignCode.Next(work.Code), 0), work, caller, options.Value) with { IsOpen = false };
        await turn.SendCardAsync(await RenderAsync(form, turn.Language, cancellationToken), cancellationToken);
    }

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        var work = await phases.ForWorkAsync(cancellationToken);
        if (CardInput.Text(data, "verb") == CopyThemesVerb) return await CopyThemesAsync(caller, work, CardInput.Text(data, "campaign"), language, cancellationToken);
        if (!caller.Can(Permission.OpenCampaign, AccessScope.Programme)) return CardActionResult.Message(cards.Text("openCampaign.notAllowed", language));

        var typedCode = CardInput.Text(data, "code") ?? "";
        var code = CampaignCode.Normalize(typedCode);
        var canSetQuota = caller.Can(Permission.SetSelectionQuota, AccessScope.Programme);
        var typedQuota = CardInput.Text(data, "quota") ?? "";
        int? quota = int.TryParse(typedQuota, NumberStyles.None, CultureInfo.InvariantCulture, out var q) && q is >= 1 and <= MaxQuota ? q : null;
        var form = Form.Of(CampaignOpener.Proposal(work, code ?? CampaignCode.Next(work.Code), 0), work, caller, options.Value) with
        {
            IsOpen = false, Code = typedCode, Quota = quota ?? options.Value.SelectionQuota, CopyThemes = CardInput.IsOn(data, "copyThemes"),
        };
        if (code is null || CampaignCode.StartYear(code) <= CampaignCode.StartYear(work.Code))
        {
            form = form with { CodeError = string.Format(CultureInfo.InvariantCulture, cards.Text("openCampaign.errors.code", language), People.Import.Excerpt.Of(typedCode), work.Code, CampaignCode.Next(work.Code)) };
        }

        if (canSetQuota && typedQuota.Length > 0 && quota is null)
            form = form with { QuotaError = string.Format(CultureInfo.InvariantCulture, cards.Text("openCampaign.errors.quota", language), People.Import.Excerpt.Of(typedQuota), MaxQuota) };
        if (form.CodeError != "" || form.QuotaError != "") return CardActionResult.Card(await RenderAsync(form, language, cancellationToken));

        var result = await opener.OpenAsync(code!, canSetQuota ? quota : null, form.CopyThemes, caller, cancellationToken);
        if (result.Created) Reminders.ReminderPlanJob.Enqueue(jobs, logger); // the new call's deadlines, for the roles carried over
        var done = result.Created
            ? string.Format(CultureInfo.InvariantCulture, cards.Text("openCampaign.opened", language), result.Campaign.Code, result.ThemesCopied, result.RolesCopied)
            : string.Format(CultureInfo.InvariantCulture, cards.Text("openCampaign.alreadyOpen", language), result.Campaign.Code);
        return CardActionResult.Card(await RenderAsync(Form.Of(result.Campaign, work, caller, options.Value) with { Done = done }, language, cancellationToken));
    }

    /// <summary>"Copier les thèmes de 2026-2027" on an open call: what the caller may set up and the call lacks.</summary>
    private async Task<CardActionResult> CopyThemesAsync(Caller caller, Campaign work, string? code, string language, CancellationToken ct)
    {
        if (!caller.CanSomewhere(Permission.ManageThemes)) return CardActionResult.Message(cards.Text("themes.notAllowed", language));
        var target = await phases.NamedOrWorkAsync(code ?? "", ct);
        if (target is null || target.Phase == CampaignPhase.Closed || target.Campaign.Id == work.Id)
            return CardActionResult.Message(cards.Text("openCampaign.notNext", language));

        var copied = await opener.CopyThemesAsync(work.Id, target.Campaign.Id, caller, ct);
        var done = copied > 0
            ? string.Format(CultureInfo.InvariantCulture, cards.Text("openCampaign.copied", language), copied, work.Code)
            : string.Format(CultureInfo.InvariantCulture, cards.Text("openCampaign.nothingToCopy", language), target.Campaign.Code);
        return CardActionResult.Card(await RenderAsync(Form.Of(target.Campaign, work, caller, options.Value) with { Done = done }, language, ct));
    }

    private async Task<JsonElement> RenderAsync(Form form, string language, CancellationToken ct)
    {
        var campaign = form.Campaign;
        var themes = form.IsOpen ? await db.Themes.CountAsync(t => t.CampaignId == campaign.Id, ct) : 0;
        var data = new OpenCampaignCard(
            form.Code, campaign.Code, form.IsOpen, form.Source, form.Done, form.CodeError,
            [.. CalendarFields.Dates.Select(f => new OpenCampaignDate(cards.Text($"calendar.fields.{f.Id}", language), CalendarFields.Display(f.Get(campaign), language)))],
            form.Quota, form.CanSetQuota && !form.IsOpen, form.QuotaError, form.CopyThemes, themes);
        return cards.Render(Card, data, language);
    }

    /// <summary>What the card shows: the campaign (opened, or proposed with what was typed) and the messages beside it.</summary>
    private sealed record Form(Campaign Campaign, string Code, bool IsOpen, string Source, int Quota, bool CanSetQuota, bool CopyThemes)
    {
        public string Done { get; init; } = "";
        public string CodeError { get; init; } = "";
        public string QuotaError { get; init; } = "";

        public static Form Of(Campaign campaign, Campaign work, Caller caller, CampaignOptions options) =>
            new(campaign, campaign.Code, true, work.Code, campaign.QuotaOf(options), caller.Can(Permission.SetSelectionQuota, AccessScope.Programme), true);
    }
}

/// <summary>Data of cards/campaigns/open.json.</summary>
internal sealed record OpenCampaignCard(
    string Code,
    string Campaign,
    bool IsOpen,
    string Source,
    string Done,
    string CodeError,
    IReadOnlyList<OpenCampaignDate> Dates,
    int Quota,
    bool CanSetQuota,
    string QuotaError,
    bool CopyThemes,
    int Themes);

internal sealed record OpenCampaignDate(string Label, string Display);
