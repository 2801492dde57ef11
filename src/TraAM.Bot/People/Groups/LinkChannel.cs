using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.People.Groups;

/// <summary>
/// "Lier ce canal": in a team channel, an admin or the theme's TN3 expert chooses which working group lives here
/// (the national group of a theme, or the academic group of a team). The form lists only the groups the caller may
/// link; the choice is checked again on submit, against the database, because a card's data proves nothing.
/// A channel holds one group; linking it elsewhere moves it. Answers re-render the card with the outcome or the error
/// next to the field, keeping the choice.
/// </summary>
internal sealed class LinkChannel(CallerResolver callers, Campaigns.CampaignPhases phases, TraamDbContext db, CardTemplates cards, TimeProvider clock)
    : ITurnHandler, ICardActionHandler
{
    public const string FormVerb = "group.link.form";
    public const string SubmitVerb = "group.link";
    public const string Card = "people/link";

    // "lier" typed in a channel: the form, or why not.
    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var result = await FormAsync(turn, selected: null, error: null, done: null, cancellationToken);
        if (result is CardActionResult.CardResult card) await turn.SendCardAsync(card.CardJson, cancellationToken);
        else if (result is CardActionResult.MessageResult message) await turn.SendTextAsync(message.Text, cancellationToken);
    }

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var verb = data.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : turn.Activity.Value is null ? null : SubmitVerb;
        var choice = data.TryGetProperty("group", out var g) && g.ValueKind == JsonValueKind.String ? g.GetString() : null;
        if (verb == FormVerb) return await FormAsync(turn, null, null, null, cancellationToken);
        return await SubmitAsync(turn, choice, cancellationToken);
    }

    private async Task<CardActionResult> SubmitAsync(TurnContext turn, string? choice, CancellationToken ct)
    {
        var language = turn.Language;
        var caller = await callers.ResolveAsync(turn, ct);
        if (!IsChannel(turn)) return CardActionResult.Message(cards.Text("link.notChannel", language));
        var targets = await AllTargetsAsync(ct);
        var target = string.IsNullOrEmpty(choice) ? null : targets.FirstOrDefault(t => t.Value == choice);
        if (target is null) return await FormAsync(turn, choice, cards.Text("link.chooseGroup", language), null, ct, targets);
        if (!caller.Can(Permission.LinkChannel, target.Scope)) return await FormAsync(turn, choice, cards.Text("link.notAllowedGroup", language), null, ct, targets);

        var now = clock.GetUtcNow();
        var conversation = await ChannelRecordAsync(turn, now, ct);

        // A channel holds one group: unlink whatever lived here before, if that group is the caller's to unlink too.
        var previous = await db.WorkGroups.Where(w => w.ConversationRecordId == conversation.Id).ToListAsync(ct);
        var foreign = previous.FirstOrDefault(p => !caller.Can(Permission.LinkChannel, targets.FirstOrDefault(t => t.Is(p))?.Scope ?? AccessScope.Programme));
        if (foreign is not null)
        {
            var name = targets.FirstOrDefault(t => t.Is(foreign))?.Name(language) ?? cards.Text("link.anotherGroup", language);
            return await FormAsync(turn, choice, string.Format(System.Globalization.CultureInfo.InvariantCulture, cards.Text("link.notAllowedPrevious", language), name), null, ct, targets);
        }

        foreach (var p in previous) p.ConversationRecordId = null;
        await db.SaveChangesAsync(ct);

        var group = await db.WorkGroups.FirstOrDefaultAsync(
            w => w.CampaignId == target.Theme.CampaignId && w.ThemeId == target.Theme.Id && w.Kind == target.Kind && w.TeamId == target.TeamId, ct);
        if (group is null)
        {
            group = new WorkGroup { Kind = target.Kind, CampaignId = target.Theme.CampaignId, ThemeId = target.Theme.Id, TeamId = target.TeamId };
            db.WorkGroups.Add(group);
        }

        group.ConversationRecordId = conversation.Id;
        group.LinkedByPersonId = caller.Person?.Id;
        group.LinkedAt = now;
        await db.SaveChangesAsync(ct);
        return await FormAsync(turn, choice, null, string.Format(System.Globalization.CultureInfo.InvariantCulture, cards.Text("link.done", language), target.Name(language)), ct, targets);
    }

    private async Task<CardActionResult> FormAsync(TurnContext turn, string? selected, string? error, string? done, CancellationToken ct,
        IReadOnlyList<LinkTarget>? loaded = null)
    {
        var language = turn.Language;
        if (!IsChannel(turn)) return CardActionResult.Message(cards.Text("link.notChannel", language));
        var caller = await callers.ResolveAsync(turn, ct);
        if (!caller.CanSomewhere(Permission.LinkChannel)) return CardActionResult.Message(cards.Text("link.notAllowed", language));

        var targets = loaded ?? await AllTargetsAsync(ct);
        var choices = targets.Where(t => caller.Can(Permission.LinkChannel, t.Scope))
            .Select(t => new LinkChoice(t.Name(language), t.Value)).ToList();
        var current = await CurrentLinkAsync(ChannelConversationId(turn), targets, language, ct);
        var data = new LinkCard(choices, selected ?? "", error ?? "", done ?? "", current ?? "");
        return CardActionResult.Card(cards.Render(Card, data, language));
    }

    private async Task<string?> CurrentLinkAsync(string conversationId, IReadOnlyList<LinkTarget> targets, string language, CancellationToken ct)
    {
        var group = await (from w in db.WorkGroups
                           join c in db.Conversations on w.ConversationRecordId equals c.Id
                           where c.ConversationId == conversationId
                           select w).FirstOrDefaultAsync(ct);
        return group is null ? null : targets.FirstOrDefault(t => t.Is(group))?.Name(language);
    }

    private async Task<IReadOnlyList<LinkTarget>> AllTargetsAsync(CancellationToken ct)
    {
        var live = (await phases.ContextAsync(ct)).LiveIds.ToList();
        var themes = await db.Themes.AsNoTracking().Where(t => live.Contains(t.CampaignId))
            .OrderBy(t => t.DisciplineCode).ThenBy(t => t.Number).ToListAsync(ct);
        // Two live campaigns (the working one, the next call) have teams of the same name: each line then says its campaign.
        var codes = await db.Campaigns.AsNoTracking().Where(c => live.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Code, ct);
        string? CampaignOf(Theme t) => codes.Count > 1 ? codes.GetValueOrDefault(t.CampaignId) : null;
        var teams = await db.AcademicTeams.AsNoTracking().Where(t => themes.Select(th => th.Id).Contains(t.ThemeId))
            .OrderBy(t => t.ThemeId).ThenBy(t => t.AcademyCode).ThenBy(t => t.Name).ToListAsync(ct);
        return
        [
            .. themes.Select(th => new LinkTarget(GroupKind.National, th, null, themes, CampaignOf(th))),
            .. teams.Select(t => themes.First(th => th.Id == t.ThemeId)).Zip(teams, (th, t) => new LinkTarget(GroupKind.Academic, th, t, themes, CampaignOf(th))),
        ];
    }

    /// <summary>
    /// The channel's own conversation: Teams addresses a message in a thread as "19:…@thread.tacv2;messageid=…", and
    /// the bot is installed per team, so a channel other than General has no record until it is linked.
    /// </summary>
    private async Task<Conversations.ConversationRecord> ChannelRecordAsync(TurnContext turn, DateTimeOffset now, CancellationToken ct)
    {
        var a = turn.Activity;
        var id = ChannelConversationId(turn);
        var record = await db.Conversations.FirstOrDefaultAsync(c => c.ConversationId == id, ct);
        if (record is null)
        {
            record = Conversations.ConversationRecord.From(a, id, ConversationTypes.Channel, now);
            db.Conversations.Add(record);
        }

        record.RefreshFrom(a, now);
        await db.SaveChangesAsync(ct);
        return record;
    }

    private static string ChannelConversationId(TurnContext turn) => turn.Activity.Conversation!.Id!.Split(';')[0];

    private static bool IsChannel(TurnContext turn) => turn.Activity.Conversation?.ConversationType == ConversationTypes.Channel;
}

/// <summary>A group the channel could be linked to; <see cref="Value"/> is what the card's choice carries.</summary>
internal sealed record LinkTarget(GroupKind Kind, Theme Theme, AcademicTeam? Team, IReadOnlyList<Theme> Themes, string? Campaign = null)
{
    public long? TeamId => Team?.Id;

    public string Value => Team is null ? $"national:{Theme.Id}" : $"team:{Team.Id}";

    public AccessScope Scope => Team is null ? AccessScope.ForTheme(Theme) : AccessScope.ForTeam(Team, Theme);

    public bool Is(WorkGroup group) => Theme.Id == group.ThemeId && Kind == group.Kind && TeamId == group.TeamId;

    public string Name(string language) =>
        GroupMembership.Name(new Membership(new WorkGroup { Kind = Kind, ThemeId = Theme.Id, TeamId = TeamId }, Theme, Team), Themes, language)
        + (Campaign is null ? "" : $" ({Campaign})");
}

/// <summary>Data of cards/people/link.json.</summary>
internal sealed record LinkCard(IReadOnlyList<LinkChoice> Choices, string Selected, string Error, string Done, string Current);

internal sealed record LinkChoice(string Title, string Value);
