using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.Meetings;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Meetings;

/// <summary>"réunions" through /api/messages: only the caller's own meetings, coming then past, in French or English.</summary>
public sealed class ListMeetingsTests(TraamApp app) : AppTest(app)
{
    [PostgresFact]
    public async Task The_caller_sees_their_coming_and_past_meetings_and_not_the_others()
    {
        var camille = await App.PersonAsync("Camille", "Martin", CamilleAad);
        var other = await App.PersonAsync("Hugo", "Bernard", "6a2b0a6e-1111-4c6e-9a5a-0000000000a1");
        var now = App.Clock.GetUtcNow();
        await SeedAsync("Point d'étape de janvier", now.AddDays(10), camille.Id, MeetingState.Scheduled);
        await SeedAsync("Lancement", now.AddDays(-30), camille.Id, MeetingState.Scheduled);
        await SeedAsync("Point annulé", now.AddDays(20), camille.Id, MeetingState.Cancelled);
        await SeedAsync("Réunion d'un autre thème", now.AddDays(5), other.Id, MeetingState.Scheduled);

        await App.PostActivityAsync(Activities.PersonalMessage("réunions"));

        var text = Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>();
        Assert.Contains("**Réunions à venir**", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Point d'étape de janvier", StringComparison.Ordinal) < text.IndexOf("Point annulé — annulée", StringComparison.Ordinal));
        Assert.True(text.IndexOf("**Réunions passées**", StringComparison.Ordinal) < text.IndexOf("Lancement", StringComparison.Ordinal));
        Assert.DoesNotContain("autre thème", text, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Someone_outside_the_directory_is_told_in_French()
    {
        await App.PostActivityAsync(Activities.PersonalMessage("réunions"));

        var text = Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>();
        Assert.StartsWith("Je ne vous trouve pas dans l'annuaire", text, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task In_English_with_no_meeting()
    {
        await App.PersonAsync("Camille", "Martin", CamilleAad);

        await App.PostActivityAsync(Activities.PersonalMessage("meetings", locale: "en-US"));

        Assert.Equal("You have no TraAM meeting, coming or past.", Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>());
    }

    private async Task SeedAsync(string subject, DateTimeOffset start, long attendee, MeetingState state)
    {
        await using var db = App.CreateDbContext();
        var meeting = new Meeting
        {
            Id = Guid.NewGuid(), CampaignId = 1, ThemeId = 1, Kind = MeetingKind.Checkpoint, State = state, StartUtc = start,
            TimeZoneId = "Europe/Paris", Duration = TimeSpan.FromHours(1), Subject = subject, Agenda = "", CreatedAt = start, UpdatedAt = start,
        };
        db.Meetings.Add(meeting);
        db.MeetingAttendances.Add(new MeetingAttendance { MeetingId = meeting.Id, PersonId = attendee, Name = "x", Email = $"{Guid.NewGuid():N}@ac-test.fr" });
        await db.SaveChangesAsync();
    }
}
