using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TraAM.Bot.Tests.Protocol;

/// <summary>Plays the Bot Framework channel: an RSA key published with endorsements, and tokens signed with it.</summary>
public sealed class TestIssuer : IDisposable
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RSA _rogue = RSA.Create(2048);

    public string KeyId { get; } = "test-key-1";

    /// <summary>The JWKS document as login.botframework.com publishes it, "endorsements" included.</summary>
    public string Jwks(params string[] endorsements)
    {
        var p = _rsa.ExportParameters(false);
        return JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", kid = KeyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent), endorsements },
            },
        });
    }

    public string Token(
        string audience = AppId,
        string issuer = "https://api.botframework.com",
        string? serviceUrl = ServiceUrl,
        TimeSpan? expiresIn = null,
        TimeSpan? notBeforeIn = null,
        bool rogue = false,
        string? kid = null,
        string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>();
        if (serviceUrl is not null) claims["serviceurl"] = serviceUrl;
        var key = new RsaSecurityKey(rogue ? _rogue : _rsa) { KeyId = kid ?? KeyId };
        var notBefore = now + (notBeforeIn ?? TimeSpan.FromMinutes(-5));
        var expires = now + (expiresIn ?? TimeSpan.FromHours(1));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            NotBefore = notBefore,
            Expires = expires,
            IssuedAt = notBefore < expires ? notBefore : expires.AddMinutes(-1),
            Subject = new ClaimsIdentity(),
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }

    public void Dispose()
    {
        _rsa.Dispose();
        _rogue.Dispose();
    }
}
