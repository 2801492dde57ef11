using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Campaigns.Opening;

/// <summary>
/// The themes of a live campaign, as whoever may set them up sees them (an admin: all; a TN3 expert: their
/// discipline's): titles edited, a theme added, a theme no team uses yet removed. Every field is checked again on the
/// server; an error shows next to its field with everything typed kept.
/// </summary>
internal sealed class EditThemes(CallerResolver callers, CampaignPhases phases, TraamDbContext db, CardTemplates cards) : ICardActionHandler
{
    public const string ShowVerb = "campaign.themes";
    public const string SaveVerb = "campaign.themes.save";
    public const string Card = "campaigns/themes";

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (!caller.CanSomewhere(Permission.ManageThemes)) return CardActionResult.Message(cards.Text("themes.notAllowed", language));
        var target = await phases.NamedOrWorkAsync(CardInput.Text(data, "campaign") ?? "", cancellationToken);
        if (target is null || target.Phase == CampaignPhase.Closed) return CardActionResult.Message(cards.Text("openCampaign.notNext", language));

        var campaign = target.Campaign;
        var themes = await db.Themes.Where(t => t.CampaignId == campaign.Id).OrderBy(t => t.DisciplineCode).ThenBy(t => t.Number).ToListAsync(cancellationToken);
        var mine = themes.Where(t => caller.Can(Permission.ManageThemes, AccessScope.ForTheme(t))).ToList();
        var disciplines = Disciplines.All.Where(d => caller.Can(Permission.ManageThemes, new AccessScope(DisciplineCode: d.Code, CampaignId: campaign.Id))).ToList();
        var used = (await db.AcademicTeams.Where(t => t.CampaignId == campaign.Id).Select(t => t.ThemeId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var form = ThemesForm.Read(data, mine, CardInput.Text(data, "verb") == SaveVerb);
        if (CardInput.Text(data, "verb") != SaveVerb) return Render(campaign, mine, used, disciplines, form, "", language);

        var errors = form.Validate(disciplines, cards, language);
        if (errors.Count > 0) return Render(campaign, mine, used, disciplines, form, "", language, errors);

        var changed = form.ApplyTo(campaign.Id, themes, mine.Where(t => !used.Contains(t.Id)).ToList(), db, await db.Themes.MaxAsync(t => t.Id, cancellationToken) + 1);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone else saved the same campaign's themes at that moment (same new id or code): show theirs.
            db.ChangeTracker.Clear();
            return CardActionResult.Message(cards.Text("themes.conflict", language));
        }

        var fresh = await db.Themes.AsNoTracking().Where(t => t.CampaignId == campaign.Id).OrderBy(t => t.DisciplineCode).ThenBy(t => t.Number).ToListAsync(cancellationToken);
        var done = string.Format(CultureInfo.InvariantCulture, cards.Text("themes.saved", language), changed);
        return Render(campaign, [.. fresh.Where(t => caller.Can(Permission.ManageThemes, AccessScope.ForTheme(t)))], used, disciplines, ThemesForm.Empty, done, language);
    }

    private CardActionResult Render(Campaign campaign, List<Theme> mine, HashSet<int> used, List<Discipline> disciplines, ThemesForm form, string done, string language,
        IReadOnlyDictionary<string, string>? errors = null)
    {
        var lines = mine.Select(t => new ThemeLine(
            t.Id.ToString(CultureInfo.InvariantCulture),
            $"{Labels(t.DisciplineCode)} – {t.Code} ({string.Format(CultureInfo.InvariantCulture, cards.Text("themes.year", language), t.Year)})",
            form.Titles.GetValueOrDefault(t.Id, t.Title),
            !used.Contains(t.Id),
            form.Removed.Contains(t.Id),
            errors?.GetValueOrDefault(ThemesForm.TitleId(t.Id), "") ?? "")).ToList();
        var data = new ThemesCard(
            campaign.Code, done, lines, [.. disciplines.Select(d => new ThemeChoice(d.Name, d.Code))], disciplines.Count > 0,
            form.NewDiscipline, form.NewTitle, form.NewYear, form.NewRequiresYearOne, errors?.GetValueOrDefault(ThemesForm.NewId, "") ?? "");
        return CardActionResult.Card(cards.Render(Card, data, language));
    }

    private static string Labels(string code) => Disciplines.ByCode(code)?.Name ?? code;
}

/// <summary>Data of cards/campaigns/themes.json.</summary>
internal sealed record ThemesCard(
    string Campaign,
    string Done,
    IReadOnlyList<ThemeLine> Themes,
    IReadOnlyList<ThemeChoice> Disciplines,
    bool CanAdd,
    string NewDiscipline,
    string NewTitle,
    string NewYear,
    bool NewRequiresYearOne,
    string NewError);

internal sealed record ThemeLine(string Id, string Label, string Title, bool Removable, bool Remove, string Error);

internal sealed record ThemeChoice(string Title, string Value);
