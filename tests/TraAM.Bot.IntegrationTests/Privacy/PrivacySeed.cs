using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Candidacies;
using TraAM.Bot.Delivery;
using TraAM.Bot.Forms;
using TraAM.Bot.IntegrationTests.Infrastructure;
using TraAM.Bot.Meetings;
using TraAM.Bot.People;
using TraAM.Bot.Reminders;

namespace TraAM.Bot.IntegrationTests.Privacy;

/// <summary>A person's traces in most tables: what the access right must list and the erasure must clean.</summary>
internal static class PrivacySeed
{
    public static async Task TracesOfAsync(this TraamApp app, Person person, Candidacy candidacy, long otherPersonId)
    {
        var now = app.Clock.GetUtcNow();
        await app.EnqueueAsync(DeliverySeed.Note(Recipient.Person(person.Id), now.AddDays(2), "pending-" + person.Id));
        await app.EnqueueAsync(DeliverySeed.Note(Recipient.Person(otherPersonId), now.AddDays(2), "about-" + person.Id));
        await using var db = app.CreateDbContext();
        // An escalation to someone else quotes the person (name and e-mail), as the reminders' cards do.
        await db.Notifications.Where(n => n.Key.Contains("about-" + person.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.DataJson, $$"""{"who":"{{person.DisplayName}}","email":"{{person.Email}}"}"""));
        db.FormVersions.Add(new FormVersion { Kind = "candidacy", SubjectId = candidacy.Id, Number = (int)(100 + person.Id), AnswersJson = """{"summary":"Cartographier"}""", ByPersonId = person.Id, ByName = person.DisplayName, At = now });
        db.CandidacyDecisions.Add(new CandidacyDecision { CandidacyId = candidacy.Id, Version = 1, Kind = CandidacyDecisionKind.ChangesRequested, Comment = "Préciser le calendrier", ByPersonId = person.Id, ByName = person.DisplayName, At = now });
        db.DeadlineCompletions.Add(new DeadlineCompletion { Subject = "campaign:1:submission", PersonId = person.Id, CompletedAt = now, Source = "card" });
        db.RevokedRoles.Add(new RevokedRole { PersonId = person.Id, Role = Role.Teacher, CampaignId = 1, ScopeKey = "team:999", RevokedByName = "ligne de commande", RevokedAt = now, Source = "cli" });
        var meeting = new Meeting
        {
            Id = Guid.NewGuid(), CampaignId = 1, ThemeId = DirectorySeed.SvtYear1, Kind = MeetingKind.KickoffRemote, State = MeetingState.Scheduled,
            StartUtc = now.AddDays(10), TimeZoneId = "Europe/Paris", Duration = TimeSpan.FromHours(1), Subject = "Lancement SVT", Agenda = "Tour de table",
            OrganizerPersonId = otherPersonId, CreatedAt = now, UpdatedAt = now,
        };
        db.Meetings.Add(meeting);
        db.MeetingAttendances.Add(new MeetingAttendance { MeetingId = meeting.Id, PersonId = person.Id, Name = person.DisplayName, Email = person.Email });
        await db.SaveChangesAsync();
    }
}
