using System.Globalization;
using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.People.Access;

/// <summary>
/// "retirer rôle" / "remove role": choose a person by e-mail, see the roles of theirs the caller may take away
/// (<see cref="AccessPolicy.ToManage"/>: admins any, a TN3 expert their discipline's teams and inspectors), pick one,
/// confirm. Every step is checked again from the directory: the card only carries what was typed and chosen.
/// </summary>
internal sealed class RemoveRole(CallerResolver callers, RoleRevocation revocation, CardTemplates cards) : ITurnHandler, ICardActionHandler
{
    public const string FindVerb = "role.remove.find";
    public const string PickVerb = "role.remove.pick";
    public const string ConfirmVerb = "role.remove.confirm";
    public const string Card = "people/remove-role";

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var result = await AnswerAsync(turn, null, null, null, cancellationToken);
        if (result is CardActionResult.CardResult card) await turn.SendCardAsync(card.CardJson, cancellationToken);
        else if (result is CardActionResult.MessageResult message) await turn.SendTextAsync(message.Text, cancellationToken);
    }

    public Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken) =>
        AnswerAsync(turn, Text(data, "verb"), Text(data, "email"), Text(data, "role"), cancellationToken);

    private async Task<CardActionResult> AnswerAsync(TurnContext turn, string? verb, string? email, string? roleId, CancellationToken ct)
    {
        var language = turn.Language;
        var caller = await callers.ResolveAsync(turn, ct);
        // ManageTeamRoles is the smaller of the two: whoever holds neither has nothing to take away.
        if (!caller.CanSomewhere(Permission.ManageTeamRoles)) return CardActionResult.Message(cards.Text("removeRole.notAllowed", language));
        var form = new RemoveRoleCard("find", email ?? "", "", [], "", "", "", "");
        if (verb is null) return Render(form, language);
        if (string.IsNullOrWhiteSpace(email) || await revocation.FindAsync(email, ct) is not { } found)
            return Render(form with { Error = Format("removeRole.notFound", language, email ?? "") }, language);

        var (person, roles) = found;
        var mine = roles.Where(caller.CanManage).ToList();
        var labels = await revocation.DescribeAsync(mine, language, ct);
        var selected = mine.FirstOrDefault(r => r.Id.ToString(CultureInfo.InvariantCulture) == roleId);
        if (verb == ConfirmVerb && selected is null) return CardActionResult.Message(cards.Text("removeRole.gone", language));
        if (mine.Count == 0) return Render(form with { Error = Format("removeRole.noRole", language, person.DisplayName) }, language);

        var pick = form with
        {
            Step = "pick",
            Person = person.DisplayName,
            Choices = [.. mine.Select(r => new RoleChoice(labels[r.Id], r.Id.ToString(CultureInfo.InvariantCulture)))],
            Selected = roleId ?? "",
        };
        if (verb == FindVerb) return Render(pick, language);
        if (selected is null) return Render(pick with { Error = cards.Text("removeRole.chooseRole", language) }, language);
        if (verb == PickVerb) return Render(pick with { Step = "confirm", Question = Format("removeRole.confirm", language, labels[selected.Id], person.DisplayName) }, language);

        var outcome = await revocation.RevokeAsync(selected.Id, caller, "card", ct);
        return outcome == RevocationOutcome.Revoked
            ? Render(pick with { Step = "done", Done = Format("removeRole.done", language, labels[selected.Id], person.DisplayName) }, language)
            : CardActionResult.Message(cards.Text(outcome == RevocationOutcome.AlreadyGone ? "removeRole.gone" : "removeRole.notAllowed", language));
    }

    private CardActionResult Render(RemoveRoleCard data, string language) => CardActionResult.Card(cards.Render(Card, data, language));

    private string Format(string key, string language, params object[] args) => string.Format(CultureInfo.InvariantCulture, cards.Text(key, language), args);

    private static string? Text(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>Data of cards/people/remove-role.json; <see cref="Step"/> is find, pick, confirm or done.</summary>
internal sealed record RemoveRoleCard(
    string Step, string Email, string Person, IReadOnlyList<RoleChoice> Choices, string Selected, string Question, string Done, string Error);

internal sealed record RoleChoice(string Title, string Value);
