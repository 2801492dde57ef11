using System.Globalization;
using System.Text.Json;
using TraAM.Bot.Cards;
using TraAM.Bot.Delivery;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Operations.Deliveries;

/// <summary>Builds cards/ops/deliveries.json for a page, in the caller's language and time zone.</summary>
internal sealed class DeliveriesCard(DeliveryProblems problems, CardTemplates cards, TimeProvider clock)
{
    public const string Name = "ops/deliveries";

    public async Task<JsonElement> RenderAsync(Caller caller, int page, string? notice, string language, CancellationToken ct)
    {
        var counts = await problems.CountAsync(ct);
        var pages = Math.Max(1, (counts.Total + DeliveryProblems.PageSize - 1) / DeliveryProblems.PageSize);
        var current = Math.Clamp(page, 1, pages);
        var rows = await problems.PageAsync(counts, current, language, ct);
        var zone = LocalTime.ZoneOf(caller.Person?.AcademyCode);
        string When(DateTimeOffset? at) => at is { } t ? DateText.DayAndTime(TimeZoneInfo.ConvertTime(t, zone).DateTime, language) : "";
        var data = new DeliveriesData(
            Format("ops.deliveries.asOf", language, When(clock.GetUtcNow())),
            notice ?? "",
            Count(counts.Unconfirmed), Count(counts.Failed), Count(counts.Unreachable),
            counts.Total == 0,
            [.. rows.Select(r => new DeliveriesRow(
                r.NotificationId?.ToString(CultureInfo.InvariantCulture) ?? "",
                r.Recipient,
                r.State switch
                {
                    NotificationState.Unconfirmed => cards.Text("ops.deliveries.unconfirmed", language),
                    NotificationState.Failed => cards.Text("ops.deliveries.failed", language),
                    _ => cards.Text("ops.deliveries.unreachable", language),
                },
                r.Card is null ? "" : Format("ops.deliveries.what", language, r.Card, When(r.DueAt), r.Attempts.ToString(CultureInfo.InvariantCulture)),
                r.Reason ?? "",
                r.State == NotificationState.Unconfirmed,
                r.State is NotificationState.Unconfirmed or NotificationState.Failed))],
            pages > 1 ? Format("ops.deliveries.page", language, current.ToString(CultureInfo.InvariantCulture), pages.ToString(CultureInfo.InvariantCulture)) : "",
            current > 1, (current - 1).ToString(CultureInfo.InvariantCulture),
            current < pages, (current + 1).ToString(CultureInfo.InvariantCulture),
            current.ToString(CultureInfo.InvariantCulture));
        return cards.Render(Name, data, language);
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private string Format(string key, string language, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, cards.Text(key, language), args);
}

/// <summary>Data of cards/ops/deliveries.json.</summary>
internal sealed record DeliveriesData(
    string AsOf, string Notice, string Unconfirmed, string Failed, string Unreachable, bool Empty, IReadOnlyList<DeliveriesRow> Rows,
    string Page, bool HasPrevious, string PreviousPage, bool HasNext, string NextPage, string CurrentPage);

/// <summary>A line: <see cref="Id"/> is the notification's ("" for an unreachable person, who has no action).</summary>
internal sealed record DeliveriesRow(string Id, string Recipient, string State, string What, string Reason, bool CanResend, bool CanAbandon);
