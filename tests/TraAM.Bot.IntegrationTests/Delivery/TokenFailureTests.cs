using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.Delivery;
using TraAM.Bot.IntegrationTests.Infrastructure;
using static TraAM.Bot.IntegrationTests.Infrastructure.DeliverySeed;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Delivery;

/// <summary>The bot's own token cannot be had (expired secret, Entra down): sending pauses, nothing is lost or left in doubt.</summary>
public sealed class TokenFailureTests(TraamApp app) : AppTest(app)
{
    // More than one run's workers and queue hold (Delivery__Concurrency 16, a queue of 32): enough that workers
    // dying one by one would leave the run stuck with its gate held.
    private const int Count = 60;

    [PostgresFact]
    public async Task A_failing_token_endpoint_sends_nothing_and_loses_nothing_and_the_next_run_sends_everything_once_it_recovers()
    {
        var people = new List<long>();
        for (var i = 0; i < Count; i++)
        {
            var person = await App.PersonAsync("Personne", $"N{i}", $"aad-{i}");
            await App.ChatAsync(person);
            people.Add(person.Id);
        }

        App.Clock.Advance(TimeSpan.FromHours(2)); // any token cached by an earlier test has expired: the next send needs a new one
        await App.EnqueueAsync([.. people.Select(id => Note(Recipient.Person(id), App.Clock.GetUtcNow()))]);

        App.Login.TokenFailure = HttpStatusCode.Unauthorized;
        using (var scope = App.Services.CreateScope())
        {
            // The Hangfire job itself, bounded: a run that never ends fails the test.
            await scope.ServiceProvider.GetRequiredService<OutboxDrainJob>().RunAsync(TestContext.Current.CancellationToken)
                .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }

        Assert.Empty(App.Connector.Activities);
        Assert.All(await App.NotificationsAsync(), n => Assert.Equal(NotificationState.Pending, n.State));
        var gate = App.Services.GetRequiredService<DrainGate>();
        Assert.True(gate.TryEnter(), "the drain gate is still held: this instance would never send again");
        gate.Exit();

        App.Login.TokenFailure = null;
        App.Clock.Advance(TimeSpan.FromMinutes(1)); // the next run of the every-minute job, nobody stepping in
        await App.DrainAsync();

        var perConversation = App.Connector.Activities.GroupBy(a => a.Path).Select(g => g.Count()).ToList();
        Assert.Equal(Count, perConversation.Count);
        Assert.All(perConversation, c => Assert.Equal(1, c));
        Assert.All(await App.NotificationsAsync(), n => Assert.Equal(NotificationState.Sent, n.State));
    }
}
