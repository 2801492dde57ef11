using TraAM.Bot.Meetings;
using TraAM.Bot.Reference;
using TraAM.Bot.Reminders.Holidays;

namespace TraAM.Bot.Tests.Meetings;

public sealed class MeetingRulesTests
{
    private static readonly HolidayPeriod ToussaintA = new(SchoolZones.ZoneA, new(2026, 10, 17), new(2026, 11, 1), "Toussaint");
    private static readonly HolidayPeriod WinterB = new(SchoolZones.ZoneB, new(2027, 2, 13), new(2027, 2, 28), "Hiver");

    private static MeetingContext Context(int checkpoints = 0, params string?[] zones) =>
        new(new DateOnly(2026, 10, 31), checkpoints, zones, [ToussaintA, WinterB]);

    private static MeetingDraft Draft(MeetingKind kind, DateOnly date, int minutes = 60, string time = "10:00") =>
        new(kind, date, TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromMinutes(minutes), "Europe/Paris");

    [Fact]
    public void A_weekday_checkpoint_with_a_duration_passes() =>
        Assert.Empty(MeetingRules.Check(Draft(MeetingKind.Checkpoint, new(2027, 1, 12)), Context(1), confirmed: false));

    [Fact]
    public void The_end_must_be_after_the_start()
    {
        var problem = Assert.Single(MeetingRules.Check(Draft(MeetingKind.Checkpoint, new(2027, 1, 12), minutes: 0), Context(), confirmed: true));
        Assert.Equal("duration", problem.Field);
        Assert.False(problem.Confirmable);
        Assert.StartsWith("La fin doit être après le début", problem.French, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kickoff_after_the_campaigns_deadline_is_refused_even_confirmed()
    {
        var problem = Assert.Single(MeetingRules.Check(Draft(MeetingKind.KickoffRemote, new(2026, 11, 3)), Context(), confirmed: true));
        Assert.Equal("date", problem.Field);
        Assert.Contains("31/10/2026", problem.French, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fourth_checkpoint_needs_a_confirmation()
    {
        var problem = Assert.Single(MeetingRules.Check(Draft(MeetingKind.Checkpoint, new(2027, 3, 9)), Context(3), confirmed: false));
        Assert.Equal("kind", problem.Field);
        Assert.True(problem.Confirmable);
        Assert.Contains("4e point d'étape", problem.French, StringComparison.Ordinal);
        Assert.Empty(MeetingRules.Check(Draft(MeetingKind.Checkpoint, new(2027, 3, 9)), Context(3), confirmed: true));
    }

    [Fact]
    public void A_third_checkpoint_needs_nothing() =>
        Assert.Empty(MeetingRules.Check(Draft(MeetingKind.Checkpoint, new(2027, 3, 9)), Context(2), confirmed: false));

    [Fact]
    public void A_weekend_needs_a_confirmation()
    {
        var problem = Assert.Single(MeetingRules.Check(Draft(MeetingKind.Checkpoint, new(2027, 1, 16)), Context(), confirmed: false));
        Assert.True(problem.Confirmable);
        Assert.Contains("week-end", problem.French, StringComparison.Ordinal);
    }

    [Fact]
    public void The_holidays_of_most_attendees_need_a_confirmation_those_of_a_few_do_not()
    {
        var day = new DateOnly(2026, 10, 20); // Toussaint in zone A only
        Assert.Single(MeetingRules.Check(Draft(MeetingKind.KickoffRemote, day), Context(0, "A", "A", "B", null), confirmed: false));
        Assert.Empty(MeetingRules.Check(Draft(MeetingKind.KickoffRemote, day), Context(0, "A", "B", "C", null), confirmed: false));
        Assert.Empty(MeetingRules.Check(Draft(MeetingKind.KickoffRemote, day), Context(0, "A", "A", "B"), confirmed: true));
    }

    [Fact]
    public void The_spring_forward_hour_does_not_exist()
    {
        var problem = Assert.Single(MeetingRules.Check(Draft(MeetingKind.Checkpoint, new(2027, 3, 28), time: "02:30"), Context(), confirmed: true));
        Assert.Equal("time", problem.Field);
    }

    [Theory]
    [InlineData(2026, 10, 23, "2026-10-23T08:00:00Z")] // Friday before the change: UTC+2
    [InlineData(2026, 10, 26, "2026-10-26T09:00:00Z")] // Monday after it: UTC+1
    public void The_start_becomes_the_right_instant_across_the_October_change(int y, int m, int d, string utc) =>
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), Draft(MeetingKind.KickoffRemote, new(y, m, d)).StartUtc());

    // Tuesday 12 January 2027, 16:00 in Paris: the checkpoint drafts below start at 10:00 Paris time.
    private static readonly DateTimeOffset Now = new(2027, 1, 12, 15, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(2027, 1, 12)] // this morning: begun, over
    [InlineData(2027, 1, 5)] // last week
    [InlineData(2026, 12, 14)] // 29 days ago
    public void A_new_meeting_in_the_past_within_30_days_is_recorded_once_confirmed(int y, int m, int d)
    {
        var problem = Assert.Single(MeetingRules.Check(Draft(MeetingKind.Checkpoint, new(y, m, d)), Context(1), confirmed: false, new MeetingTiming(Now, Recording: true)));
        Assert.Equal(("date", true), (problem.Field, problem.Confirmable));
        Assert.StartsWith("Cette réunion a déjà eu lieu : elle sera enregistrée sans invitation ni événement d'agenda", problem.French, StringComparison.Ordinal);
        Assert.Contains("without invitations", problem.English, StringComparison.Ordinal);

        Assert.Empty(MeetingRules.Check(Draft(MeetingKind.Checkpoint, new(y, m, d)), Context(1), confirmed: true, new MeetingTiming(Now, Recording: true)));
    }

    [Fact]
    public void A_new_meeting_more_than_30_days_ago_is_refused_whatever_the_tick_saying_why()
    {
        // 10 December 2026 at 10:00 Paris: 33 days before, beyond the minutes sweep's window.
        foreach (var confirmed in new[] { false, true })
        {
            var problem = Assert.Single(MeetingRules.Check(Draft(MeetingKind.Checkpoint, new(2026, 12, 10)), Context(1), confirmed, new MeetingTiming(Now, Recording: true)));
            Assert.Equal(("date", false), (problem.Field, problem.Confirmable));
            Assert.Contains("plus de 30 jours", problem.French, StringComparison.Ordinal);
            Assert.Contains("compte rendu", problem.French, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Moving_a_meeting_into_the_past_stays_refused_even_confirmed()
    {
        foreach (var confirmed in new[] { false, true })
        {
            var problem = Assert.Single(MeetingRules.Check(Draft(MeetingKind.Checkpoint, new(2027, 1, 11)), Context(1), confirmed, new MeetingTiming(Now, Recording: false)));
            Assert.Equal(("date", false), (problem.Field, problem.Confirmable));
            Assert.StartsWith("Ce moment est déjà passé", problem.French, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_start_to_come_is_no_problem_for_a_new_meeting_or_a_move()
    {
        Assert.Empty(MeetingRules.Check(Draft(MeetingKind.Checkpoint, new(2027, 1, 19)), Context(1), confirmed: false, new MeetingTiming(Now, Recording: true)));
        Assert.Empty(MeetingRules.Check(Draft(MeetingKind.Checkpoint, new(2027, 1, 19)), Context(1), confirmed: false, new MeetingTiming(Now, Recording: false)));
    }

    [Fact]
    public void A_past_weekend_meeting_asks_both_confirmations_and_one_tick_records_it()
    {
        var problems = MeetingRules.Check(Draft(MeetingKind.Checkpoint, new(2027, 1, 9)), Context(1), confirmed: false, new MeetingTiming(Now, Recording: true));
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.True(p.Confirmable));
        Assert.Empty(MeetingRules.Check(Draft(MeetingKind.Checkpoint, new(2027, 1, 9)), Context(1), confirmed: true, new MeetingTiming(Now, Recording: true)));
    }
}
