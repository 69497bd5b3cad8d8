using System.Buffers;
using System.Buffers.Text;
using ApiSentinel.Sensor.Buffers;

namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// JSON Web Tokens (JWS compact form): three base64url parts separated by dots, where header and payload both
/// decode to JSON objects ("eyJ" is base64 for <c>{"</c>) and the header names an "alg". Random base64 with dots,
/// or a five-part JWE, is not reported.
/// </summary>
internal static class JwtDetector
{
    private const int MaxHeaderChars = 8 * 1024;
    private const int StackDecodeBytes = 1024;

    /// <summary>Length of a JWT starting at <paramref name="start"/> (which holds "eyJ"), or 0.</summary>
    public static int MatchLength(ReadOnlySpan<char> s, int start)
    {
        if (start > 0 && IsBase64UrlChar(s[start - 1]))
        {
            return 0;
        }

        var headerEnd = PartEnd(s, start);
        if (headerEnd >= s.Length || s[headerEnd] != '.' || headerEnd - start > MaxHeaderChars)
        {
            return 0;
        }

        var payloadStart = headerEnd + 1;
        if (!s[payloadStart..].StartsWith("eyJ", StringComparison.Ordinal))
        {
            return 0;
        }

        var payloadEnd = PartEnd(s, payloadStart);
        if (payloadEnd >= s.Length || s[payloadEnd] != '.')
        {
            return 0;
        }

        // The signature may be empty ("alg":"none"); a further ".part" means this is not a 3-part JWS.
        var signatureEnd = PartEnd(s, payloadEnd + 1);
        if (signatureEnd + 1 < s.Length && s[signatureEnd] == '.' && IsBase64UrlChar(s[signatureEnd + 1]))
        {
            return 0;
        }

        var header = s[start..headerEnd];
        var payload = s[payloadStart..payloadEnd];
        return IsJsonObject(header, requireAlg: true) && IsJsonObject(payload, requireAlg: false) ? signatureEnd - start : 0;
    }

    private static int PartEnd(ReadOnlySpan<char> s, int start)
    {
        var rest = s[start..].IndexOfAnyExcept(Base64UrlChars);
        return rest < 0 ? s.Length : start + rest;
    }

    private static bool IsJsonObject(ReadOnlySpan<char> part, bool requireAlg)
    {
        var maxBytes = Base64Url.GetMaxDecodedLength(part.Length);
        byte[]? rented = null;
        var written = 0;
        var buffer = maxBytes <= StackDecodeBytes ? stackalloc byte[StackDecodeBytes] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var status = Base64Url.DecodeFromChars(part, buffer, out _, out written);
            if (status != OperationStatus.Done)
            {
                return false;
            }

            var json = buffer[..written].TrimEnd(" \t\r\n"u8);
            return json.Length >= 2 && json[0] == (byte)'{' && json[1] == (byte)'"' && json[^1] == (byte)'}' &&
                   (!requireAlg || json.IndexOf("\"alg\""u8) >= 0);
        }
        finally
        {
            if (rented is not null)
            {
                PayloadBuffers.ReturnWiped(rented, written); // decoded header and claims
            }
        }
    }

    private static readonly SearchValues<char> Base64UrlChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static bool IsBase64UrlChar(char c) => Base64UrlChars.Contains(c);
}
