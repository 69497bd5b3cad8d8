using System.Globalization;
using System.Text;

namespace ApiSentinel.Bench.TrafficGen;

/// <summary>
/// JWT-shaped bearer tokens (base64url header.payload.signature, HS256-looking), a fixed pool reused across
/// requests as real clients reuse a session token. Synthetic: they sign nothing and grant nothing.
/// </summary>
internal sealed class BearerTokenPool
{
    private readonly byte[][] _tokens;

    public BearerTokenPool(DeterministicRandom random, int count = 64)
    {
        _tokens = new byte[count][];
        string header = Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8);
        Span<byte> signature = stackalloc byte[32];
        for (int i = 0; i < count; i++)
        {
            long issuedAt = 1_714_560_000 + random.Next(3_600);
            string payload = "{\"sub\":\"" + random.Next(1, 99_999).ToString(CultureInfo.InvariantCulture)
                + "\",\"iss\":\"https://auth.example.com\",\"aud\":\"api\",\"scope\":\"orders:read orders:write profile\",\"iat\":"
                + issuedAt.ToString(CultureInfo.InvariantCulture) + ",\"exp\":" + (issuedAt + 3_600).ToString(CultureInfo.InvariantCulture) + "}";
            random.NextBytes(signature);
            _tokens[i] = Encoding.ASCII.GetBytes(header + "." + Base64Url(Encoding.UTF8.GetBytes(payload)) + "." + Base64Url(signature));
        }
    }

    public int Count => _tokens.Length;

    public ReadOnlySpan<byte> this[int index] => _tokens[index];

    private static string Base64Url(ReadOnlySpan<byte> data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
