using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace TraAM.Bot.Protocol.Authentication;

/// <summary>
/// The Bot Framework's published signing keys with their channel endorsements, fetched together so the two can
/// never disagree. IdentityModel drops the non-standard <c>endorsements</c> member of a JWK, hence our own retriever.
/// </summary>
public sealed class BotSigningKeys
{
    public required IReadOnlyList<SecurityKey> Keys { get; init; }

    /// <summary>kid → channels the key may sign for (e.g. <c>msteams</c>); ordinal, as the SDK's HashSet.</summary>
    public required IReadOnlyDictionary<string, HashSet<string>> Endorsements { get; init; }
}

internal sealed class BotSigningKeysRetriever : IConfigurationRetriever<BotSigningKeys>
{
    public async Task<BotSigningKeys> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var metadata = await retriever.GetDocumentAsync(address, cancel);
        string jwksUri;
        using (var doc = JsonDocument.Parse(metadata))
        {
            jwksUri = doc.RootElement.TryGetProperty("jwks_uri", out var uri) && uri.ValueKind == JsonValueKind.String
                ? uri.GetString()!
                : throw new InvalidOperationException($"OpenID metadata at {address} has no jwks_uri.");
        }

        var jwks = await retriever.GetDocumentAsync(jwksUri, cancel);
        return Parse(jwks);
    }

    internal static BotSigningKeys Parse(string jwks)
    {
        var set = new JsonWebKeySet(jwks) { SkipUnresolvedJsonWebKeys = true };
        var endorsements = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        using (var doc = JsonDocument.Parse(jwks))
        {
            if (doc.RootElement.TryGetProperty("keys", out var keys) && keys.ValueKind == JsonValueKind.Array)
            {
                foreach (var key in keys.EnumerateArray())
                {
                    if (!key.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String) continue;
                    var channels = new HashSet<string>(StringComparer.Ordinal);
                    if (key.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var channel in list.EnumerateArray())
                        {
                            if (channel.ValueKind == JsonValueKind.String) channels.Add(channel.GetString()!);
                        }
                    }

                    endorsements[kid.GetString()!] = channels;
                }
            }
        }

        return new BotSigningKeys { Keys = [.. set.GetSigningKeys()], Endorsements = endorsements };
    }
}
