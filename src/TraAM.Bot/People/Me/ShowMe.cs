using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.People.Me;

/// <summary>
/// "moi" / "whoami": what the directory says about the sender, their roles in the live campaigns (a role of the next
/// call names it) and their groups' channels; roles of past campaigns are only named, as history.
/// </summary>
internal sealed class ShowMe(CallerResolver callers, TraamDbContext db, CardTemplates cards) : ITurnHandler
{
    public const string Card = "people/me";

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        var language = turn.Language;
        if (caller.Person is not { } person)
        {
            await turn.SendCardAsync(cards.Render(Card, new MeCard(false, "", "", "", [], [], ""), language), cancellationToken);
            return;
        }

        var campaigns = await db.Campaigns.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Code, cancellationToken);
        var live = caller.Roles.Where(r => r.CampaignId is not { } c || caller.Campaigns.IsLive(c)).ToList();
        var past = caller.Roles.Where(r => r.CampaignId is { } c && !caller.Campaigns.IsLive(c))
            .Select(r => campaigns.GetValueOrDefault(r.CampaignId!.Value, "?")).Distinct().Order(StringComparer.Ordinal).ToList();
        var themes = await db.Themes.AsNoTracking().ToListAsync(cancellationToken);
        var teamIds = live.Where(r => r.TeamId is not null).Select(r => r.TeamId!.Value).ToList();
        var teams = await db.AcademicTeams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var roles = live
            .OrderBy(r => r.CampaignId).ThenBy(r => r.Role)
            .Select(r => new MeRole(Labels.Role(r.Role, language), Scope(r, teams, themes, language)
                + (r.CampaignId is { } c && c != caller.CampaignId ? $" ({campaigns.GetValueOrDefault(c)})" : "")))
            .ToList();
        var groups = await GroupMembership.GroupsOfAsync(db, live, cancellationToken);
        var groupLines = groups
            .Select(g => new MeGroup(GroupMembership.Name(g, themes, language), g.Group.ConversationRecordId is not null))
            .ToList();
        var history = past.Count == 0 ? "" : string.Format(System.Globalization.CultureInfo.InvariantCulture, cards.Text("meCampaigns.history", language), string.Join(", ", past));
        var data = new MeCard(true, person.DisplayName, person.Email, Labels.Academy(person.AcademyCode), roles, groupLines, history);
        await turn.SendCardAsync(cards.Render(Card, data, language), cancellationToken);
    }

    private static string Scope(RoleAssignment r, Dictionary<long, AcademicTeam> teams, List<Campaigns.Theme> themes, string language)
    {
        var theme = themes.FirstOrDefault(t => t.Id == r.ThemeId);
        var parts = new List<string>();
        if (r.TeamId is { } id && teams.TryGetValue(id, out var team)) parts.Add(team.Name);
        if (r.AcademyCode is not null) parts.Add(Labels.Academy(r.AcademyCode));
        if (r.RegionCode is not null) parts.Add(Labels.Region(r.RegionCode));
        if (theme is not null) parts.Add(Labels.Theme(theme, themes, language));
        else if (r.DisciplineCode is not null) parts.Add(Labels.Discipline(r.DisciplineCode));
        return parts.Count == 0 ? (language == Languages.English ? "whole programme" : "tout le dispositif") : string.Join(" · ", parts);
    }
}

/// <summary>Data of cards/people/me.json.</summary>
internal sealed record MeCard(bool Known, string Name, string Email, string Academy, IReadOnlyList<MeRole> Roles, IReadOnlyList<MeGroup> Groups, string History);

internal sealed record MeRole(string Role, string Scope);

internal sealed record MeGroup(string Name, bool Linked);
