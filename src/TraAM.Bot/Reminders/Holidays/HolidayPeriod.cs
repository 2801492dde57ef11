namespace TraAM.Bot.Reminders.Holidays;

/// <summary>
/// Days without school in one zone, both ends included: FirstDay is the first day off and LastDay the last one
/// before classes resume, so a working-day computation can skip every day in between.
/// </summary>
public sealed record HolidayPeriod(string Zone, DateOnly FirstDay, DateOnly LastDay, string Label)
{
    public bool Contains(DateOnly day) => FirstDay <= day && day <= LastDay;
}
