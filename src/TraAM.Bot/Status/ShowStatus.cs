using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Data;
using TraAM.Bot.People;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Status;

/// <summary>
/// "statut" / "status" [filter], and the card's "Suivant", "Précédent" and "Actualiser" (<see cref="Verb"/>): the status
/// of the working campaign's teams that the caller may see, decided team by team by <see cref="AccessPolicy"/>
/// (<see cref="Permission.ViewTeamStatus"/>). Whoever may also see an académie's or a theme's status
/// (<see cref="Permission.ViewAcademyStatus"/>, <see cref="Permission.ViewThemeStatus"/>) gets the table; whoever may see
/// every theme (admins) gets the per-theme summary when they name nothing. A click carries only the filter text and
/// the page: both are read again and checked against the policy, as if typed.
/// In a channel, the answer is the linked group's (its teams, still within what the caller may see); an unlinked
/// channel gets no status, since everyone in it would read it.
/// </summary>
internal sealed class ShowStatus(CallerResolver callers, CampaignPhases phases, TraamDbContext db, StatusData data, StatusCards render)
    : ITurnHandler, ICardActionHandler
{
    public const string Verb = "status.show";

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var result = await AnswerAsync(turn, turn.Command.Arguments, 1, cancellationToken);
        if (result is CardActionResult.CardResult card) await turn.SendCardAsync(card.CardJson, cancellationToken);
        else if (result is CardActionResult.MessageResult message) await turn.SendTextAsync(message.Text, cancellationToken);
    }

    public Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var filter = Text(data, "filter") ?? "";
        var page = int.TryParse(Text(data, "page"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 1;
        return AnswerAsync(turn, filter.Length > 200 ? filter[..200] : filter, page, cancellationToken);
    }

    private async Task<CardActionResult> AnswerAsync(TurnContext turn, string filterText, int page, CancellationToken ct)
    {
        var language = turn.Language;
        var caller = await callers.ResolveAsync(turn, ct);
        if (!caller.CanSomewhere(Permission.ViewTeamStatus)) return render.Message("status.notAllowed", language);

        var campaign = await phases.ForWorkAsync(ct);
        var themes = await db.Themes.AsNoTracking().Where(t => t.CampaignId == campaign.Id).ToDictionaryAsync(t => t.Id, ct);
        var working = await SelectedTeams.Of(db, campaign.Id).AsNoTracking().ToListAsync(ct);
        var teams = working.Select(t => (Team: t, Theme: themes[t.ThemeId])).ToList();

        // In a channel: the linked group's teams, or nothing (a channel is read by all its members).
        string? groupName = null;
        var academicChannel = false;
        if (!turn.IsPersonal)
        {
            // Only channels are linked to groups (lier): a group chat gets the way to ask, never someone's whole scope.
            if (turn.Activity.Conversation?.ConversationType != ConversationTypes.Channel) return render.Message("status.personalOnly", language);
            if (await LinkedGroupAsync(turn, ct) is not { } group) return render.Message("status.channelNotLinked", language);
            // A group of the next call (its candidacies): its teams do not work yet, so they have no status.
            if (group.CampaignId != campaign.Id)
                return render.Format("status.channelNotWorking", language, await db.Campaigns.Where(c => c.Id == group.CampaignId).Select(c => c.Code).FirstAsync(ct));
            teams = [.. teams.Where(t => group.TeamId is { } id ? t.Team.Id == id : t.Team.ThemeId == group.ThemeId)];
            academicChannel = group.TeamId is not null;
            groupName = GroupMembership.Name(new Membership(group, themes[group.ThemeId], teams.FirstOrDefault(t => t.Team.Id == group.TeamId).Team), [.. themes.Values], language);
        }

        var visible = teams.Where(t => caller.Can(Permission.ViewTeamStatus, AccessScope.ForTeam(t.Team, t.Theme))).ToList();
        if (groupName is not null && teams.Count > 0 && visible.Count == 0) return render.Message("status.channelNotAllowed", language);

        var filter = StatusFilter.Parse(filterText, [.. working.Select(t => t.NameKey).Distinct()]);
        if (filter.Unknown.Count > 0) return render.UnknownFilter(filter, visible, [.. themes.Values], language);

        var matched = teams.Where(t => filter.Matches(t.Team, t.Theme)).ToList();
        var shown = visible.Where(t => filter.Matches(t.Team, t.Theme)).ToList();
        if (shown.Count == 0)
        {
            // Say only that it is outside their scope: never which teams, states or names lie there.
            if (!filter.IsEmpty && matched.Count > 0) return render.Format("status.outOfScope", language, filter.Text);
            return filter.IsEmpty ? render.Format("status.noTeams", language, campaign.Code) : render.Format("status.noMatch", language, filter.Text);
        }

        var context = new StatusContext(caller, campaign, filter, groupName, language);
        var seesEveryTheme = themes.Values.All(th => caller.Can(Permission.ViewThemeStatus, AccessScope.ForTheme(th)));
        if (filter.IsEmpty && groupName is null && seesEveryTheme)
            return render.Summary(context, [.. themes.Values], await data.LoadAsync(shown, ct));

        // One team, for someone who sees teams one by one (a referent, a teacher), named by its name, or in its group's
        // channel: the team's card.
        var single = shown.Count == 1 ? shown[0] : default;
        if (single.Team is not null && (filter.NamesTeam || academicChannel || !SeesMany(single)))
            return await render.TeamAsync(context, (await data.LoadAsync(shown, ct))[0], ct);

        return render.Table(context, await data.LoadAsync(shown, ct), page);

        // A role that reads an académie's or a theme's status reads it as a table, even when it holds one team.
        bool SeesMany((AcademicTeam Team, Theme Theme) t) =>
            caller.Can(Permission.ViewAcademyStatus, AccessScope.ForTeam(t.Team, t.Theme)) || caller.Can(Permission.ViewThemeStatus, AccessScope.ForTeam(t.Team, t.Theme));
    }

    /// <summary>The working group linked to this channel (Teams names a thread "19:…;messageid=…": the channel is the part before).</summary>
    private async Task<WorkGroup?> LinkedGroupAsync(TurnContext turn, CancellationToken ct)
    {
        var id = turn.Activity.Conversation?.Id?.Split(';')[0];
        if (string.IsNullOrEmpty(id)) return null;
        return await (from w in db.WorkGroups.AsNoTracking()
                      join c in db.Conversations on w.ConversationRecordId equals c.Id
                      where c.ConversationId == id
                      select w).FirstOrDefaultAsync(ct);
    }

    private static string? Text(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>Who asks, about which campaign, with which words, from which group's channel (null: the personal chat).</summary>
internal sealed record StatusContext(Caller Caller, Campaign Campaign, StatusFilter Filter, string? GroupName, string Language);
