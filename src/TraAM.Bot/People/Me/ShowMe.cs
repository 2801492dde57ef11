using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.People.Me;

/// <summary>"moi" / "whoami": what the directory says about the sender, their roles and their groups' channels.</summary>
internal sealed class ShowMe(CallerResolver callers, TraamDbContext db, CardTemplates cards) : ITurnHandler
{
    public const string Card = "people/me";

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        var language = turn.Language;
        if (caller.Person is not { } person)
        {
            await turn.SendCardAsync(cards.Render(Card, new MeCard(false, "", "", "", [], []), language), cancellationToken);
            return;
        }

        var themes = await db.Themes.AsNoTracking().ToListAsync(cancellationToken);
        var teamIds = caller.Roles.Where(r => r.TeamId is not null).Select(r => r.TeamId!.Value).ToList();
        var teams = await db.AcademicTeams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var roles = caller.Roles
            .OrderBy(r => r.Role)
            .Select(r => new MeRole(Labels.Role(r.Role, language), Scope(r, teams, themes, language)))
            .ToList();
        var groups = await GroupMembership.GroupsOfAsync(db, caller.Roles, cancellationToken);
        var groupLines = groups
            .Select(g => new MeGroup(GroupMembership.Name(g, themes, language), g.Group.ConversationRecordId is not null))
            .ToList();
        var data = new MeCard(true, person.DisplayName, person.Email, Labels.Academy(person.AcademyCode), roles, groupLines);
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
internal sealed record MeCard(bool Known, string Name, string Email, string Academy, IReadOnlyList<MeRole> Roles, IReadOnlyList<MeGroup> Groups);

internal sealed record MeRole(string Role, string Scope);

internal sealed record MeGroup(string Name, bool Linked);
