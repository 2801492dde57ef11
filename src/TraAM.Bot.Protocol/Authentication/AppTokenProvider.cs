using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace TraAM.Bot.Protocol.Authentication;

public interface IAppTokenProvider
{
    /// <summary>The bot's app token for the Connector, or null in local mode (the Playground needs none).</summary>
    ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// OAuth 2.0 client credentials for <c>https://api.botframework.com/.default</c> (protocol.md §2.1), cached until
/// five minutes before expiry; one refresh at a time however many sends are waiting.
/// </summary>
internal sealed class AppTokenProvider(HttpClient http, IOptions<BotProtocolOptions> options, TimeProvider clock) : IAppTokenProvider, IDisposable
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _cached;

    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.IsLocalMode) return null;
        if (_cached is { } c && clock.GetUtcNow() < c.ExpiresAt - RefreshMargin) return c.Token;

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && clock.GetUtcNow() < again.ExpiresAt - RefreshMargin) return again.Token;
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = o.MicrosoftAppId,
                ["client_secret"] = o.MicrosoftAppPassword,
                ["scope"] = BotProtocolOptions.ConnectorScope,
            });
            using var response = await http.PostAsync(o.EffectiveTokenEndpoint, form, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                // The body names the Entra error (e.g. AADSTS7000215) but never echoes the secret.
                var error = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new BotTokenException($"Token endpoint answered {(int)response.StatusCode}: {Truncate(error)}");
            }

            var body = await response.Content.ReadFromJsonAsync(TokenJsonContext.Default.TokenResponse, cancellationToken)
                ?? throw new BotTokenException("Token endpoint answered an empty body.");
            if (string.IsNullOrEmpty(body.AccessToken)) throw new BotTokenException("Token endpoint answered no access_token.");
            _cached = (body.AccessToken, clock.GetUtcNow().AddSeconds(Math.Max(60, body.ExpiresIn)));
            return body.AccessToken;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private static string Truncate(string s) => s.Length <= 300 ? s : s[..300];
}

public sealed class BotTokenException(string message) : Exception(message);

internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

[JsonSerializable(typeof(TokenResponse))]
internal sealed partial class TokenJsonContext : JsonSerializerContext;
