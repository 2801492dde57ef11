using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.People;
using TraAM.Bot.Reference;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Delivery;

/// <summary>A notification as the message Teams shows: its card in the recipient's language, saying so when it is late.</summary>
internal sealed class NotificationRenderer(CardTemplates cards, TimeProvider clock)
{
    /// <summary>Sent this long after it was due, a message says it is late and when it was meant for.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromHours(1);

    // asUpdate: an update in place of a message already shown is never "late".
    public Activity Render(Notification n, string language, Person? person, bool asUpdate = false)
    {
        using var data = JsonDocument.Parse(n.DataJson);
        var card = cards.RenderElement(n.Card, LocalizedData.For(data.RootElement, language), language);
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Attachments = [Attachment.AdaptiveCard(card)],
            // The line the Teams notification shows, and what an assistive reader announces first.
            Summary = cards.Text("delivery.summary", language),
        };

        // Late because the bot (or Teams) was unavailable: say so rather than pretend it is on time.
        var now = clock.GetUtcNow();
        if (!asUpdate && now - n.DueAt > LateAfter)
        {
            var zone = LocalTime.ZoneOf(person?.AcademyCode);
            var planned = TimeZoneInfo.ConvertTime(n.DueAt, zone);
            var culture = Languages.Culture(language);
            activity.Text = string.Format(culture, cards.Text("delivery.late", language), planned.ToString(language == Languages.English ? "dddd d MMMM, HH:mm" : "dddd d MMMM à HH:mm", culture));
        }

        return activity;
    }
}
