namespace TraAM.Bot.Reminders.Holidays;

/// <summary>
/// What a holiday calendar file gave: the periods it could read, and in French what it could not (shown to the
/// admin who imported it, so that one bad event never hides all the good ones).
/// </summary>
public sealed record HolidayCalendarRead(IReadOnlyList<HolidayPeriod> Periods, IReadOnlyList<string> Problems);
