using TraAM.Bot.Help;
using TraAM.Bot.Protocol.Routing;
using TraAM.Bot.Reminders.Holidays;

namespace TraAM.Bot.Reminders;

/// <summary>Deadlines of the campaign: reminders, escalations, "échéances", and the school-holiday calendars.</summary>
public static class RemindersFeature
{
    public static IServiceCollection AddReminders(this IServiceCollection services) => services
        .AddScoped<ReminderPlanner>()
        .AddScoped<ReminderPlanJob>()
        .AddScoped<DeadlineProgress>()
        .AddScoped<ShowDeadlines>()
        .AddScoped<MarkDeadlineDone>()
        .AddScoped<HolidayImporter>()
        .AddScoped<ImportHolidayFile>()
        .AddScoped<ImportHolidayFileJob>();

    public static BotRoutes MapReminders(this BotRoutes bot, HelpCatalog help)
    {
        help.Add(new HelpEntry("échéances", "deadlines", "help.commands.deadlines", People.Access.Permission.ViewCalendar)) // anyone with a role
            .Add(new HelpEntry("📎 vacances.ics", "📎 holidays.ics", "help.commands.holidays", People.Access.Permission.ManageHolidays));
        return bot
            .OnCommand<ShowDeadlines>("échéances", "échéance", "mes échéances", "deadlines", "my deadlines")
            .OnCardAction<MarkDeadlineDone>(MarkDeadlineDone.Verb)
            .OnFile<ImportHolidayFile>("ics");
    }
}
