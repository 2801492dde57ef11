using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.Meetings;

namespace TraAM.Bot.IntegrationTests.Meetings;

/// <summary>
/// The bot's Graph calendar, registered as the bot registers it (settings, SDK, retry handler), against the shared
/// fake of Graph in its own process: what Exchange would hold is read back through the fake's control API.
/// </summary>
public sealed class GraphCalendarTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 10, 20, 8, 0, 0, TimeSpan.Zero); // 10:00 in Paris
    private FakeGraph _graph = null!;
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        _graph = await FakeGraph.StartAsync();
        _services = Services(_graph);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task Creating_puts_a_Teams_event_with_our_transactionId_in_the_organisers_calendar()
    {
        var invite = Invite();
        var entry = await Calendar.CreateAsync(invite, TestContext.Current.CancellationToken);

        Assert.NotNull(entry.EventId);
        Assert.NotNull(entry.ICalUId);
        Assert.StartsWith("https://teams.microsoft.com/l/meetup-join/", entry.JoinUrl, StringComparison.Ordinal);
        Assert.NotNull(entry.OnlineMeetingId); // the seam the minutes will read transcripts and attendance from
        var ev = Assert.Single(await _graph.EventsAsync());
        Assert.Equal(invite.TransactionId, ev!["transactionId"]!.GetValue<string>());
        Assert.True(ev["isOnlineMeeting"]!.GetValue<bool>());
        Assert.Equal("teamsForBusiness", ev["onlineMeetingProvider"]!.GetValue<string>());
        Assert.Equal(Start, DateTimeOffset.Parse(ev["start"]!["dateTime"]!.GetValue<string>() + "Z", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, ev["attendees"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_retry_after_a_crash_finds_the_same_event_through_the_transactionId()
    {
        var invite = Invite();
        var first = await Calendar.CreateAsync(invite, TestContext.Current.CancellationToken);
        // The bot crashed before saving the event id: the job runs again with the same meeting.
        var again = await Calendar.CreateAsync(invite, TestContext.Current.CancellationToken);

        Assert.Equal(first.EventId, again.EventId);
        Assert.Single(await _graph.EventsAsync());
        var log = await _graph.LogAsync();
        Assert.Single(log, e => e!["method"]!.GetValue<string>() == "POST" && e["path"]!.GetValue<string>().EndsWith("/events", StringComparison.Ordinal));
        Assert.Contains(log, e => e!["method"]!.GetValue<string>() == "GET" && (e["query"]?.ToJsonString() ?? "").Contains("transactionId", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lost_answer_retried_by_the_SDK_still_makes_one_event()
    {
        await _graph.FaultAsync(504, 1, "^POST .*/events$", afterCommit: true);
        var entry = await Calendar.CreateAsync(Invite(), TestContext.Current.CancellationToken);

        Assert.NotNull(entry.EventId);
        Assert.Single(await _graph.EventsAsync());
    }

    [Fact]
    public async Task Throttling_429_is_absorbed_by_the_retry_handler()
    {
        await _graph.FaultAsync(429, 2, "^POST .*/events$");
        var entry = await Calendar.CreateAsync(Invite(), TestContext.Current.CancellationToken);

        Assert.NotNull(entry.JoinUrl);
        var log = await _graph.LogAsync();
        Assert.Equal(2, log.Count(e => e!["status"]!.GetValue<int>() == 429));
        Assert.Single(await _graph.EventsAsync());
    }

    [Fact]
    public async Task Graph_down_after_the_retries_is_a_French_message_not_a_stack_trace()
    {
        await _graph.FaultAsync(503, 10, "^POST .*/events$");
        var error = await Assert.ThrowsAsync<MeetingCalendarException>(() => Calendar.CreateAsync(Invite(), TestContext.Current.CancellationToken));

        Assert.Equal(MeetingCalendarFailure.Unavailable, error.Failure);
        Assert.Contains("Microsoft Graph ne répond pas", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rescheduling_moves_the_event_and_replaying_it_changes_nothing_more()
    {
        var invite = Invite();
        var entry = await Calendar.CreateAsync(invite, TestContext.Current.CancellationToken);
        var moved = invite with { StartUtc = Start.AddDays(1).AddHours(5), Subject = "Point d'étape (déplacé)" };
        await Calendar.UpdateAsync(entry.EventId!, moved, TestContext.Current.CancellationToken);
        await Calendar.UpdateAsync(entry.EventId!, moved, TestContext.Current.CancellationToken);

        var ev = Assert.Single(await _graph.EventsAsync());
        Assert.Equal("Point d'étape (déplacé)", ev!["subject"]!.GetValue<string>());
        Assert.StartsWith("2026-10-21T13:00:00", ev["start"]!["dateTime"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(invite.TransactionId, ev["transactionId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancelling_is_replayable()
    {
        var entry = await Calendar.CreateAsync(Invite(), TestContext.Current.CancellationToken);
        await Calendar.CancelAsync(entry.EventId!, "Réunion annulée / Meeting cancelled", TestContext.Current.CancellationToken);
        await Calendar.CancelAsync(entry.EventId!, "Réunion annulée / Meeting cancelled", TestContext.Current.CancellationToken);

        var ev = Assert.Single(await _graph.EventsAsync());
        Assert.True(ev!["isCancelled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Without_Calendars_ReadWrite_the_expert_gets_a_clear_French_message()
    {
        await using var narrow = await FakeGraph.StartAsync(roles: "User.Read.All");
        await using var services = Services(narrow);
        var calendar = services.GetRequiredService<IMeetingCalendar>();

        var error = await Assert.ThrowsAsync<MeetingCalendarException>(() => calendar.CreateAsync(Invite(), TestContext.Current.CancellationToken));

        Assert.Equal(MeetingCalendarFailure.PermissionMissing, error.Failure);
        Assert.Contains("Calendars.ReadWrite", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", error.Message, StringComparison.Ordinal);
        Assert.Empty(await narrow.EventsAsync());
    }

    [Fact]
    public void Without_an_organiser_the_bot_uses_the_ics_fallback()
    {
        using var services = Services(null);
        Assert.IsType<IcsMeetingCalendar>(services.GetRequiredService<IMeetingCalendar>());
    }

    [Fact]
    public void An_organiser_without_credentials_is_refused_at_start_in_French()
    {
        using var services = Services(null, new() { ["Graph:Organizer"] = FakeGraph.Organizer });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GraphOptions>>().Value);
        Assert.Contains("Graph__TenantId", error.Message, StringComparison.Ordinal);
    }

    private IMeetingCalendar Calendar => _services.GetRequiredService<IMeetingCalendar>();

    private static MeetingInvite Invite() => new(Guid.NewGuid(), "Point d'étape TraAM", "1. Tour de table\n2. Productions",
        Start, TimeSpan.FromHours(1), "Europe/Paris",
        [new MeetingAttendee("Léa Petit", "lea.petit@ac-test.fr"), new MeetingAttendee("Marc Durand", "marc.durand@ac-test.fr")], Online: true);

    private static ServiceProvider Services(FakeGraph? graph, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>();
        if (graph is not null)
        {
            settings["Graph:TenantId"] = FakeGraph.Tenant;
            settings["Graph:ClientId"] = FakeGraph.ClientId;
            settings["Graph:ClientSecret"] = FakeGraph.Secret;
            settings["Graph:BaseUrl"] = graph.BaseUrl;
            settings["Graph:TokenEndpoint"] = graph.TokenEndpoint;
            settings["Graph:Organizer"] = FakeGraph.Organizer;
        }

        foreach (var (key, value) in extra ?? []) settings[key] = value;
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddSingleton(TimeProvider.System)
            .AddLogging();
        services.AddOptions<TraAM.Bot.Protocol.BotProtocolOptions>();
        services.AddMeetings();
        return services.BuildServiceProvider();
    }
}
