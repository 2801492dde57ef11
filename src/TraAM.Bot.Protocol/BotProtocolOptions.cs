using Microsoft.Extensions.Options;

namespace TraAM.Bot.Protocol;

/// <summary>
/// Settings of the Bot Framework layer. The names are a contract with operators and tests:
/// <c>Bot__MicrosoftAppId</c>, <c>Bot__MicrosoftAppPassword</c>, <c>Bot__MicrosoftAppTenantId</c>,
/// <c>Bot__OpenIdMetadataUrl</c>, <c>Bot__TokenEndpoint</c>, <c>Bot__AllowedServiceUrls__N</c>, <c>Bot__AllowedTenants__N</c>.
/// </summary>
public sealed class BotProtocolOptions
{
    public const string Section = "Bot";
    public const string BotFrameworkOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public const string ConnectorScope = "https://api.botframework.com/.default";

    /// <summary>Teams' public and government Connector hosts (protocol.md §2.2): the only places our token may go by default.</summary>
    public static readonly string[] TeamsServiceUrls =
    [
        "https://smba.trafficmanager.net/",
        "https://smba.infra.gcc.teams.microsoft.com/",
        "https://smba.infra.gov.teams.microsoft.us/",
    ];

    /// <summary>Empty means local mode: no inbound authentication, no outbound token, loopback only.</summary>
    public string MicrosoftAppId { get; set; } = "";

    public string MicrosoftAppPassword { get; set; } = "";

    /// <summary>Set for a single-tenant bot: its token authority becomes that tenant instead of botframework.com.</summary>
    public string MicrosoftAppTenantId { get; set; } = "";

    public string OpenIdMetadataUrl { get; set; } = BotFrameworkOpenIdMetadataUrl;

    /// <summary>Empty: Entra's token endpoint for <see cref="MicrosoftAppTenantId"/> (or botframework.com).</summary>
    public string TokenEndpoint { get; set; } = "";

    /// <summary>Empty: <see cref="TeamsServiceUrls"/>. In local mode loopback addresses are also allowed.</summary>
    public IList<string> AllowedServiceUrls { get; set; } = [];

    /// <summary>Empty: any tenant. Otherwise activities from other tenants are refused with 403.</summary>
    public IList<string> AllowedTenants { get; set; } = [];

    /// <summary>Activities larger than this are refused with 413 before they are parsed.</summary>
    public int MaxActivityBytes { get; set; } = 1024 * 1024;

    /// <summary>The longest <c>Retry-After</c> waited inside one call (a turn must answer within 15 s); longer ones are left to the caller.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many times a throttled or transiently failing Connector call is retried.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>A copy of these settings whose calls are never retried inside the client.</summary>
    public BotProtocolOptions SingleAttempt()
    {
        var copy = (BotProtocolOptions)MemberwiseClone();
        copy.MaxRetries = 0;
        copy.MaxRetryAfter = TimeSpan.Zero;
        return copy;
    }

    public bool IsLocalMode => string.IsNullOrWhiteSpace(MicrosoftAppId);

    public string EffectiveTokenEndpoint => string.IsNullOrWhiteSpace(TokenEndpoint)
        ? $"https://login.microsoftonline.com/{(string.IsNullOrWhiteSpace(MicrosoftAppTenantId) ? "botframework.com" : MicrosoftAppTenantId)}/oauth2/v2.0/token"
        : TokenEndpoint;

    public IReadOnlyList<string> EffectiveAllowedServiceUrls => AllowedServiceUrls.Count > 0 ? [.. AllowedServiceUrls] : TeamsServiceUrls;
}

/// <summary>Start-up validation: a bad setting stops the bot with a message that names it.</summary>
internal sealed class BotProtocolOptionsValidator : IValidateOptions<BotProtocolOptions>
{
    public ValidateOptionsResult Validate(string? name, BotProtocolOptions options)
    {
        var errors = new List<string>();
        if (!options.IsLocalMode)
        {
            if (!Guid.TryParse(options.MicrosoftAppId, out _))
                errors.Add("Bot__MicrosoftAppId doit être l'identifiant (GUID) de l'application Entra du bot.");
            if (string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
                errors.Add("Bot__MicrosoftAppPassword est obligatoire quand Bot__MicrosoftAppId est renseigné.");
            if (!string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId) && !Guid.TryParse(options.MicrosoftAppTenantId, out _))
                errors.Add("Bot__MicrosoftAppTenantId doit être un GUID de locataire Entra.");
            CheckEndpoint(errors, "Bot__OpenIdMetadataUrl", options.OpenIdMetadataUrl);
            CheckEndpoint(errors, "Bot__TokenEndpoint", options.EffectiveTokenEndpoint);
        }

        for (var i = 0; i < options.AllowedServiceUrls.Count; i++)
            CheckEndpoint(errors, $"Bot__AllowedServiceUrls__{i}", options.AllowedServiceUrls[i]);
        for (var i = 0; i < options.AllowedTenants.Count; i++)
        {
            if (!Guid.TryParse(options.AllowedTenants[i], out _))
                errors.Add($"Bot__AllowedTenants__{i} doit être un GUID de locataire.");
        }

        if (options.MaxActivityBytes is < 1024 or > 16 * 1024 * 1024)
            errors.Add("Bot__MaxActivityBytes doit être compris entre 1 Kio et 16 Mio.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    // Tokens and secrets only travel over TLS; plain http is tolerated for loopback test doubles.
    private static void CheckEndpoint(List<string> errors, string setting, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
            errors.Add($"{setting} doit être une URL absolue (reçu « {value} »).");
        else if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            errors.Add($"{setting} doit être en https (http n'est accepté que sur l'adresse de bouclage).");
    }
}
