using TraAM.Bot.Delivery;

namespace TraAM.Bot.Tests.Delivery;

/// <summary>The limiter's rules never allow more than Teams publishes (protocol.md §3.1), in any window.</summary>
public sealed class TeamsLimitsTests
{
    [Theory]
    [InlineData(1, 7)]
    [InlineData(2, 8)]
    [InlineData(30, 60)]
    [InlineData(3600, 1800)]
    public void Every_conversation_window_stays_under_its_published_limit(int seconds, int limit)
    {
        var window = TimeSpan.FromSeconds(seconds);
        // The rules apply together: the most a conversation can get in the window is the smallest of their maxima.
        var most = TeamsLimits.Conversation.Min(r => r.MaxIn(window));
        Assert.InRange(most, 1, limit);
    }

    [Theory]
    [InlineData(50, 0.98, 49)]
    [InlineData(30, 1.0, 30)]
    public void The_tenant_rule_is_a_steady_pace_at_the_chosen_rate(double rate, double margin, int expectedPerSecond)
    {
        var rule = TeamsLimits.Tenant(rate * margin);
        Assert.Equal(1, rule.Burst);
        Assert.Equal(expectedPerSecond, rule.MaxIn(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void The_hour_window_is_what_paces_a_busy_conversation()
    {
        var slowest = TeamsLimits.Conversation.MaxBy(r => r.Interval);
        Assert.Equal("1h", slowest.Name);
        Assert.True(slowest.MaxIn(TimeSpan.FromHours(1)) <= 1800);
    }
}
