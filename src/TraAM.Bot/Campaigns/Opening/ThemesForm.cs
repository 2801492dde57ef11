using System.Globalization;
using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Campaigns.Opening;

/// <summary>What the themes card carries: each title as typed, the themes to remove, and a theme to add.</summary>
internal sealed class ThemesForm
{
    public const string NewId = "newTitle";

    public static ThemesForm Empty { get; } = new();

    public Dictionary<int, string> Titles { get; } = [];
    public HashSet<int> Removed { get; } = [];
    public string NewDiscipline { get; private init; } = "";
    public string NewTitle { get; private init; } = "";
    public string NewYear { get; private init; } = "1";
    public bool NewRequiresYearOne { get; private init; }

    public static string TitleId(int themeId) => "title-" + themeId.ToString(CultureInfo.InvariantCulture);

    private static string RemoveId(int themeId) => "remove-" + themeId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The card's values for the caller's themes only: an id the caller may not set up is never read.</summary>
    public static ThemesForm Read(JsonElement data, IReadOnlyList<Theme> mine, bool submitted)
    {
        if (!submitted) return Empty;
        var form = new ThemesForm
        {
            NewDiscipline = CardInput.Text(data, "newDiscipline") ?? "",
            NewTitle = (CardInput.Text(data, NewId) ?? "").Trim(),
            NewYear = CardInput.Text(data, "newYear") ?? "1",
            NewRequiresYearOne = CardInput.IsOn(data, "newRequiresYearOne"),
        };
        foreach (var t in mine)
        {
            if (CardInput.Text(data, TitleId(t.Id)) is { } title) form.Titles[t.Id] = title.Trim();
            if (CardInput.IsOn(data, RemoveId(t.Id))) form.Removed.Add(t.Id);
        }

        return form;
    }

    /// <summary>Input id → French (or English) error; empty when the form can be saved.</summary>
    public IReadOnlyDictionary<string, string> Validate(IReadOnlyList<Discipline> allowed, CardTemplates cards, string language)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var titleError = string.Format(CultureInfo.InvariantCulture, cards.Text("themes.errors.title", language), ThemeFileReader.MaxTitle);
        foreach (var (id, title) in Titles.Where(t => !Removed.Contains(t.Key) && t.Value.Length is 0 or > ThemeFileReader.MaxTitle))
        {
            errors[TitleId(id)] = titleError;
        }

        if (NewTitle.Length == 0) return errors;
        if (NewTitle.Length > ThemeFileReader.MaxTitle) errors[NewId] = titleError;
        else if (!allowed.Any(d => d.Code == NewDiscipline)) errors[NewId] = cards.Text("themes.errors.discipline", language);
        else if (NewYear is not ("1" or "2")) errors[NewId] = cards.Text("themes.errors.year", language);
        else if (NewRequiresYearOne && NewYear == "1") errors[NewId] = cards.Text("themes.errors.requiresYearOne", language);
        return errors;
    }

    /// <summary>
    /// Applies a validated form: titles, removals among <paramref name="removable"/> (the caller's, with no team), and
    /// the new theme numbered after its discipline's others (a discipline's single theme then gets its "-1" code).
    /// Returns how many themes changed.
    /// </summary>
    public int ApplyTo(int campaignId, List<Theme> all, IReadOnlyList<Theme> removable, TraamDbContext db, int nextId)
    {
        var changed = 0;
        foreach (var theme in all.Where(t => Titles.TryGetValue(t.Id, out var title) && title != t.Title && !Removed.Contains(t.Id)))
        {
            theme.Title = Titles[theme.Id];
            changed++;
        }

        var gone = removable.Where(t => Removed.Contains(t.Id)).ToList();
        db.Themes.RemoveRange(gone);
        changed += gone.Count;
        if (NewTitle.Length == 0) return changed;

        // Numbered after every theme the discipline had, removed ones included: a number (and code) is never reused in one save.
        var number = all.Where(t => t.DisciplineCode == NewDiscipline).Select(t => t.Number).DefaultIfEmpty(0).Max() + 1;
        var siblings = all.Where(t => t.DisciplineCode == NewDiscipline && !gone.Contains(t)).ToList();
        foreach (var single in siblings.Where(t => t.Code == t.DisciplineCode)) single.Code = $"{single.DisciplineCode}-{single.Number}";
        db.Themes.Add(new Theme
        {
            Id = nextId, CampaignId = campaignId, DisciplineCode = NewDiscipline, Number = number, Title = NewTitle,
            Code = siblings.Count == 0 ? NewDiscipline : $"{NewDiscipline}-{number}", Year = NewYear == "2" ? 2 : 1, RequiresYearOne = NewRequiresYearOne,
        });
        return changed + 1;
    }
}
