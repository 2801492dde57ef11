using TraAM.Bot.Protocol;

namespace TraAM.Bot.Meetings;

/// <summary>
/// Settings of the Microsoft Graph calendar (issue 12 §1): <c>Graph__TenantId</c>, <c>Graph__ClientId</c>,
/// <c>Graph__ClientSecret</c> (each defaulting to the bot's own), <c>Graph__BaseUrl</c>, <c>Graph__TokenEndpoint</c>,
/// <c>Graph__Organizer</c>. No organiser ⇒ the fallback: meetings live in our data and people get an .ics.
/// </summary>
public sealed class GraphOptions
{
    public const string Section = "Graph";
    public const string DefaultBaseUrl = "https://graph.microsoft.com/v1.0";
    public const string Scope = "https://graph.microsoft.com/.default";

    public string TenantId { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>Empty: Entra's endpoint for the tenant. A loopback http URL is accepted for the test fake only.</summary>
    public string TokenEndpoint { get; set; } = "";

    /// <summary>The UPN or object id of the mailbox that organises the meetings (e.g. a TraAM service account).</summary>
    public string Organizer { get; set; } = "";

    public bool Enabled => !string.IsNullOrWhiteSpace(Organizer);

    /// <summary>The settings with the bot's own app id, secret and tenant filled in where ours are empty.</summary>
    public GraphOptions WithBotDefaults(BotProtocolOptions bot) => new()
    {
        TenantId = Or(TenantId, bot.MicrosoftAppTenantId),
        ClientId = Or(ClientId, bot.MicrosoftAppId),
        ClientSecret = Or(ClientSecret, bot.MicrosoftAppPassword),
        BaseUrl = Or(BaseUrl, DefaultBaseUrl),
        TokenEndpoint = Or(TokenEndpoint, $"https://login.microsoftonline.com/{Or(TenantId, bot.MicrosoftAppTenantId)}/oauth2/v2.0/token"),
        Organizer = Organizer,
    };

    /// <summary>French problems an operator can fix, empty when the settings hold together.</summary>
    public IReadOnlyList<string> Problems()
    {
        if (!Enabled) return [];
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(TenantId)) problems.Add("Graph__TenantId (ou Bot__MicrosoftAppTenantId) est requis quand Graph__Organizer est défini.");
        if (string.IsNullOrWhiteSpace(ClientId)) problems.Add("Graph__ClientId (ou Bot__MicrosoftAppId) est requis quand Graph__Organizer est défini.");
        if (string.IsNullOrWhiteSpace(ClientSecret)) problems.Add("Graph__ClientSecret (ou Bot__MicrosoftAppPassword) est requis quand Graph__Organizer est défini.");
        if (!SafeUrl(BaseUrl)) problems.Add("Graph__BaseUrl doit être une URL https (http seulement sur 127.0.0.1/localhost).");
        if (!SafeUrl(TokenEndpoint.Replace("{tenant}", TenantId, StringComparison.Ordinal))) problems.Add("Graph__TokenEndpoint doit être une URL https (http seulement sur 127.0.0.1/localhost).");
        return problems;
    }

    // Kiota sends tokens over http only to loopback hosts; we refuse anything else early, with a clear message.
    private static bool SafeUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.Host is "127.0.0.1" or "localhost"));

    private static string Or(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;
}
