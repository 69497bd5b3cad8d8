using System.Buffers.Text;
using System.Globalization;
using System.Text;
using ApiSentinel.Bench.Accuracy.SpecModel;

namespace ApiSentinel.Bench.Accuracy.Generation;

/// <summary>
/// One client's credentials, fixed for the run as a real client's would be: an RS256 JWT with a realistic header
/// and claims (random signature bytes), an API key, and a Basic user/password.
/// </summary>
internal sealed class ClientCredentials
{
    private readonly string _jwt;
    private readonly string _apiKey;
    private readonly string _basic;

    public ClientCredentials(Random random, string username)
    {
        var header = """{"alg":"RS256","typ":"JWT","kid":"k""" + random.Next(1, 9).ToString(CultureInfo.InvariantCulture) + "\"}";
        var issued = 1_717_000_000 + random.Next(0, 3_000_000);
        var payload = string.Create(CultureInfo.InvariantCulture,
            $$"""{"iss":"https://auth.bench.example/","sub":"{{username}}","aud":"api","iat":{{issued}},"exp":{{issued + 3600}},"scope":"read write"}""");
        var signature = new byte[256];
        random.NextBytes(signature);
        _jwt = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{Base64Url.EncodeToString(signature)}";
        var key = new byte[24];
        random.NextBytes(key);
        _apiKey = Convert.ToHexStringLower(key);
        _basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{Convert.ToHexStringLower(key.AsSpan(0, 8))}"));
    }

    /// <summary>The Authorization header value, or null when the scheme does not use it.</summary>
    public string? AuthorizationHeader(OperationAuth auth) => auth.Kind switch
    {
        AuthKind.BearerJwt => "Bearer " + _jwt,
        AuthKind.Basic => "Basic " + _basic,
        _ => null,
    };

    public string ApiKey => _apiKey;
}
