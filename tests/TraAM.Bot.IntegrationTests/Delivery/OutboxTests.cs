using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.Delivery;
using TraAM.Bot.IntegrationTests.Infrastructure;
using static TraAM.Bot.IntegrationTests.Infrastructure.DeliverySeed;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Delivery;

/// <summary>The outbox on real PostgreSQL, its jobs driven directly, Teams answering through the recording Connector.</summary>
public sealed class OutboxTests(TraamApp app) : AppTest(app)
{
    private DateTimeOffset Now => App.Clock.GetUtcNow();

    /// <summary>Camille, whose Teams id the bot learned from an earlier message (so a chat can be created for her).</summary>
    private async Task<TraAM.Bot.People.Person> KnownToTeamsAsync()
    {
        var camille = await App.PersonAsync("Camille", "Martin", CamilleAad);
        await using var db = App.CreateDbContext();
        await db.People.Where(p => p.Id == camille.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.TeamsUserId, "29:camille"), TestContext.Current.CancellationToken);
        camille.TeamsUserId = "29:camille";
        return camille;
    }

    [PostgresFact]
    public async Task The_same_notification_asked_twice_is_one_notification_and_one_message()
    {
        var camille = await App.PersonAsync("Camille", "Martin", CamilleAad);
        await App.ChatAsync(camille);

        Assert.Equal(1, await App.EnqueueAsync(Note(Recipient.Person(camille.Id), Now)));
        Assert.Equal(0, await App.EnqueueAsync(Note(Recipient.Person(camille.Id), Now)));
        await App.DrainAsync();
        await App.DrainAsync();

        var sent = Assert.Single(App.Connector.Activities);
        Assert.EndsWith("/v3/conversations/a%3Achat-1/activities", sent.Path);
        var row = Assert.Single(await App.NotificationsAsync());
        Assert.Equal(NotificationState.Sent, row.State);
        Assert.NotNull(row.ActivityId);
        Assert.Contains("Inès Moreau n'a pas installé TraAM.Bot", string.Join(" ", sent.CardTexts));
    }

    [PostgresFact]
    public async Task A_notification_waits_for_its_time_and_is_rendered_in_the_recipients_language()
    {
        var emma = await App.PersonAsync("Emma", "Wilson", "aad-emma");
        await using (var db = App.CreateDbContext())
            await db.People.Where(p => p.Id == emma.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.PreferredLanguage, "en"), TestContext.Current.CancellationToken);
        await App.ChatAsync(emma);
        await App.EnqueueAsync(Note(Recipient.Person(emma.Id), Now.AddHours(2)));

        await App.DrainAsync();
        Assert.Empty(App.Connector.Activities);

        App.Clock.Advance(TimeSpan.FromHours(2));
        await App.DrainAsync();
        Assert.Contains("has not installed TraAM.Bot", string.Join(" ", Assert.Single(App.Connector.Activities).CardTexts));
    }

    [PostgresFact]
    public async Task Two_workers_draining_together_send_each_notification_once()
    {
        var recipients = new List<long>();
        for (var i = 0; i < 24; i++)
        {
            var p = await App.PersonAsync("Personne", $"N{i}", $"aad-{i}");
            await App.ChatAsync(p);
            recipients.Add(p.Id);
        }

        await App.EnqueueAsync([.. recipients.Select(id => Note(Recipient.Person(id), Now))]);
        var reports = (await Task.WhenAll(App.DrainAsync(), App.DrainAsync(), App.DrainAsync())).ToList();
        // On a loaded machine a request that cannot leave on time goes back to the queue, due at once ("machine trop
        // chargée"): later drains take it. What is tested is that no notification is ever posted twice.
        for (var round = 0; round < 20 && (await App.NotificationsAsync()).Any(n => n.State == NotificationState.Pending); round++)
            reports.Add(await App.DrainAsync());

        var perConversation = App.Connector.Activities.GroupBy(a => a.Path).Select(g => g.Count()).ToList();
        Assert.Equal(24, perConversation.Count);
        Assert.All(perConversation, c => Assert.Equal(1, c));
        Assert.Equal(24, reports.Sum(r => r.Sent));
        Assert.All(await App.NotificationsAsync(), n => Assert.Equal(NotificationState.Sent, n.State));
    }

    [PostgresFact]
    public async Task Teams_429_puts_the_notification_back_until_retry_after_then_it_goes()
    {
        var camille = await App.PersonAsync("Camille", "Martin", CamilleAad);
        await App.ChatAsync(camille);
        App.Connector.Respond = (_, path, n) => path.EndsWith("/activities", StringComparison.Ordinal) && n == 0
            ? RecordingConnector.Error(HttpStatusCode.TooManyRequests, "Throttled", retryAfterSeconds: 30) : null;
        await App.EnqueueAsync(Note(Recipient.Person(camille.Id), Now));

        var first = await App.DrainAsync();
        Assert.Equal(1, first.Retried);
        var waiting = Assert.Single(await App.NotificationsAsync());
        Assert.Equal(NotificationState.Pending, waiting.State);
        Assert.Equal(Now.AddSeconds(30), waiting.NextAttemptAt, TimeSpan.FromSeconds(1));

        App.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, (await App.DrainAsync()).Claimed);
        App.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, (await App.DrainAsync()).Sent);
        Assert.Equal(2, App.Connector.Activities.Count);
    }

    [PostgresFact]
    public async Task Blocked_messages_mark_the_person_unreachable_until_they_install_the_app_again()
    {
        var camille = await App.PersonAsync("Camille", "Martin", CamilleAad);
        await App.ChatAsync(camille);
        App.Connector.Respond = (_, path, _) => path.EndsWith("/activities", StringComparison.Ordinal)
            ? RecordingConnector.Error(HttpStatusCode.Forbidden, "MessageWritesBlocked") : null;
        await App.EnqueueAsync(Note(Recipient.Person(camille.Id), Now, "1"), Note(Recipient.Person(camille.Id), Now.AddMinutes(1), "2"));

        await App.DrainAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        await App.DrainAsync();

        Assert.Single(App.Connector.Activities); // the second was not even tried
        var rows = await App.NotificationsAsync();
        Assert.All(rows, n => Assert.Equal(NotificationState.Failed, n.State));
        Assert.Contains("MessageWritesBlocked", rows[0].FailureReason);
        await using var db = App.CreateDbContext();
        var person = await db.People.SingleAsync(p => p.Id == camille.Id, TestContext.Current.CancellationToken);
        Assert.False(person.IsReachable);
        Assert.Contains("bloquée", person.UnreachableReason);

        // She installs the app again: the bot may write to her again.
        await App.PostActivityAsync(Activities.From("installation-update-personal-add"));
        await using var after = App.CreateDbContext();
        Assert.True((await after.People.SingleAsync(p => p.Id == camille.Id, TestContext.Current.CancellationToken)).IsReachable);
    }

    [PostgresFact]
    public async Task Without_the_app_the_notification_fails_and_the_group_channel_hears_it_once()
    {
        var team = await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1);
        var group = await App.LinkedGroupAsync(team);
        var ines = await App.PersonAsync("Inès", "Moreau", null, Teacher(team));
        await App.EnqueueAsync(Note(Recipient.Person(ines.Id), Now, "1"), Note(Recipient.Person(ines.Id), Now, "2"));

        await App.DrainAsync();
        await App.DrainAsync(); // the group's message was queued by the first run

        var rows = await App.NotificationsAsync();
        Assert.All(rows.Where(r => r.PersonId == ines.Id), r => Assert.Equal(("application non installée", NotificationState.Failed), (r.FailureReason, r.State)));
        var told = Assert.Single(rows, r => r.WorkGroupId == group.Id);
        Assert.Equal(NotificationState.Sent, told.State);
        var message = Assert.Single(App.Connector.Activities);
        Assert.Contains("19%3Achannel-", message.Path);
        Assert.Contains("Inès Moreau n'a pas installé TraAM.Bot", string.Join(" ", message.CardTexts));
    }

    [PostgresFact]
    public async Task A_known_Teams_user_without_a_chat_gets_one_created_then_the_message()
    {
        var camille = await KnownToTeamsAsync();
        var team = await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1);
        await App.LinkedGroupAsync(team); // an installation: tells the tenant and serviceUrl
        await App.EnqueueAsync(Note(Recipient.Person(camille.Id), Now));

        Assert.Equal(1, (await App.DrainAsync()).Sent);

        var requests = App.Connector.Requests.ToList();
        Assert.Equal("/emea/v3/conversations", requests[0].Path);
        Assert.Equal("29:camille", requests[0].Body!["members"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(Tenant, requests[0].Body!["tenantId"]!.GetValue<string>());
        Assert.StartsWith("/emea/v3/conversations/a%3Acreated-", requests[1].Path);
        await using var check = App.CreateDbContext();
        Assert.True(await check.Conversations.AnyAsync(c => c.UserId == "29:camille" && c.IsActive, TestContext.Current.CancellationToken));
    }

    [PostgresFact]
    public async Task Creating_the_chat_waits_when_Teams_says_so_and_fails_as_not_installed_when_Teams_refuses()
    {
        var camille = await KnownToTeamsAsync();
        var team = await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1);
        await App.LinkedGroupAsync(team);
        var refuse = false;
        App.Connector.Respond = (method, path, n) => method == HttpMethod.Post && path.EndsWith("/v3/conversations", StringComparison.Ordinal)
            ? (refuse ? RecordingConnector.Error(HttpStatusCode.Forbidden, "BotNotInConversationRoster")
                : n == 0 ? RecordingConnector.Error(HttpStatusCode.TooManyRequests, "Throttled", retryAfterSeconds: 5) : null)
            : null;
        await App.EnqueueAsync(Note(Recipient.Person(camille.Id), Now, "1"));

        Assert.Equal(1, (await App.DrainAsync()).Retried);
        App.Clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, (await App.DrainAsync()).Claimed); // Retry-After: 5
        App.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, (await App.DrainAsync()).Sent);

        refuse = true;
        await using (var db = App.CreateDbContext()) // the chat disappeared meanwhile (app removed)
            await db.Conversations.Where(c => c.UserId == "29:camille").ExecuteUpdateAsync(s => s.SetProperty(c => c.IsActive, false), TestContext.Current.CancellationToken);
        await App.EnqueueAsync(Note(Recipient.Person(camille.Id), Now, "2"));
        await App.DrainAsync();
        var second = (await App.NotificationsAsync()).Single(n => n.Key.EndsWith("|2", StringComparison.Ordinal));
        Assert.Equal((NotificationState.Failed, "application non installée"), (second.State, second.FailureReason));
    }

    [PostgresFact]
    public async Task A_stale_chat_is_recreated_once_and_the_message_delivered()
    {
        var camille = await KnownToTeamsAsync();
        await App.ChatAsync(camille, "a:old-chat");
        App.Connector.Respond = (_, path, _) => path.Contains("a%3Aold-chat", StringComparison.Ordinal)
            ? RecordingConnector.Error(HttpStatusCode.NotFound, "ConversationNotFound") : null;
        await App.EnqueueAsync(Note(Recipient.Person(camille.Id), Now));

        await App.DrainAsync();

        var paths = App.Connector.Requests.Select(r => r.Path).ToList();
        Assert.Equal(3, paths.Count);
        Assert.EndsWith("/v3/conversations", paths[1]);
        Assert.Contains("a%3Acreated-", paths[2]);
        Assert.Equal(NotificationState.Sent, Assert.Single(await App.NotificationsAsync()).State);
    }

    [PostgresFact]
    public async Task A_lost_answer_is_kept_unconfirmed_and_never_sent_again()
    {
        var camille = await App.PersonAsync("Camille", "Martin", CamilleAad);
        await App.ChatAsync(camille);
        App.Connector.Respond = (_, path, _) => path.EndsWith("/activities", StringComparison.Ordinal)
            ? RecordingConnector.Error(HttpStatusCode.BadGateway, "BadGateway") : null;
        await App.EnqueueAsync(Note(Recipient.Person(camille.Id), Now));

        Assert.Equal(1, (await App.DrainAsync()).Unconfirmed);
        App.Clock.Advance(TimeSpan.FromHours(1));
        await App.DrainAsync();

        Assert.Single(App.Connector.Activities);
        Assert.Equal(NotificationState.Unconfirmed, Assert.Single(await App.NotificationsAsync()).State);
    }

    [PostgresFact]
    public async Task A_worker_killed_mid_send_leaves_an_unconfirmed_row_that_nobody_resends()
    {
        var camille = await App.PersonAsync("Camille", "Martin", CamilleAad);
        await App.ChatAsync(camille);
        await App.EnqueueAsync(Note(Recipient.Person(camille.Id), Now));
        await using (var db = App.CreateDbContext()) // what a kill -9 between "sending" and Teams' answer leaves behind
        {
            await db.Notifications.ExecuteUpdateAsync(s => s.SetProperty(n => n.State, NotificationState.Sending)
                .SetProperty(n => n.SendingSince, Now).SetProperty(n => n.LeaseOwner, "dead-worker"), TestContext.Current.CancellationToken);
        }

        await App.DrainAsync();
        Assert.Equal(NotificationState.Sending, Assert.Single(await App.NotificationsAsync()).State); // may still be in flight

        App.Clock.Advance(TimeSpan.FromMinutes(3));
        var report = await App.DrainAsync();
        Assert.Equal(1, report.Unconfirmed);
        Assert.Empty(App.Connector.Activities);
        Assert.Equal(NotificationState.Unconfirmed, Assert.Single(await App.NotificationsAsync()).State);
    }

    [PostgresFact]
    public async Task A_notification_past_its_expiry_is_cancelled_not_sent_late()
    {
        var camille = await App.PersonAsync("Camille", "Martin", CamilleAad);
        await App.ChatAsync(camille);
        await App.EnqueueAsync(Note(Recipient.Person(camille.Id), Now, expires: Now.AddHours(1)));

        App.Clock.Advance(TimeSpan.FromHours(2)); // the bot was down meanwhile
        Assert.Equal(1, (await App.DrainAsync()).Cancelled);

        Assert.Empty(App.Connector.Activities);
        Assert.Contains("échéance passée", Assert.Single(await App.NotificationsAsync()).FailureReason);
    }

    [PostgresFact]
    public async Task A_message_sent_over_an_hour_late_says_when_it_was_due()
    {
        var camille = await App.PersonAsync("Camille", "Martin", CamilleAad, Referent(await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1)));
        await App.ChatAsync(camille);
        var due = Now;
        await App.EnqueueAsync(Note(Recipient.Person(camille.Id), due));

        App.Clock.Advance(TimeSpan.FromHours(3)); // the bot was down
        await App.DrainAsync();

        var text = Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>();
        var paris = TimeZoneInfo.ConvertTime(due, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        Assert.StartsWith("⏰ Message envoyé en retard : il était prévu le ", text, StringComparison.Ordinal);
        Assert.Contains(paris.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Finished_notifications_are_forgotten_after_the_retention_and_pending_ones_kept()
    {
        var camille = await App.PersonAsync("Camille", "Martin", CamilleAad);
        await App.ChatAsync(camille);
        await App.EnqueueAsync(Note(Recipient.Person(camille.Id), Now, "old"), Note(Recipient.Person(camille.Id), Now.AddDays(200), "future"));
        await App.DrainAsync();

        await using (var db = App.CreateDbContext()) // 91 days later (not by moving the clock all the other tests share)
        {
            await db.Notifications.ExecuteUpdateAsync(s => s.SetProperty(n => n.CreatedAt, n => n.CreatedAt.AddDays(-91)), TestContext.Current.CancellationToken);
        }

        using (var scope = App.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<PurgeDeliveryJob>().RunAsync(TestContext.Current.CancellationToken);

        var left = Assert.Single(await App.NotificationsAsync());
        Assert.Equal(("future", NotificationState.Pending), (left.Key.Split('|')[^1], left.State));
    }

    [PostgresFact]
    public async Task The_shared_limiter_spaces_a_tenants_requests_and_lets_a_conversation_burst_twice()
    {
        var wall = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var limiter = new RateLimiter(wall); // its own clock, frozen: the waits are exact
        await using var db = App.CreateDbContext();
        var ct = TestContext.Current.CancellationToken;
        var tenant = new List<double>();
        for (var i = 0; i < 5; i++) tenant.Add((await limiter.ReserveAsync(db, [("tenant:test", TeamsLimits.Tenant(50))], ct)).TotalMilliseconds);
        var conversation = new List<double>();
        for (var i = 0; i < 4; i++)
            conversation.Add((await limiter.ReserveAsync(db, [.. TeamsLimits.Conversation.Select(r => ($"conv:{r.Name}:a:1", r))], ct)).TotalMilliseconds);

        Assert.Equal([0, 20, 40, 60, 80], tenant);
        // Two at once, then the pace of the hour window (3,600 s / 1,750), which is the tightest in the long run.
        Assert.Equal([0, 0, 2057, 4114], conversation.Select(w => Math.Round(w)));
        wall.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, (await limiter.ReserveAsync(db, [("tenant:test", TeamsLimits.Tenant(50))], ct)).TotalMilliseconds);
    }
}
