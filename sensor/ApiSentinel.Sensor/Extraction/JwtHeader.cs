using System.Buffers.Text;
using System.Text.Json;

namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Recognises a JWT (JWS compact form: three base64url parts) and reads its header's <c>alg</c>. Only the header
/// is decoded; the claims and signature are never looked at, let alone kept.
/// </summary>
public static class JwtHeader
{
    // Interned so that the common algorithms cost no allocation per request; anything else is reported as "other"
    // rather than echoing attacker-chosen text.
    private static readonly string[] KnownAlgorithms =
    [
        "none", "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512",
        "PS256", "PS384", "PS512", "EdDSA", "ES256K",
    ];

    /// <summary>True when <paramref name="token"/> looks like a JWT; <paramref name="algorithm"/> is its alg, or "other".</summary>
    public static bool TryRead(ReadOnlySpan<byte> token, out string? algorithm)
    {
        algorithm = null;
        var firstDot = token.IndexOf((byte)'.');
        if (firstDot < 4 || token[0] != 'e' || token[1] != 'y')
        {
            return false; // a JSON header always base64url-encodes to "ey…"
        }
        var rest = token[(firstDot + 1)..];
        var secondDot = rest.IndexOf((byte)'.');
        if (secondDot < 0 || rest[(secondDot + 1)..].Contains((byte)'.'))
        {
            return false;
        }
        var header = token[..firstDot];
        var signature = rest[(secondDot + 1)..];
        // An unsecured JWT (alg "none") has an empty signature part; that is exactly the one worth flagging.
        if (header.Length > 2048 || !IsBase64Url(header) || !IsBase64Url(rest[..secondDot]) ||
            (!signature.IsEmpty && !IsBase64Url(signature)))
        {
            return false;
        }
        Span<byte> json = stackalloc byte[Base64Url.GetMaxDecodedLength(header.Length)];
        if (Base64Url.DecodeFromUtf8(header, json, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }
        return TryReadAlgorithm(json[..written], out algorithm);
    }

    private static bool TryReadAlgorithm(ReadOnlySpan<byte> json, out string? algorithm)
    {
        algorithm = null;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isAlg = reader.ValueTextEquals("alg"u8);
                if (!reader.Read())
                {
                    return false;
                }
                if (isAlg && reader.TokenType == JsonTokenType.String)
                {
                    algorithm = Normalise(ref reader);
                    return true;
                }
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            return false;
        }
        return false;
    }

    /// <summary>
    /// The alg as one of <see cref="KnownAlgorithms"/>, compared case-insensitively: libraries that accepted
    /// <c>"NONE"</c> or <c>"nOnE"</c> as unsigned are why "none" must be found in any case. Anything else is
    /// "other", never the attacker's text.
    /// </summary>
    private static string Normalise(ref Utf8JsonReader reader)
    {
        const int MaxAlgorithmLength = 16;
        if (reader.ValueSpan.Length > MaxAlgorithmLength * 6)
        {
            return Other;
        }
        Span<char> chars = stackalloc char[MaxAlgorithmLength * 6];
        int n;
        try
        {
            n = reader.CopyString(chars);
        }
        catch (InvalidOperationException)
        {
            return Other; // escapes that decode to invalid UTF-8
        }
        var alg = chars[..n];
        foreach (var known in KnownAlgorithms)
        {
            if (alg.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }
        return Other;
    }

    private const string Other = "other";

    private static bool IsBase64Url(ReadOnlySpan<byte> part) =>
        !part.IsEmpty && !part.ContainsAnyExcept(Base64UrlAlphabet);

    private static readonly System.Buffers.SearchValues<byte> Base64UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_="u8);
}
