using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Data;
using TraAM.Bot.People;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Meetings;

/// <summary>A member of the national group as the directory gives them; <see cref="AcademyCode"/> decides their zones.</summary>
public sealed record GroupMember(long PersonId, string Name, string Email, string? AcademyCode);

/// <summary>
/// A theme's national group (domain.md): its IGÉSR member(s) and TN3 experts (the theme's discipline), and the
/// referents of its teams that work (<see cref="SelectedTeams"/>), all for the theme's campaign; the meetings'
/// default invitees, with their directory e-mails. And what the rules need to know about the campaign around them.
/// </summary>
public sealed class NationalGroup(TraamDbContext db)
{
    public async Task<IReadOnlyList<GroupMember>> MembersAsync(Theme theme, CancellationToken ct)
    {
        var teams = SelectedTeams.Of(db, theme.CampaignId).Where(t => t.ThemeId == theme.Id).Select(t => t.Id);
        var people = await db.People.AsNoTracking()
            .Where(p => p.Roles.Any(r => r.CampaignId == theme.CampaignId && (
                ((r.Role == Role.Igesr || r.Role == Role.ExpertTn3) && r.DisciplineCode == theme.DisciplineCode)
                || (r.Role == Role.Referent && r.TeamId != null && teams.Contains(r.TeamId.Value)))))
            .OrderBy(p => p.LastName).ThenBy(p => p.FirstName)
            .Select(p => new GroupMember(p.Id, p.FirstName + " " + p.LastName, p.Email, p.AcademyCode))
            .ToListAsync(ct);
        return people;
    }

    /// <summary>The group, plus the organiser when they are not in it (an admin organising for a theme).</summary>
    public async Task<IReadOnlyList<GroupMember>> InviteesAsync(Theme theme, Person? organizer, CancellationToken ct)
    {
        var members = await MembersAsync(theme, ct);
        return organizer is null || members.Any(m => m.PersonId == organizer.Id)
            ? members
            : [new GroupMember(organizer.Id, organizer.DisplayName, organizer.Email, organizer.AcademyCode), .. members];
    }

    /// <summary>
    /// The campaign's kick-off deadline, the theme's checkpoints already planned in the school year of
    /// <paramref name="day"/> (this meeting left out: a double submit is not a 4th), the invitees' holiday zones, the holidays.
    /// </summary>
    public async Task<MeetingContext> ContextAsync(Campaign campaign, Theme theme, Guid meetingId, DateOnly? day, IReadOnlyList<GroupMember> invitees, CancellationToken ct)
    {
        var checkpoints = 0;
        if (day is { } d)
        {
            var start = new DateOnly(d.Month >= 9 ? d.Year : d.Year - 1, 9, 1);
            var from = LocalTime.At(start, TimeOnly.MinValue, LocalTime.ZoneOf(null));
            var to = LocalTime.At(start.AddYears(1), TimeOnly.MinValue, LocalTime.ZoneOf(null));
            checkpoints = await db.Meetings.CountAsync(m => m.ThemeId == theme.Id && m.Kind == MeetingKind.Checkpoint && m.State == MeetingState.Scheduled
                && m.Id != meetingId && m.StartUtc >= from && m.StartUtc < to, ct);
        }

        var holidays = (await db.SchoolHolidays.AsNoTracking().ToListAsync(ct)).Select(h => h.ToPeriod()).ToList();
        return new MeetingContext(campaign.KickoffDeadline, checkpoints, [.. invitees.Select(i => SchoolZones.Of(i.AcademyCode))], holidays);
    }
}
