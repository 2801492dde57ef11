using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.People;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Candidacies;

/// <summary>A team of the call as the caller may see it: its candidacy if any, and what they may do with it.</summary>
public sealed record CandidacyEntry(AcademicTeam Team, Theme Theme, Candidacy? Candidacy, bool CanOpen, bool CanFill);

/// <summary>
/// The candidacies of a call that the caller may see (inspector: académie × discipline; DAN: académie; DRAN: région;
/// TN3 and IGÉSR: discipline; referent: their team; admin: all), decided by <see cref="AccessPolicy"/> team by team,
/// and the teams whose candidacy they may fill in. A call has a few hundred teams: read once, filtered in memory.
/// </summary>
public sealed class CandidacyList(TraamDbContext db, CardTemplates cards)
{
    public const string Template = "candidacies/list";

    /// <summary>Lines in one card: beyond this, the card asks to narrow down (Teams cards stay small).</summary>
    public const int Shown = 30;

    public async Task<IReadOnlyList<CandidacyEntry>> EntriesAsync(Campaign call, Caller caller, CancellationToken ct)
    {
        var themes = await db.Themes.AsNoTracking().Where(t => t.CampaignId == call.Id).ToDictionaryAsync(t => t.Id, ct);
        var teams = await db.AcademicTeams.AsNoTracking().Where(t => t.CampaignId == call.Id).ToListAsync(ct);
        var candidacies = await db.Candidacies.AsNoTracking().Where(c => c.CampaignId == call.Id).ToDictionaryAsync(c => c.TeamId, ct);
        var entries = new List<CandidacyEntry>();
        foreach (var team in teams)
        {
            var theme = themes[team.ThemeId];
            var scope = AccessScope.ForTeam(team, theme);
            var candidacy = candidacies.GetValueOrDefault(team.Id);
            var canFill = caller.Can(Permission.SubmitCandidacy, scope) && candidacy is null or { IsEditable: true };
            var canOpen = candidacy is not null && caller.Can(Permission.ViewTeamStatus, scope);
            if (canFill || canOpen) entries.Add(new CandidacyEntry(team, theme, candidacy, canOpen, canFill));
        }

        return [.. entries.OrderBy(e => e.Team.AcademyCode, StringComparer.Ordinal).ThenBy(e => e.Theme.Code, StringComparer.Ordinal).ThenBy(e => e.Team.Name, StringComparer.Ordinal)];
    }

    /// <summary>Entries of one académie, région or discipline, named as people write them ("lyon", "SVT").</summary>
    public static IReadOnlyList<CandidacyEntry> Narrow(IReadOnlyList<CandidacyEntry> entries, string words)
    {
        if (string.IsNullOrWhiteSpace(words)) return entries;
        var academy = Academies.Find(words);
        var discipline = Disciplines.Find(words);
        var region = Academies.Regions.FirstOrDefault(r => TextKey.Of(r.Name) == TextKey.Of(words) || r.Code == words);
        return [.. entries.Where(e => e.Team.AcademyCode == academy?.Code || e.Theme.DisciplineCode == discipline?.Code
            || (region is not null && Academies.ByCode(e.Team.AcademyCode)?.RegionCode == region.Code))];
    }

    public JsonElement Render(Campaign call, IReadOnlyList<CandidacyEntry> entries, string language)
    {
        string T(string key) => cards.Text($"candidacy.{key}", language);
        var lines = entries.Take(Shown).Select(e => new CandidacyListLine(
            e.Candidacy is { Title.Length: > 0 } c ? $"{c.Title} ({e.Team.Name})" : e.Team.Name,
            $"{Academies.ByCode(e.Team.AcademyCode)?.Name ?? e.Team.AcademyCode} · {e.Theme.Title}",
            e.Candidacy is { } x ? T($"states.{x.State}") + (x.Version > 0 ? $" (v{x.Version})" : "") : T("list.none"),
            (e.Candidacy?.Id ?? 0).ToString(CultureInfo.InvariantCulture),
            e.Team.Id.ToString(CultureInfo.InvariantCulture),
            e.CanOpen,
            e.CanFill)).ToList();
        var more = entries.Count > Shown ? string.Format(CultureInfo.InvariantCulture, T("list.more"), entries.Count - Shown) : "";
        return cards.Render(Template, new CandidacyListCard(string.Format(CultureInfo.InvariantCulture, T("list.title"), call.Code), lines, more), language);
    }
}

/// <summary>Data of cards/candidacies/list.json.</summary>
public sealed record CandidacyListCard(string Title, IReadOnlyList<CandidacyListLine> Items, string More);

public sealed record CandidacyListLine(string Name, string Details, string State, string CandidacyId, string TeamId, bool CanOpen, bool CanFill);
