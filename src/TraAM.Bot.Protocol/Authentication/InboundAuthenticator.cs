using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Protocol.Authentication;

/// <summary>Outcome of inbound authentication. <see cref="Reason"/> is for logs only: it never contains the token.</summary>
public sealed record AuthenticationResult(bool Succeeded, string? Reason)
{
    public static AuthenticationResult Success { get; } = new(true, null);
    public static AuthenticationResult Fail(string reason) => new(false, reason);
}

public interface IInboundAuthenticator
{
    Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken);
}

/// <summary>
/// Validates the Connector's token exactly as protocol.md §1 (Bot Builder's ChannelValidation + JwtTokenExtractor):
/// Bearer only; issuer api.botframework.com; audience = our app id; RS256/384/512; lifetime with 5 min skew; the key
/// that actually verified the signature must endorse the activity's channelId; the serviceurl claim must equal
/// activity.serviceUrl. Keys come from a cached, periodically refreshed OpenID document.
/// </summary>
internal sealed partial class InboundAuthenticator : IInboundAuthenticator
{
    private const string BearerPrefix = "Bearer ";
    private static readonly string[] AllowedAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly IConfigurationManager<BotSigningKeys> _keys;
    private readonly BotProtocolOptions _options;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ILogger<InboundAuthenticator> _logger;

    public InboundAuthenticator(IConfigurationManager<BotSigningKeys> keys, IOptions<BotProtocolOptions> options, ILogger<InboundAuthenticator> logger)
    {
        _keys = keys;
        _options = options.Value;
        _logger = logger;
    }

    public async Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        // Exactly "Bearer <token>", as the SDK's extractor compares the scheme ordinally.
        if (authorizationHeader is null || !authorizationHeader.StartsWith(BearerPrefix, StringComparison.Ordinal))
            return AuthenticationResult.Fail("no Bearer token");
        var token = authorizationHeader[BearerPrefix.Length..].Trim();
        if (token.Length == 0 || token.Contains(' ', StringComparison.Ordinal) || !_handler.CanReadToken(token))
            return AuthenticationResult.Fail("malformed token");

        // Cheap pre-check before any signature work (JwtTokenExtractor does the same).
        var unvalidated = _handler.ReadJsonWebToken(token);
        if (!string.Equals(unvalidated.Issuer, BotProtocolOptions.BotFrameworkIssuer, StringComparison.Ordinal))
            return AuthenticationResult.Fail("issuer is not the Bot Framework");

        var result = await ValidateAsync(token, refresh: false, cancellationToken);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Keys rotate: refresh once (rate-limited by the configuration manager) and try again.
            _keys.RequestRefresh();
            result = await ValidateAsync(token, refresh: true, cancellationToken);
        }

        if (!result.IsValid)
            return AuthenticationResult.Fail($"token rejected: {result.Exception?.GetType().Name}");

        var jwt = (JsonWebToken)result.SecurityToken;
        var keys = await _keys.GetConfigurationAsync(cancellationToken);
        var kid = jwt.SigningKey?.KeyId;
        if (kid is null || !keys.Endorsements.TryGetValue(kid, out var endorsed))
            return AuthenticationResult.Fail("signing key has no endorsements");
        if (!string.IsNullOrEmpty(activity.ChannelId) && !endorsed.Contains(activity.ChannelId))
            return AuthenticationResult.Fail($"signing key does not endorse channel {activity.ChannelId}");

        if (!jwt.TryGetPayloadValue<string>("serviceurl", out var serviceUrlClaim) || string.IsNullOrEmpty(serviceUrlClaim))
            return AuthenticationResult.Fail("serviceurl claim missing");
        if (!string.Equals(serviceUrlClaim, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
            return AuthenticationResult.Fail("serviceurl claim does not match activity.serviceUrl");

        return AuthenticationResult.Success;
    }

    private async Task<TokenValidationResult> ValidateAsync(string token, bool refresh, CancellationToken cancellationToken)
    {
        BotSigningKeys keys;
        try
        {
            keys = await _keys.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            // Metadata unreachable: nobody is authenticated, and the caller answers 401 rather than 500.
            LogMetadataUnavailable(_logger, ex.Message, refresh);
            return new TokenValidationResult { IsValid = false, Exception = ex };
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = BotProtocolOptions.BotFrameworkIssuer,
            ValidAudience = _options.MicrosoftAppId,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromMinutes(5),
            ValidAlgorithms = AllowedAlgorithms,
            IssuerSigningKeys = keys.Keys,
            // A token naming an unknown kid is refused, as the SDK does; never fall back to "any published key".
            TryAllIssuerSigningKeys = false,
        };
        return await _handler.ValidateTokenAsync(token, parameters);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Framework OpenID metadata unavailable ({Reason}); refresh={Refresh}")]
    private static partial void LogMetadataUnavailable(ILogger logger, string reason, bool refresh);
}
