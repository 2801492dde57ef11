using System.Collections.Concurrent;
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
/// Teams sends one token with every activity for about an hour, and verifying its RSA signature again each time was the
/// largest cost of a turn after the store (bench/inbound's profile). So a token whose signature, issuer, audience and
/// algorithm passed against the current key set is remembered by its exact text: later requests carrying it skip only
/// that verification. Its lifetime, the key's endorsement of the activity's channel and the serviceurl claim are still
/// checked on every request, and a new key set (rotation, refresh) forgets every remembered token.
/// </summary>
internal sealed partial class InboundAuthenticator : IInboundAuthenticator
{
    private const string BearerPrefix = "Bearer ";
    private static readonly string[] AllowedAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly IConfigurationManager<BotSigningKeys> _keys;
    private readonly BotProtocolOptions _options;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ILogger<InboundAuthenticator> _logger;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, Verified> _verified = new(StringComparer.Ordinal);

    /// <summary>A bound on remembered tokens (Teams uses a handful at a time); beyond it, the memory starts over.</summary>
    private const int MaxRemembered = 1024;

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>What a verified token still has to satisfy on each request, and the key set it was verified against.</summary>
    private sealed record Verified(BotSigningKeys Keys, string? KeyId, DateTime NotBefore, DateTime Expires, string? ServiceUrl);

    // The wall clock, as the token handler's own lifetime check uses: never the application's (tests move that one).
    public InboundAuthenticator(IConfigurationManager<BotSigningKeys> keys, IOptions<BotProtocolOptions> options, ILogger<InboundAuthenticator> logger)
        : this(keys, options, logger, TimeProvider.System)
    {
    }

    /// <summary>For tests only: a clock for the lifetime check of remembered tokens.</summary>
    internal InboundAuthenticator(IConfigurationManager<BotSigningKeys> keys, IOptions<BotProtocolOptions> options, ILogger<InboundAuthenticator> logger, TimeProvider clock)
    {
        _keys = keys;
        _options = options.Value;
        _logger = logger;
        _clock = clock;
    }

    public async Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        // Exactly "Bearer <token>", as the SDK's extractor compares the scheme ordinally.
        if (authorizationHeader is null || !authorizationHeader.StartsWith(BearerPrefix, StringComparison.Ordinal))
            return AuthenticationResult.Fail("no Bearer token");
        var token = authorizationHeader[BearerPrefix.Length..].Trim();
        if (token.Length == 0 || token.Contains(' ', StringComparison.Ordinal) || !_handler.CanReadToken(token))
            return AuthenticationResult.Fail("malformed token");

        if (await RememberedAsync(token, cancellationToken) is { } remembered)
        {
            var now = _clock.GetUtcNow().UtcDateTime;
            if (now < remembered.NotBefore - ClockSkew || now > remembered.Expires + ClockSkew) return AuthenticationResult.Fail("token rejected: lifetime");
            return CheckActivity(remembered, activity);
        }

        // Cheap pre-check before any signature work (JwtTokenExtractor does the same).
        var unvalidated = _handler.ReadJsonWebToken(token);
        if (!string.Equals(unvalidated.Issuer, BotProtocolOptions.BotFrameworkIssuer, StringComparison.Ordinal))
            return AuthenticationResult.Fail("issuer is not the Bot Framework");

        var (result, keys) = await ValidateAsync(token, refresh: false, cancellationToken);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Keys rotate: refresh once (rate-limited by the configuration manager) and try again.
            _keys.RequestRefresh();
            (result, keys) = await ValidateAsync(token, refresh: true, cancellationToken);
        }

        if (!result.IsValid)
            return AuthenticationResult.Fail($"token rejected: {result.Exception?.GetType().Name}");

        var jwt = (JsonWebToken)result.SecurityToken;
        // The key set that verified it, not a later fetch: a refresh in between must not vouch for this token.
        var verified = new Verified(keys!, jwt.SigningKey?.KeyId,
            jwt.ValidFrom == DateTime.MinValue ? DateTime.MinValue + ClockSkew : jwt.ValidFrom, jwt.ValidTo,
            jwt.TryGetPayloadValue<string>("serviceurl", out var serviceUrlClaim) ? serviceUrlClaim : null);
        Remember(token, verified);
        return CheckActivity(verified, activity);
    }

    private static AuthenticationResult CheckActivity(Verified token, Activity activity)
    {
        if (token.KeyId is null || !token.Keys.Endorsements.TryGetValue(token.KeyId, out var endorsed))
            return AuthenticationResult.Fail("signing key has no endorsements");
        if (!string.IsNullOrEmpty(activity.ChannelId) && !endorsed.Contains(activity.ChannelId))
            return AuthenticationResult.Fail($"signing key does not endorse channel {activity.ChannelId}");

        if (string.IsNullOrEmpty(token.ServiceUrl))
            return AuthenticationResult.Fail("serviceurl claim missing");
        if (!string.Equals(token.ServiceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
            return AuthenticationResult.Fail("serviceurl claim does not match activity.serviceUrl");

        return AuthenticationResult.Success;
    }

    /// <summary>The token as verified earlier against the key set in force now; null when it was not, or keys changed.</summary>
    private async Task<Verified?> RememberedAsync(string token, CancellationToken cancellationToken)
    {
        if (!_verified.TryGetValue(token, out var verified)) return null;
        try
        {
            if (ReferenceEquals(verified.Keys, await _keys.GetConfigurationAsync(cancellationToken))) return verified;
        }
        catch (InvalidOperationException)
        {
            // Metadata unreachable: the full path below answers (and logs) as it always did.
        }

        _verified.Clear(); // a new key set: nothing verified against the old one counts any more
        return null;
    }

    private void Remember(string token, Verified verified)
    {
        if (_verified.Count >= MaxRemembered) _verified.Clear();
        _verified[token] = verified;
    }

    /// <summary>The validation's result and the key set it used (null when the keys could not be had).</summary>
    private async Task<(TokenValidationResult Result, BotSigningKeys? Keys)> ValidateAsync(string token, bool refresh, CancellationToken cancellationToken)
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
            return (new TokenValidationResult { IsValid = false, Exception = ex }, null);
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
            ClockSkew = ClockSkew,
            ValidAlgorithms = AllowedAlgorithms,
            IssuerSigningKeys = keys.Keys,
            // A token naming an unknown kid is refused, as the SDK does; never fall back to "any published key".
            TryAllIssuerSigningKeys = false,
        };
        return (await _handler.ValidateTokenAsync(token, parameters), keys);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Framework OpenID metadata unavailable ({Reason}); refresh={Refresh}")]
    private static partial void LogMetadataUnavailable(ILogger logger, string reason, bool refresh);
}
