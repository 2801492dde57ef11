using System.Text.Json;
using Microsoft.Kiota.Abstractions.Authentication;

namespace TraAM.Bot.Meetings;

/// <summary>
/// App-only tokens for Graph from the configured token endpoint (client credentials). Our own small provider rather
/// than Azure.Identity, because Azure.Identity refuses an http authority and the test fake is http on loopback:
/// production and tests then run the very same code path.
/// </summary>
public sealed class ClientCredentialsTokenProvider(HttpClient http, GraphOptions options, TimeProvider time) : IAccessTokenProvider, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;

    public AllowedHostsValidator AllowedHostsValidator { get; } = new([new Uri(options.BaseUrl).Host]);

    public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null,
        CancellationToken cancellationToken = default)
    {
        if (!AllowedHostsValidator.IsUrlHostValid(uri)) return "";
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is not null && _expires > time.GetUtcNow().AddMinutes(5)) return _token;
            var endpoint = options.TokenEndpoint.Replace("{tenant}", options.TenantId, StringComparison.Ordinal);
            using var response = await http.PostAsync(endpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = options.ClientId,
                ["client_secret"] = options.ClientSecret,
                ["scope"] = GraphOptions.Scope,
            }), cancellationToken);
            // The body of a refused token request can echo the client id; the status says enough for the operator.
            if (!response.IsSuccessStatusCode)
                throw new MeetingCalendarException(MeetingCalendarFailure.Refused,
                    $"Le jeton Microsoft Graph a été refusé ({(int)response.StatusCode}) : vérifiez Graph__TenantId, Graph__ClientId et Graph__ClientSecret.");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            _token = body.GetProperty("access_token").GetString();
            _expires = time.GetUtcNow().AddSeconds(body.GetProperty("expires_in").GetInt32());
            return _token ?? "";
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
