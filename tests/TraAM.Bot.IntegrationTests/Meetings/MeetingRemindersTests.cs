using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TraAM.Bot.Delivery;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.Meetings;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Meetings;

/// <summary>J-1 and 1 h reminders in the outbox: planned once, replaced by a reschedule, dropped by a cancellation, sent as the card.</summary>
public sealed class MeetingRemindersTests(TraamApp app) : AppTest(app)
{
    [PostgresFact]
    public async Task Reminders_are_planned_once_per_invitee_and_occurrence()
    {
        var (meeting, _) = await SeedAsync(App.Clock.GetUtcNow().AddDays(3));

        Assert.Equal(4, await PlanAsync(meeting.Id));
        Assert.Equal(0, await PlanAsync(meeting.Id));

        var pending = await PendingAsync();
        Assert.Equal(["r0:1h", "r0:1h", "r0:j-1", "r0:j-1"], pending.Select(n => n.Key.Split('|')[3]).Order(StringComparer.Ordinal));
        // PostgreSQL keeps microseconds, the fake clock ticks: compare to the millisecond.
        Assert.Equal(2, pending.Count(n => Near(n.DueAt, meeting.StartUtc.AddDays(-1))));
        Assert.Equal(2, pending.Count(n => Near(n.DueAt, meeting.StartUtc.AddHours(-1))));
        Assert.All(pending, n => Assert.True(Near(n.ExpiresAt!.Value, meeting.StartUtc)));
    }

    [PostgresFact]
    public async Task A_reschedule_replaces_the_reminders_and_a_cancellation_drops_them()
    {
        var (meeting, _) = await SeedAsync(App.Clock.GetUtcNow().AddDays(3));
        await PlanAsync(meeting.Id);
        var moved = App.Clock.GetUtcNow().AddDays(5);
        await using (var db = App.CreateDbContext())
        {
            await db.Meetings.Where(m => m.Id == meeting.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.StartUtc, moved).SetProperty(m => m.Revision, 1),
                TestContext.Current.CancellationToken);
        }

        Assert.Equal(4, await PlanAsync(meeting.Id));
        var pending = await PendingAsync();
        Assert.Equal(4, pending.Count);
        Assert.All(pending, n => Assert.StartsWith("r1:", n.Key.Split('|')[3], StringComparison.Ordinal));

        await using (var db = App.CreateDbContext())
        {
            await db.Meetings.Where(m => m.Id == meeting.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.State, MeetingState.Cancelled),
                TestContext.Current.CancellationToken);
        }

        await PlanAsync(meeting.Id);
        Assert.Empty(await PendingAsync());
    }

    [PostgresFact]
    public async Task The_day_before_the_invitee_gets_the_card_in_their_personal_chat()
    {
        var (meeting, _) = await SeedAsync(App.Clock.GetUtcNow().AddDays(2));
        await PlanAsync(meeting.Id);

        App.Clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromMinutes(1)));
        await App.DrainAsync();

        Assert.Equal(2, App.Connector.Activities.Count); // the external invitee has no chat with the bot: Exchange told them
        Assert.All(App.Connector.Activities, sent =>
        {
            Assert.Contains("📅 Réunion demain", sent.CardTexts);
            Assert.Contains("Point d'étape TraAM", sent.CardTexts);
        });
    }

    private static bool Near(DateTimeOffset a, DateTimeOffset b) => (a - b).Duration() < TimeSpan.FromMilliseconds(1);

    private async Task<int> PlanAsync(Guid id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MeetingReminders>().PlanAsync(id, TestContext.Current.CancellationToken);
    }

    private async Task<List<Notification>> PendingAsync()
    {
        await using var db = App.CreateDbContext();
        return await db.Notifications.AsNoTracking().Where(n => n.Kind == MeetingReminders.Kind && n.State == NotificationState.Pending)
            .ToListAsync(TestContext.Current.CancellationToken);
    }

    private async Task<(Meeting Meeting, long PersonId)> SeedAsync(DateTimeOffset start)
    {
        var camille = await App.PersonAsync("Camille", "Martin", CamilleAad);
        var hugo = await App.PersonAsync("Hugo", "Bernard", "6a2b0a6e-1111-4c6e-9a5a-0000000000a2");
        await App.ChatAsync(camille);
        await App.ChatAsync(hugo, "a:personal-chat-hugo");
        await using var db = App.CreateDbContext();
        var meeting = new Meeting
        {
            Id = Guid.NewGuid(), CampaignId = 1, ThemeId = 1, Kind = MeetingKind.Checkpoint, State = MeetingState.Scheduled, StartUtc = start,
            TimeZoneId = "Europe/Paris", Duration = TimeSpan.FromHours(1), Subject = "Point d'étape TraAM", Agenda = "Tour de table",
            CreatedAt = start, UpdatedAt = start,
        };
        db.Meetings.Add(meeting);
        db.MeetingAttendances.Add(new MeetingAttendance { MeetingId = meeting.Id, PersonId = camille.Id, Name = "Camille Martin", Email = "camille@ac-test.fr" });
        db.MeetingAttendances.Add(new MeetingAttendance { MeetingId = meeting.Id, PersonId = hugo.Id, Name = "Hugo Bernard", Email = "hugo@ac-test.fr" });
        db.MeetingAttendances.Add(new MeetingAttendance { MeetingId = meeting.Id, Name = "Invité externe", Email = "externe@example.org" });
        await db.SaveChangesAsync();
        return (meeting, camille.Id);
    }
}
