using TraAM.Bot.Cards;

namespace TraAM.Bot.Hosting;

internal static class Cards
{
    /// <summary>Loads cards/**.json now, so that a broken template stops start-up instead of a user's turn.</summary>
    public static IServiceCollection AddCardTemplates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new CardTemplates(Folder(configuration)));
        return services;
    }

    public static string Folder(IConfiguration configuration) =>
        configuration["Cards:Path"] is { Length: > 0 } configured ? Path.GetFullPath(configured) : Path.Combine(AppContext.BaseDirectory, "cards");
}
