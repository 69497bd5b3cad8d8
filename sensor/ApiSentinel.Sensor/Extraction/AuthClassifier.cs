using System.Security.Cryptography;
using System.Text;
using ApiSentinel.Sensor.Http;

namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Decides which credential a request carried — from the Authorization header, API-key headers, API-key query
/// parameters and session cookies — and keeps only its kind, location, JWT algorithm and a keyed fingerprint.
/// When a request carries several, the strongest (by <see cref="AuthKind"/> order) is reported.
/// </summary>
public sealed class AuthClassifier
{
    private readonly ExtractionOptions _options;
    private readonly Dictionary<string, string> _locationCache = new(StringComparer.Ordinal);

    public AuthClassifier(ExtractionOptions options)
    {
        _options = options;
    }

    public AuthObservation Classify(ParsedRequest request)
    {
        var best = AuthObservation.None;
        var headers = request.Headers;
        for (var i = 0; i < headers.Count; i++)
        {
            var name = headers.NameAt(i);
            var value = headers.ValueAt(i);
            AuthObservation? found = null;
            if (Ascii.EqualsIgnoreCase(name, "authorization"u8) || Ascii.EqualsIgnoreCase(name, "proxy-authorization"u8))
            {
                found = FromAuthorization(value, Ascii.EqualsIgnoreCase(name, "authorization"u8) ? "header:authorization" : "header:proxy-authorization");
            }
            else if (Ascii.EqualsIgnoreCase(name, "cookie"u8))
            {
                found = FromCookies(value);
            }
            else if (value.Length > 0 && IsApiKeyHeader(name))
            {
                found = Credential(AuthKind.ApiKey, Location("header:", name), value);
            }
            if (found is not null && found.Kind > best.Kind)
            {
                best = found;
            }
        }

        var query = new QueryParameters(QueryParameters.OfTarget(request.Target));
        while (query.MoveNext())
        {
            if (query.ValueLength == 0 || !IsApiKeyParameter(query.Name))
            {
                continue;
            }
            var value = query.Value;
            var found = JwtHeader.TryRead(value, out var alg)
                ? new AuthObservation(AuthKind.Jwt, Location("query:", query.Name), alg, Fingerprint(value))
                : Credential(AuthKind.ApiKey, Location("query:", query.Name), value);
            if (found.Kind > best.Kind)
            {
                best = found;
            }
        }
        return best;
    }

    private AuthObservation FromAuthorization(ReadOnlySpan<byte> value, string location)
    {
        var space = value.IndexOf((byte)' ');
        var scheme = space < 0 ? value : value[..space];
        var credentials = space < 0 ? default : value[(space + 1)..].Trim((byte)' ');
        if (Ascii.EqualsIgnoreCase(scheme, "bearer"u8))
        {
            return JwtHeader.TryRead(credentials, out var alg)
                ? new AuthObservation(AuthKind.Jwt, location, alg, Fingerprint(credentials))
                : Credential(AuthKind.Bearer, location, credentials);
        }
        var kind = scheme switch
        {
            _ when Ascii.EqualsIgnoreCase(scheme, "basic"u8) => AuthKind.Basic,
            _ when Ascii.EqualsIgnoreCase(scheme, "digest"u8) => AuthKind.Digest,
            _ when Ascii.EqualsIgnoreCase(scheme, "negotiate"u8) || Ascii.EqualsIgnoreCase(scheme, "ntlm"u8) => AuthKind.Negotiate,
            _ when credentials.IsEmpty && JwtHeader.TryRead(scheme, out _) => AuthKind.Jwt, // "Authorization: <jwt>" without a scheme
            _ => AuthKind.Other,
        };
        if (kind == AuthKind.Jwt)
        {
            JwtHeader.TryRead(scheme, out var bareAlg);
            return new AuthObservation(AuthKind.Jwt, location, bareAlg, Fingerprint(scheme));
        }
        return Credential(kind, location, credentials.IsEmpty ? value : credentials);
    }

    private AuthObservation? FromCookies(ReadOnlySpan<byte> cookieHeader)
    {
        AuthObservation? best = null;
        foreach (var range in cookieHeader.Split((byte)';'))
        {
            var pair = cookieHeader[range].Trim((byte)' ');
            var eq = pair.IndexOf((byte)'=');
            if (eq <= 0 || eq == pair.Length - 1)
            {
                continue;
            }
            var name = pair[..eq];
            var value = pair[(eq + 1)..].Trim((byte)'"');
            AuthObservation? found = null;
            if (JwtHeader.TryRead(value, out var alg))
            {
                found = new AuthObservation(AuthKind.Jwt, Location("cookie:", name), alg, Fingerprint(value));
            }
            else if (IsSessionCookie(name))
            {
                found = Credential(AuthKind.SessionCookie, Location("cookie:", name), value);
            }
            if (found is not null && (best is null || found.Kind > best.Kind))
            {
                best = found;
            }
        }
        return best;
    }

    private AuthObservation Credential(AuthKind kind, string location, ReadOnlySpan<byte> secret) =>
        new(kind, location, null, secret.IsEmpty ? null : Fingerprint(secret));

    /// <summary>
    /// A keyed hash of the credential, truncated to 64 bits: enough to count distinct credentials per endpoint,
    /// useless for recovering one (the key never leaves the process unless configured).
    /// </summary>
    private string Fingerprint(ReadOnlySpan<byte> secret)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_options.FingerprintKey, secret, mac);
        return Convert.ToHexStringLower(mac[..8]);
    }

    private bool IsApiKeyHeader(ReadOnlySpan<byte> name) => NameIn(_options.ApiKeyHeaders, name);

    private bool IsApiKeyParameter(ReadOnlySpan<byte> name) => NameIn(_options.ApiKeyQueryParameters, name);

    private bool IsSessionCookie(ReadOnlySpan<byte> name)
    {
        if (NameIn(_options.SessionCookieNames, name))
        {
            return true;
        }
        Span<char> lower = stackalloc char[Math.Min(name.Length, 128)];
        var n = Ascii.ToLower(name[..lower.Length], lower, out var written) == System.Buffers.OperationStatus.Done ? written : 0;
        var text = lower[..n];
        return text.Contains("session", StringComparison.Ordinal) || text.Contains("sess", StringComparison.Ordinal) ||
               text.Contains("auth", StringComparison.Ordinal);
    }

    private static bool NameIn(HashSet<string> set, ReadOnlySpan<byte> name)
    {
        if (name.Length > 128)
        {
            return false;
        }
        Span<char> chars = stackalloc char[name.Length];
        var n = Encoding.Latin1.GetChars(name, chars);
        return set.GetAlternateLookup<ReadOnlySpan<char>>().Contains(chars[..n]);
    }

    /// <summary>Location strings are built once per distinct name: they leave the sensor on every record.</summary>
    private string Location(string prefix, ReadOnlySpan<byte> name)
    {
        Span<char> chars = stackalloc char[prefix.Length + Math.Min(name.Length, 128)];
        prefix.CopyTo(chars);
        var n = Encoding.Latin1.GetChars(name[..Math.Min(name.Length, 128)], chars[prefix.Length..]);
        var key = chars[..(prefix.Length + n)];
        Ascii.ToLowerInPlace(key[prefix.Length..], out _);
        var lookup = _locationCache.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(key, out var location))
        {
            location = new string(key);
            if (_locationCache.Count < 4096)
            {
                _locationCache[location] = location;
            }
        }
        return location;
    }
}
