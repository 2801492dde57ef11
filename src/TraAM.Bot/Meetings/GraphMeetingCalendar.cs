using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.Events.Item.Cancel;
using Microsoft.Kiota.Abstractions;

namespace TraAM.Bot.Meetings;

/// <summary>
/// The organiser's Exchange calendar through the Microsoft.Graph SDK, app-only. The SDK's default pipeline retries
/// 429/503/504 after Retry-After; because it re-sends POSTs, every create carries a transactionId (see <see cref="CreateAsync"/>).
/// </summary>
public sealed class GraphMeetingCalendar(GraphServiceClient graph, GraphOptions options, ILogger<GraphMeetingCalendar> log) : IMeetingCalendar
{
    public async Task<CalendarEntry> CreateAsync(MeetingInvite invite, CancellationToken ct) => await Guard(async () =>
    {
        var events = graph.Users[options.Organizer].Events;
        // A crash between Graph's answer and our save leaves an event we do not know: look it up before creating.
        var found = await events.GetAsync(r =>
        {
            r.QueryParameters.Filter = $"transactionId eq '{invite.TransactionId}'";
            r.QueryParameters.Top = 1;
        }, ct);
        var ev = found?.Value?.FirstOrDefault();
        if (ev is null)
            ev = await events.PostAsync(ToEvent(invite, withTransaction: true), cancellationToken: ct)
                 ?? throw new MeetingCalendarException(MeetingCalendarFailure.Unavailable, "Microsoft Graph n'a pas renvoyé l'événement créé.");
        else
            log.LogInformation("Meeting {MeetingId}: event found by transactionId, not created again", invite.MeetingId);
        var join = ev.OnlineMeeting?.JoinUrl;
        return new CalendarEntry(ev.Id, ev.ICalUId, join, join is null ? null : await OnlineMeetingIdAsync(join, ct));
    });

    public async Task UpdateAsync(string eventId, MeetingInvite invite, CancellationToken ct) => await Guard(async () =>
    {
        await graph.Users[options.Organizer].Events[eventId].PatchAsync(ToEvent(invite, withTransaction: false), cancellationToken: ct);
        return true;
    });

    public async Task CancelAsync(string eventId, string comment, CancellationToken ct) => await Guard(async () =>
    {
        try
        {
            await graph.Users[options.Organizer].Events[eventId].Cancel.PostAsync(new CancelPostRequestBody { Comment = comment }, cancellationToken: ct);
        }
        catch (ODataError e) when (e.ResponseStatusCode == 404)
        {
            log.LogInformation("Event of a cancelled meeting already gone; nothing to cancel");
        }

        return true;
    });

    private static Event ToEvent(MeetingInvite invite, bool withTransaction)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(invite.TimeZoneId);
        // Graph reads dateTime as a wall time in timeZone: send the organiser's local time and its IANA zone.
        string Local(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, zone).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var ev = new Event
        {
            Subject = invite.Subject,
            Body = new ItemBody { ContentType = BodyType.Text, Content = invite.Agenda },
            Start = new DateTimeTimeZone { DateTime = Local(invite.StartUtc), TimeZone = invite.TimeZoneId },
            End = new DateTimeTimeZone { DateTime = Local(invite.EndUtc), TimeZone = invite.TimeZoneId },
            Attendees = invite.Attendees.Select(a => new Attendee
            {
                EmailAddress = new EmailAddress { Address = a.Email, Name = a.Name },
                Type = AttendeeType.Required,
            }).ToList(),
            IsOnlineMeeting = invite.Online,
        };
        // The SDK sends every property that was set, even to null: a null transactionId on PATCH is a change Graph
        // refuses (it cannot change after creation), so only the create sets it.
        if (invite.Online) ev.OnlineMeetingProvider = OnlineMeetingProviderType.TeamsForBusiness;
        if (withTransaction) ev.TransactionId = invite.TransactionId;
        return ev;
    }

    /// <summary>
    /// The online meeting behind the join URL, kept for the minutes (transcripts, attendance). It needs the organiser's
    /// object id and OnlineMeetings permissions; without them the meeting still works and the id stays empty.
    /// </summary>
    private async Task<string?> OnlineMeetingIdAsync(string joinUrl, CancellationToken ct)
    {
        try
        {
            var user = await graph.Users[options.Organizer].GetAsync(cancellationToken: ct);
            if (user?.Id is null) return null;
            var meetings = await graph.Users[user.Id].OnlineMeetings.GetAsync(r => r.QueryParameters.Filter = $"JoinWebUrl eq '{joinUrl}'", ct);
            return meetings?.Value?.FirstOrDefault()?.Id;
        }
        catch (ODataError e) when (e.ResponseStatusCode is 403 or 404)
        {
            log.LogWarning("Online meeting id not readable ({Status}): the minutes will not get Graph's transcript", e.ResponseStatusCode);
            return null;
        }
    }

    /// <summary>Graph errors become French messages for the TN3 expert and the admin; the log keeps the status, not the body.</summary>
    private async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ODataError e) when (e.ResponseStatusCode == 403)
        {
            log.LogWarning("Graph refused the calendar call (403 {Code})", e.Error?.Code);
            throw new MeetingCalendarException(MeetingCalendarFailure.PermissionMissing,
                "Microsoft Graph refuse l'accès à l'agenda de l'organisateur : l'application n'a pas la permission Calendars.ReadWrite, "
                + "ou la stratégie d'accès Exchange n'inclut pas cette boîte. Un administrateur doit l'accorder (voir le README, section Meetings).", e);
        }
        catch (ODataError e)
        {
            log.LogWarning("Graph refused the calendar call ({Status} {Code})", e.ResponseStatusCode, e.Error?.Code);
            throw new MeetingCalendarException(MeetingCalendarFailure.Refused,
                $"Microsoft Graph a refusé la demande ({e.ResponseStatusCode}, {e.Error?.Code}) : vérifiez Graph__Organizer et les réglages Graph.", e);
        }
        catch (Exception e) when (e is AggregateException { InnerException: ApiException } or ApiException or HttpRequestException)
        {
            log.LogWarning("Graph unavailable after the SDK's retries ({Type})", e.GetType().Name);
            throw new MeetingCalendarException(MeetingCalendarFailure.Unavailable,
                "Microsoft Graph ne répond pas pour l'instant (limitation ou panne) : la réunion sera réessayée plus tard.", e);
        }
    }
}
