using System.Text;
using ApiSentinel.Sensor.Extraction.Sensitive;
using ApiSentinel.Sensor.Http;

namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Decides which credential a request carried — from the Authorization header, API-key headers, API-key query
/// parameters, session cookies and userinfo (in the target, or — hostile or broken — in the Host header) — and
/// keeps only its kind, location, JWT algorithm and a keyed fingerprint. API-key headers and parameters are
/// the configured names plus any name the field-name rules call a credential (<c>X-Auth-Key</c>,
/// <c>X-Session-Token</c>, <c>?jwt=</c>). When a request carries several, the strongest (by
/// <see cref="AuthKind"/> order) is reported.
/// </summary>
public sealed class AuthClassifier
{
    private readonly ExtractionOptions _options;
    private readonly CredentialCache _credentials;
    private readonly Dictionary<string, string> _locationCache = new(StringComparer.Ordinal);
    private readonly NameScreen _screen;
    private readonly List<SensitiveMatch> _matches = [];

    public AuthClassifier(ExtractionOptions options)
        : this(options, new NameScreen(new SensitiveDataScanner(options.SensitiveData)))
    {
    }

    internal AuthClassifier(ExtractionOptions options, NameScreen screen, ExtractionCounters? counters = null)
    {
        _options = options;
        _credentials = new CredentialCache(options.FingerprintKey);
        _screen = screen;
        _counters = counters ?? new ExtractionCounters(); // standalone use: counted, nobody reads them
    }

    private readonly ExtractionCounters _counters;

    /// <summary>Where a cookie name that holds data is recorded (set per call by the extractor).</summary>
    private SensitiveFindings? _findings;

    /// <summary>
    /// As <see cref="Classify(ParsedRequest)"/>, and cookie names that hold data are counted (names withheld)
    /// and what a detector found in them is recorded in <paramref name="findings"/> at the cookie-name location.
    /// </summary>
    internal AuthObservation Classify(ParsedRequest request, SensitiveFindings findings)
    {
        _findings = findings;
        try
        {
            return Classify(request);
        }
        finally
        {
            _findings = null;
        }
    }

    public const string UserinfoLocation = "url:userinfo";
    public const string HostUserinfoLocation = "header:host";

    /// <summary>A URL with userinfo inside the request path (<c>/proxy/http://bob:pw@h/</c>).</summary>
    public const string PathUserinfoLocation = "url:path";

    /// <summary>A URL with userinfo in the value of a query parameter whose name is withheld.</summary>
    public const string QueryUserinfoLocation = "query";

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
            else if (Ascii.EqualsIgnoreCase(name, "host"u8))
            {
                // "Host: user:secret@h" is not HTTP, but it is a credential in clear all the same.
                HostSyntax.WithoutUserinfo(value.Trim(" \t"u8), out var userinfo);
                found = userinfo.IsEmpty ? null : Credential(AuthKind.Basic, HostUserinfoLocation, userinfo);
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

        // http://user:password@host/…, //user:password@host/…, CONNECT user:password@host:443: Basic
        // credentials in the URL itself, wherever the password's delimiters fall (TargetAuthority).
        var authority = TargetAuthority.Parse(request.Target);
        if (authority.HasUserinfo && !authority.Userinfo.IsEmpty)
        {
            var found = Credential(AuthKind.Basic, UserinfoLocation, authority.Userinfo);
            if (found.Kind > best.Kind)
            {
                best = found;
            }
        }

        // A URL with a password inside the path or a query value (/proxy/http://bob:pw@h/, ?next=http://bob:pw@h/,
        // ?db=postgres://app:pw@db/): Basic credentials in clear all the same (EmbeddedUserinfo).
        var rest = authority.Rest;
        var pathEnd = rest.IndexOfAny((byte)'?', (byte)'#');
        if (EmbeddedUserinfo.TryFindEncoded(pathEnd < 0 ? rest : rest[..pathEnd], out var pathStart, out var pathAt))
        {
            var found = Credential(AuthKind.Basic, PathUserinfoLocation, rest[pathStart..pathAt]);
            if (found.Kind > best.Kind)
            {
                best = found;
            }
        }

        var query = new QueryParameters(QueryParameters.OfTarget(authority.Rest));
        while (query.MoveNext())
        {
            if (query.ValueLength == 0)
            {
                continue;
            }
            if (best.Kind < AuthKind.Basic && EmbeddedUserinfo.TryFindEncoded(query.Value, out var start, out var at))
            {
                // Located by the parameter name only when that name is no data itself.
                var location = IsEchoable(query.Name) ? Location("query:", query.Name) : QueryUserinfoLocation;
                best = Credential(AuthKind.Basic, location, query.Value[start..at]);
            }
            if (!IsApiKeyParameter(query.Name))
            {
                continue;
            }
            var found = TokenOrKey(AuthKind.ApiKey, Location("query:", query.Name), query.Value);
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
            return TokenOrKey(AuthKind.Bearer, location, credentials);
        }
        if (credentials.IsEmpty)
        {
            // "Authorization: <jwt>" without a scheme is a bearer token in all but name.
            return TokenOrKey(AuthKind.Other, location, value);
        }
        var kind = scheme switch
        {
            _ when Ascii.EqualsIgnoreCase(scheme, "basic"u8) => AuthKind.Basic,
            _ when Ascii.EqualsIgnoreCase(scheme, "digest"u8) => AuthKind.Digest,
            _ when Ascii.EqualsIgnoreCase(scheme, "negotiate"u8) || Ascii.EqualsIgnoreCase(scheme, "ntlm"u8) => AuthKind.Negotiate,
            _ => AuthKind.Other,
        };
        return Credential(kind, location, credentials);
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
            // Classified by its real name, reported by it only when it is a plain token that holds no data.
            var reported = IsEchoableCookie(name) ? name : UnnamedCookie;
            var value = pair[(eq + 1)..].Trim((byte)'"');
            AuthObservation? found = null;
            var isSession = IsSessionCookie(name);
            // Only session-named cookies and JWT-shaped values are credentials; the "ey" test keeps preference
            // cookies (theme=dark) off the fingerprinting path.
            if (isSession || (value.Length > 20 && value[0] == 'e' && value[1] == 'y'))
            {
                var credential = _credentials.Get(value);
                if (credential.IsJwt)
                {
                    found = new AuthObservation(AuthKind.Jwt, Location("cookie:", reported), credential.JwtAlgorithm, credential.Fingerprint);
                }
                else if (isSession)
                {
                    found = new AuthObservation(AuthKind.SessionCookie, Location("cookie:", reported), null, credential.Fingerprint);
                }
            }
            if (found is not null && (best is null || found.Kind > best.Kind))
            {
                best = found;
            }
        }
        return best;
    }

    private AuthObservation Credential(AuthKind kind, string location, ReadOnlySpan<byte> secret) =>
        new(kind, location, null, secret.IsEmpty ? null : _credentials.Get(secret).Fingerprint);

    /// <summary>A token that is a JWT when it parses as one, otherwise <paramref name="kindIfOpaque"/>.</summary>
    private AuthObservation TokenOrKey(AuthKind kindIfOpaque, string location, ReadOnlySpan<byte> token)
    {
        if (token.IsEmpty)
        {
            return new AuthObservation(kindIfOpaque, location, null, null);
        }
        var credential = _credentials.Get(token);
        return credential.IsJwt
            ? new AuthObservation(AuthKind.Jwt, location, credential.JwtAlgorithm, credential.Fingerprint)
            : new AuthObservation(kindIfOpaque, location, null, credential.Fingerprint);
    }

    private static readonly byte[] UnnamedCookie = Encoding.ASCII.GetBytes(Placeholders.UnnamedCookie);

    private bool IsEchoable(ReadOnlySpan<byte> name)
    {
        Span<char> chars = stackalloc char[WireToken.MaxLength];
        return WireToken.IsSafeName(name) && _screen.Screen(name, chars, _matches, out _) == NameVerdict.Plain;
    }

    /// <summary><see cref="IsEchoable"/>, and a cookie name that is not is counted and, when a detector fired, located.</summary>
    private bool IsEchoableCookie(ReadOnlySpan<byte> name)
    {
        if (!WireToken.IsSafeName(name))
        {
            // Refused on syntax alone (an e-mail's '@'): what a detector finds in it is still located.
            if (name.Length <= NameScreen.MaxScreenedLength)
            {
                Span<char> text = stackalloc char[name.Length];
                var n = Encoding.Latin1.GetChars(name, text);
                if (_screen.ScanEmbedded(text[..n], _matches) > 0)
                {
                    _findings?.Add(_matches, ExtractionLocations.CookieName, text[..n]);
                }
            }
            _counters.NamesWithheld++;
            return false;
        }
        Span<char> chars = stackalloc char[WireToken.MaxLength];
        var verdict = _screen.Screen(name, chars, _matches, out var length);
        if (verdict == NameVerdict.Plain)
        {
            return true;
        }
        if (verdict == NameVerdict.Sensitive)
        {
            _findings?.Add(_matches, ExtractionLocations.CookieName, chars[..length]);
        }
        _counters.NamesWithheld++;
        return false;
    }

    private bool IsApiKeyHeader(ReadOnlySpan<byte> name) => IsApiKeyName(name, _options.ApiKeyHeaders, _apiKeyHeaders);

    private bool IsApiKeyParameter(ReadOnlySpan<byte> name) => IsApiKeyName(name, _options.ApiKeyQueryParameters, _apiKeyParameters);

    /// <summary>Per distinct lower-case header name: an API key by the configured list or the field-name rules.</summary>
    private readonly Dictionary<string, bool> _apiKeyHeaders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _apiKeyParameters = new(StringComparer.Ordinal);

    /// <summary>
    /// The configured names, or any name the field-name rules call a credential; remembered per distinct name
    /// (the rules cost about a microsecond, and every request repeats its names).
    /// </summary>
    private bool IsApiKeyName(ReadOnlySpan<byte> name, HashSet<string> configured, Dictionary<string, bool> cache)
    {
        if (name.IsEmpty || name.Length > 64)
        {
            return NameIn(configured, name);
        }
        Span<char> chars = stackalloc char[name.Length];
        var n = Encoding.Latin1.GetChars(name, chars);
        var lower = chars[..n];
        Ascii.ToLowerInPlace(lower, out _);
        var lookup = cache.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(lower, out var known))
        {
            return known;
        }
        var isKey = configured.GetAlternateLookup<ReadOnlySpan<char>>().Contains(lower) || FieldNameClassifier.IsCredentialName(lower);
        // Only names that are plain tokens are remembered: a name may be data, and data is never kept.
        if (cache.Count < 4096 && WireToken.IsSafeName(name) && _screen.Screen(lower, _matches) == NameVerdict.Plain)
        {
            lookup.TryAdd(lower, isKey);
        }
        return isKey;
    }

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
