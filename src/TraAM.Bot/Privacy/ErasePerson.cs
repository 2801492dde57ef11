using System.Globalization;
using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Privacy;

/// <summary>
/// "personne supprimer &lt;e-mail&gt;" / "forget person &lt;e-mail&gt;" (RGPD art. 17), admins only
/// (<see cref="Permission.ErasePerson"/>): a card says who and what will change, with counts; "Confirmer" erases.
/// The confirmation is checked again from the sender's roles, and names a person by id and e-mail: a card changed by
/// hand, or a person erased meanwhile, changes nothing.
/// </summary>
internal sealed class ErasePerson(CallerResolver callers, PersonEraser eraser, CardTemplates cards) : ITurnHandler, ICardActionHandler
{
    public const string ConfirmVerb = "privacy.erase.confirm";
    public const string Card = "privacy/erase";

    public async Task HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (!caller.Can(Permission.ErasePerson, AccessScope.Programme))
        {
            await turn.SendTextAsync(cards.Text("privacy.erase.notAllowed", language), cancellationToken);
            return;
        }

        var email = turn.Command.Arguments.Trim();
        if (email.Length == 0)
        {
            await turn.SendTextAsync(cards.Text("privacy.erase.usage", language), cancellationToken);
            return;
        }

        if (await eraser.FindAsync(email, cancellationToken) is not { } person)
        {
            await turn.SendTextAsync(Format("privacy.erase.notFound", language, email), cancellationToken);
            return;
        }

        var counts = await eraser.PlanAsync(person, cancellationToken);
        var label = PersonEraser.Label(person.Id);
        var data = new EraseCard("confirm", Id(person.Id), person.Email, Format("privacy.erase.question", language, person.DisplayName, person.Email),
            Format("privacy.erase.explain", language, label), Lines(counts, language));
        await turn.SendCardAsync(cards.Render(Card, data, language), cancellationToken);
    }

    public async Task<CardActionResult> HandleAsync(TurnContext turn, JsonElement data, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        var caller = await callers.ResolveAsync(turn, cancellationToken);
        if (!caller.Can(Permission.ErasePerson, AccessScope.Programme))
            return CardActionResult.Message(cards.Text("privacy.erase.notAllowed", language));

        var person = await eraser.FindAsync(Text(data, "email"), cancellationToken);
        if (person is null || Id(person.Id) != Text(data, "personId") || await eraser.EraseAsync(person.Id, cancellationToken) is not { } counts)
            return CardActionResult.Message(cards.Text("privacy.erase.gone", language));

        var done = new EraseCard("done", Id(person.Id), "", Format("privacy.erase.done", language, PersonEraser.Label(person.Id)), "", Lines(counts, language));
        return CardActionResult.Card(cards.Render(Card, done, language));
    }

    private IReadOnlyList<EraseLine> Lines(ErasureCounts c, string language) =>
    [
        Line("roles", c.Roles, language), Line("conversations", c.Conversations, language), Line("pending", c.PendingNotifications, language),
        Line("notifications", c.Notifications, language), Line("authored", c.AuthoredRecords, language), Line("meetings", c.MeetingInvitations, language),
        Line("files", c.Files, language),
    ];

    private EraseLine Line(string key, int count, string language) => new(cards.Text($"privacy.erase.lines.{key}", language), Id(count));

    private string Format(string key, string language, params object[] args) => string.Format(CultureInfo.InvariantCulture, cards.Text(key, language), args);

    private static string Text(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";

    private static string Id(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Data of cards/privacy/erase.json; <see cref="Step"/> is confirm or done.</summary>
internal sealed record EraseCard(string Step, string PersonId, string Email, string Message, string Explain, IReadOnlyList<EraseLine> Lines);

internal sealed record EraseLine(string Label, string Count);
