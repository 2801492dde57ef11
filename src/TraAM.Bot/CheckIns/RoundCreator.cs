using Hangfire;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Data;
using TraAM.Bot.Hosting;
using TraAM.Bot.People;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Reference;
using TraAM.Bot.Reminders;
using TraAM.Bot.Reminders.Holidays;

namespace TraAM.Bot.CheckIns;

/// <summary>What a creation did: the rounds asked for (each opening and closing day) and how many were new.</summary>
internal sealed record RoundCreation(IReadOnlyList<(DateOnly Opens, DateOnly Closes)> Schedule, int Created);

/// <summary>
/// Creates the rounds of a theme that do not exist yet (the key is the theme and opening day), then queues the job
/// that puts the cards in the outbox and a re-plan of the reminders. A monthly schedule skips the weekends and the
/// school holidays of every zone where the theme's teams work, since a round opens and closes on the same days for all.
/// </summary>
internal sealed class RoundCreator(TraamDbContext db, IBackgroundJobClient jobs, TimeProvider clock, ILogger<RoundCreator> logger)
{
    public async Task<RoundCreation> CreateAsync(Theme theme, RoundDates dates, bool teachers, Caller caller, CancellationToken ct)
    {
        var schedule = dates.Until is { } until
            ? RoundSchedule.Monthly(dates.Opens, dates.Closes, until, await WorkingDayAsync(theme, ct))
            : [(dates.Opens, dates.Closes)];
        if (schedule.Count == 0 || schedule.Count > RoundSchedule.MaxRounds) return new RoundCreation(schedule, 0);

        var keys = schedule.Select(s => RoundSchedule.Key(theme.Id, s.Opens)).ToList();
        var existing = (await db.CheckInRounds.Where(r => keys.Contains(r.Key)).Select(r => r.Key).ToListAsync(ct)).ToHashSet();
        var now = clock.GetUtcNow();
        var created = 0;
        foreach (var (opens, closes) in schedule.Where(s => !existing.Contains(RoundSchedule.Key(theme.Id, s.Opens))))
        {
            db.CheckInRounds.Add(new CheckInRound
            {
                CampaignId = theme.CampaignId, ThemeId = theme.Id, Key = RoundSchedule.Key(theme.Id, opens), Opens = opens, Closes = closes,
                TeachersMayAnswer = teachers, CreatedByPersonId = caller.Person?.Id, CreatedByName = caller.Person?.DisplayName ?? "admin", CreatedAt = now,
            });
            created++;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // the same rounds planned at the same moment by someone else: theirs stand
            created = 0;
        }

        if (created > 0)
        {
            jobs.TryEnqueue<SendCheckInRoundsJob>(j => j.RunAsync(CancellationToken.None), logger);
            ReminderPlanJob.Enqueue(jobs, logger);
        }

        return new RoundCreation(schedule, created);
    }

    /// <summary>A day is a working day if it is one in every school zone of the theme's teams (zones A, B and C when none is known yet).</summary>
    private async Task<Func<DateOnly, bool>> WorkingDayAsync(Theme theme, CancellationToken ct)
    {
        var holidays = (await db.SchoolHolidays.AsNoTracking().ToListAsync(ct)).Select(h => h.ToPeriod()).ToList();
        var academies = await SelectedTeams.Of(db, theme.CampaignId).Where(t => t.ThemeId == theme.Id).Select(t => t.AcademyCode).Distinct().ToListAsync(ct);
        var zones = academies.Select(SchoolZones.Of).OfType<string>().Distinct().ToList();
        if (zones.Count == 0) zones = [SchoolZones.ZoneA, SchoolZones.ZoneB, SchoolZones.ZoneC];
        return day => zones.All(z => WorkingDays.IsWorkingDay(day, z, holidays));
    }
}
