using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Data;
using TraAM.Bot.People;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Syntheses;

/// <summary>What a synthesis is about: a theme (national), or one académie's teams of it (academic).</summary>
internal sealed record SynthesisTarget(Theme Theme, string? AcademyCode)
{
    public string Key => SynthesisDocument.KeyOf(Theme.Id, AcademyCode);

    public AccessScope Access => AccessOf(Theme, AcademyCode);

    public string Label => AcademyCode is null ? Theme.Title : $"{Theme.Title} — {Labels.Academy(AcademyCode)}";

    /// <summary>
    /// The theme's scope, with the académie for an academic synthesis: a DAN or an inspector matches only the latter
    /// (a scope without an académie never matches theirs), a TN3 expert of the discipline both.
    /// </summary>
    public static AccessScope AccessOf(Theme theme, string? academyCode) =>
        AccessScope.ForTheme(theme) with { AcademyCode = academyCode, RegionCode = Academies.ByCode(academyCode)?.RegionCode };
}

/// <summary>Which syntheses the caller may compile in the working campaign, narrowed by what they typed.</summary>
internal sealed class SynthesisTargets(TraamDbContext db)
{
    public async Task<IReadOnlyList<SynthesisTarget>> CompilableAsync(Caller caller, Campaign work, CancellationToken ct)
    {
        var themes = await db.Themes.AsNoTracking().Where(t => t.CampaignId == work.Id).OrderBy(t => t.DisciplineCode).ThenBy(t => t.Number).ToListAsync(ct);
        var national = themes.Where(t => caller.Can(Permission.CompileSynthesis, SynthesisTarget.AccessOf(t, null))).Select(t => new SynthesisTarget(t, null)).ToList();
        var academies = caller.Roles.Where(r => r.Role is Role.Dan or Role.Inspector && r.CampaignId == work.Id && r.AcademyCode is not null)
            .Select(r => r.AcademyCode!).Distinct().ToList();
        if (academies.Count == 0) return national;
        var worked = await SelectedTeams.Of(db, work.Id).Where(t => academies.Contains(t.AcademyCode))
            .Select(t => new { t.ThemeId, t.AcademyCode }).Distinct().ToListAsync(ct);
        var academic = worked.Select(w => new SynthesisTarget(themes.Single(t => t.Id == w.ThemeId), w.AcademyCode))
            .Where(t => national.All(n => n.Theme.Id != t.Theme.Id) && caller.Can(Permission.CompileSynthesis, t.Access))
            .OrderBy(t => t.Theme.DisciplineCode).ThenBy(t => t.Theme.Number);
        return [.. national, .. academic];
    }

    /// <summary>The targets whose theme (title, code or discipline) matches the typed words; all of them when none typed.</summary>
    public static IReadOnlyList<SynthesisTarget> Matching(IReadOnlyList<SynthesisTarget> targets, string typed)
    {
        var key = TextKey.Of(typed);
        if (key.Length == 0) return targets;
        return [.. targets.Where(t => TextKey.Of(t.Theme.Code) == key || TextKey.Of(t.Theme.Title).Contains(key, StringComparison.Ordinal)
            || TextKey.Of(Disciplines.ByCode(t.Theme.DisciplineCode)?.Name).Contains(key, StringComparison.Ordinal))];
    }
}
