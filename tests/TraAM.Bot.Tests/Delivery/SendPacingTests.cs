using TraAM.Bot.Delivery;

namespace TraAM.Bot.Tests.Delivery;

/// <summary>How late a request may leave after its slot: what is left of the margin once the way to Teams is set aside.</summary>
public sealed class SendPacingTests
{
    [Fact]
    public void AtTheDefaultMargin_FifteenMillisecondsAreKeptForTheWayToTeams()
    {
        // Slots 1/48 s apart: (1/0.96 − 1) s = 41.7 ms between "on time" and "a request too many in one second".
        Assert.Equal(39.58, SendPacing.MaxLatenessFor(0.96).TotalMilliseconds + SendPacing.SendAllowance.TotalMilliseconds, 2);
        Assert.Equal(24.58, SendPacing.MaxLatenessFor(0.96).TotalMilliseconds, 2);
    }

    [Theory]
    [InlineData(0.51)]
    [InlineData(0.9)]
    [InlineData(0.96)]
    [InlineData(0.975)]
    [InlineData(0.99)]
    public void EveryAcceptedMargin_LeavesSomeLatenessAndSomeRoomForTheWay(double margin)
    {
        var budget = TimeSpan.FromSeconds((1 / margin) - 1);
        var lateness = SendPacing.MaxLatenessFor(margin);

        Assert.True(lateness > TimeSpan.Zero, "a request that is a little late can still leave");
        Assert.True(budget - lateness >= TimeSpan.FromTicks(Math.Min(SendPacing.SendAllowance.Ticks, (long)(budget.Ticks * 0.95 / 2))),
            "the way to Teams keeps its allowance (half the budget at thin margins)");
    }
}
