using TraAM.Bot.Help;
using TraAM.Bot.People.Access;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.CheckIns;

/// <summary>Check-in rounds (issue 11 §1): opened or planned by TN3 experts, answered by the teams in the form card, feeding the production tracker and the risks.</summary>
public static class CheckInsFeature
{
    public static IServiceCollection AddCheckIns(this IServiceCollection services) => services
        .AddScoped<CheckInFormCard>()
        .AddScoped<CheckInEffects>()
        .AddScoped<CheckInRisks>()
        .AddScoped<RoundCreator>()
        .AddScoped<OpenCheckInRound>()
        .AddScoped<AnswerCheckIn>()
        .AddScoped<SaveCheckIn>()
        .AddScoped<SendCheckInRoundsJob>()
        .AddScoped<PurgeCheckInsJob>();

    public static BotRoutes MapCheckIns(this BotRoutes bot, HelpCatalog help)
    {
        help.Add(new HelpEntry("point d'étape", "check-in", "help.commands.checkin", Permission.SubmitCheckIn));
        help.Add(new HelpEntry("point d'étape", "check-in", "help.commands.checkin", Permission.OpenCheckInRound));
        return bot
            .OnCommand<OpenCheckInRound>("point d'etape", "point d etape", "point detape", "check-in", "checkin", "check in")
            .OnCardAction<OpenCheckInRound>(OpenCheckInRound.CreateVerb)
            .OnCardAction<OpenCheckInRound>(OpenCheckInRound.DeleteVerb)
            .OnCardAction<AnswerCheckIn>(AnswerCheckIn.Verb)
            .OnCardAction<SaveCheckIn>(CheckInFormCard.SaveVerb)
            .OnCardAction<SaveCheckIn>(CheckInFormCard.SubmitVerb);
    }
}
