using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Data;
using TraAM.Bot.People;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Bilans;

/// <summary>
/// One team's bilan in one collection, loaded from the database: the collection, its theme, the team (one of the
/// theme's selected teams, or nothing is found) and the bilan saved so far (tracked, to be saved again).
/// </summary>
internal sealed record BilanFile(BilanCollection Collection, Theme Theme, AcademicTeam Team, Bilan? Bilan)
{
    public AccessScope Scope => AccessScope.ForTeam(Team, Theme);

    /// <summary>What the card's buttons name: "collection:team". Only which bilan; never who may answer it.</summary>
    public string Subject => string.Create(CultureInfo.InvariantCulture, $"{Collection.Id}:{Team.Id}");

    public TimeZoneInfo Zone => LocalTime.ZoneOf(Team.AcademyCode);

    /// <summary>The closing day is read where the team works: the bilan closes at the end of that day there.</summary>
    public bool IsClosed(DateTimeOffset now) => LocalTime.Today(now, Zone) > Collection.Closes;

    public static async Task<BilanFile?> ForAsync(TraamDbContext db, long collectionId, long teamId, CancellationToken ct)
    {
        var collection = await db.BilanCollections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == collectionId, ct);
        if (collection is null) return null;
        var team = await SelectedTeams.Of(db, collection.CampaignId).AsNoTracking()
            .SingleOrDefaultAsync(t => t.Id == teamId && t.ThemeId == collection.ThemeId, ct);
        if (team is null) return null;
        var theme = await db.Themes.AsNoTracking().SingleAsync(t => t.Id == collection.ThemeId, ct);
        var bilan = await db.Bilans.SingleOrDefaultAsync(b => b.TeamId == teamId && b.CollectionId == collectionId, ct);
        return new BilanFile(collection, theme, team, bilan);
    }

    /// <summary>The bilans the caller may fill in among <paramref name="collectionIds"/>: their teams', as the policy says.</summary>
    public static async Task<List<BilanFile>> OfCallerAsync(TraamDbContext db, Caller caller, IReadOnlyCollection<long> collectionIds, CancellationToken ct)
    {
        if (caller.Person is null) return [];
        var teamIds = caller.Roles.Where(r => r.TeamId is not null).Select(r => r.TeamId!.Value).Distinct().ToList();
        var files = new List<BilanFile>();
        foreach (var collectionId in collectionIds)
        {
            foreach (var teamId in teamIds)
            {
                if (await ForAsync(db, collectionId, teamId, ct) is { } file && caller.Can(Permission.SubmitBilan, file.Scope)) files.Add(file);
            }
        }

        return files;
    }

    /// <summary>"12:34" → (12, 34); anything else → null.</summary>
    public static (long Collection, long Team)? ParseSubject(string? subject)
    {
        var parts = (subject ?? "").Split(':');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var c)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var t)
            ? (c, t) : null;
    }
}
