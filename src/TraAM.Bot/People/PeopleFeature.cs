using TraAM.Bot.Help;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Groups;
using TraAM.Bot.People.Identity;
using TraAM.Bot.People.Import;
using TraAM.Bot.People.Me;
using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.People;

/// <summary>The directory: who is asking (every feature), "moi", and linking channels to working groups.</summary>
public static class PeopleFeature
{
    public static IServiceCollection AddPeople(this IServiceCollection services) => services
        .AddMemoryCache()
        .AddScoped<CallerResolver>()
        .AddScoped<ShowMe>()
        .AddScoped<LinkChannel>()
        .AddScoped<DirectoryImporter>()
        .AddScoped<DirectoryExporter>()
        .AddScoped<ImportDirectoryFile>()
        .AddScoped<RoleRevocation>()
        .AddScoped<RemoveRole>()
        .AddScoped<ImportDirectoryFileJob>()
        .AddScoped<ConfirmReplaceImport>();

    public static BotRoutes MapPeople(this BotRoutes bot, HelpCatalog help)
    {
        help.Add(new HelpEntry("moi", "whoami", "help.commands.me"))
            .Add(new HelpEntry("lier", "link", "help.commands.link", Permission.LinkChannel))
            .Add(new HelpEntry("📎 annuaire.csv", "📎 directory.csv", "help.commands.import", Permission.ImportDirectory))
            .Add(new HelpEntry("retirer rôle", "remove role", "help.commands.removeRole", Permission.ManageTeamRoles));
        return bot
            .OnCommand<ShowMe>("moi", "whoami", "qui suis-je", "profil", "me")
            .OnCommand<LinkChannel>("lier", "lier ce canal", "link", "link this channel")
            .OnCardAction<LinkChannel>(LinkChannel.FormVerb)
            .OnCardAction<LinkChannel>(LinkChannel.SubmitVerb)
            .OnCommand<RemoveRole>("retirer rôle", "retirer un rôle", "remove role")
            .OnCardAction<RemoveRole>(RemoveRole.FindVerb)
            .OnCardAction<RemoveRole>(RemoveRole.PickVerb)
            .OnCardAction<RemoveRole>(RemoveRole.ConfirmVerb)
            .OnCardAction<ConfirmReplaceImport>(ConfirmReplaceImport.Verb)
            .OnFile<ImportDirectoryFile>();
    }
}
