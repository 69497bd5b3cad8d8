using System.Text;
using ApiSentinel.Sensor.Extraction.Sensitive;

namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Turns the request target into the text that may leave the sensor: the target as sent, except that userinfo
/// (in every target form, <see cref="TargetAuthority"/>), a host that is not one or holds data, the values of
/// credential query parameters, parameter names that are data, and every path segment (also with the number
/// written behind separators: <c>card_4111…</c>, <c>4111.1111.1111.1111</c>) or query value in which a detector
/// found sensitive data, are replaced by <c>REDACTED</c>. Structure (paths, parameter names) stays intact, which is
/// what the catalog needs. Matches are reported to <see cref="SensitiveFindings"/> with their location.
/// </summary>
internal sealed class TargetRedactor
{
    private const string Redacted = Placeholders.Redacted;

    /// <summary>Query parameters described per request; a target with more is hostile or generated.</summary>
    private const int MaxParameters = 64;

    private readonly ExtractionOptions _options;
    private readonly SensitiveDataScanner _scanner;
    private readonly List<SensitiveMatch> _matches = [];
    private readonly StringBuilder _builder = new(256);
    private char[] _decoded = new char[256];
    private readonly Dictionary<string, string> _locations = new(StringComparer.Ordinal);
    private readonly TokenPool _parameterNames = new(lowerCase: false);

    private readonly FieldShapePool _shapes;
    private HostVerdict _host;
    private readonly NameScreen _names;
    private readonly ExtractionCounters _counters;

    public TargetRedactor(ExtractionOptions options, NameScreen names, FieldShapePool shapes, ExtractionCounters counters)
    {
        _options = options;
        _names = names;
        _scanner = names.Scanner;
        _shapes = shapes;
        _counters = counters;
    }

    /// <summary>
    /// Returns the redacted target, and appends each query parameter's decoded name and value kind to
    /// <paramref name="parameters"/>. <paramref name="path"/> is the redacted target's path — query and fragment
    /// removed, the authority of an absolute-form target removed as <see cref="TargetAuthority"/> reads it
    /// (<c>/</c> when it has no path) — or null for authority-form (CONNECT) and <c>*</c>, which have none. A target
    /// that starts with <c>//</c> is origin-form (<c>//users/42</c> is that path, first segment empty): only a
    /// userinfo-looking part is redacted (<c>//u:p@h/x</c> → <c>//REDACTED@h/x</c>, path and all). The catalog keys
    /// calls by it: one parser for absolute-form targets, so the path and the host cannot disagree.
    /// </summary>
    public string Redact(ReadOnlySpan<byte> target, SensitiveFindings findings, List<FieldShape> parameters, out HostVerdict host,
        out string? path)
    {
        _builder.Clear();
        _host = HostVerdict.Echoed;
        // The authority first: a password may hold '?', '#' or '/', which must not be read as the query, the
        // fragment or the path.
        var authority = TargetAuthority.Parse(target);
        var originForm = !authority.HasAuthority || authority.IsNetworkPath;
        var rest = authority.IsNetworkPath ? AppendNetworkPathUserinfo(authority, target)
            : authority.HasAuthority ? AppendAuthority(authority, findings)
            : target;
        // A fragment has no business on the wire; when a client sends one anyway it is often a token
        // (#access_token=…), so nothing after '#' is kept.
        var hash = rest.IndexOf((byte)'#');
        var withoutFragment = hash < 0 ? rest : rest[..hash];
        var queryStart = withoutFragment.IndexOf((byte)'?');
        var rawPath = queryStart < 0 ? withoutFragment : withoutFragment[..queryStart];
        // Origin-form: the path is everything before the query, a redacted "//REDACTED@" included.
        var pathStart = originForm ? 0 : _builder.Length;
        // A URL with a password inside the path (/proxy/http://bob:pw@h/): its userinfo goes, the rest is a path.
        if (EmbeddedUserinfo.TryFindEncoded(rawPath, out var userinfoStart, out var userinfoEnd))
        {
            AppendPath(rawPath[..userinfoStart], findings);
            _builder.Append(Redacted);
            AppendPath(rawPath[userinfoEnd..], findings);
        }
        else
        {
            AppendPath(rawPath, findings);
        }
        var pathEnd = _builder.Length;
        if (queryStart >= 0)
        {
            _builder.Append('?');
            AppendQuery(withoutFragment[(queryStart + 1)..], findings, parameters);
        }
        if (hash >= 0)
        {
            _builder.Append('#').Append(Redacted);
        }
        host = _host;
        var redacted = _builder.ToString();
        var hasPath = authority.IsNetworkPath || (authority.HasAuthority ? !authority.IsAuthorityForm : !rawPath.IsEmpty && rawPath[0] == (byte)'/');
        path = !hasPath ? null
            : pathEnd == pathStart ? "/"
            : pathStart == 0 && pathEnd == redacted.Length ? redacted // origin-form without a query: no second string
            : redacted[pathStart..pathEnd];
        return redacted;
    }

    /// <summary>
    /// An origin-form target that starts with <c>//</c>: writes <c>//</c>, and <c>REDACTED@</c> in place of what
    /// <see cref="TargetAuthority"/> reads as userinfo (a password may hold '/', '?' or '#', so this screen runs
    /// before the path and the query are split); returns the rest, a path from the would-be host on.
    /// </summary>
    private ReadOnlySpan<byte> AppendNetworkPathUserinfo(TargetAuthority authority, ReadOnlySpan<byte> target)
    {
        if (!authority.HasUserinfo)
        {
            return target;
        }
        AppendText(authority.Prefix);
        _builder.Append(Redacted).Append('@');
        return target[(target.Length - authority.HostPort.Length - authority.Rest.Length)..];
    }

    /// <summary>
    /// Writes <c>scheme://</c> and the authority, with any userinfo — a user name and password in
    /// clear — replaced by REDACTED, and a host that is not one, or that holds sensitive data, replaced too;
    /// returns what follows the authority.
    /// </summary>
    private ReadOnlySpan<byte> AppendAuthority(TargetAuthority authority, SensitiveFindings findings)
    {
        AppendText(authority.Prefix);
        if (authority.HasUserinfo)
        {
            _builder.Append(Redacted).Append('@');
        }
        var host = authority.HostPort;
        if (!HostSyntax.IsValid(host))
        {
            _host = HostVerdict.Invalid;
            _builder.Append(Redacted);
        }
        else if (ScanHost(host) > 0)
        {
            findings.Add(_matches, ExtractionLocations.TargetAuthority, DecodedSpan(host, plusIsSpace: false));
            _host = HostVerdict.Redacted;
            _builder.Append(Redacted);
        }
        else
        {
            AppendText(host);
        }
        return authority.Rest;
    }

    private int ScanHost(ReadOnlySpan<byte> host) => _names.ScanEmbedded(DecodedSpan(host, plusIsSpace: false), _matches);

    private void AppendPath(ReadOnlySpan<byte> path, SensitiveFindings findings)
    {
        var start = 0;
        while (start <= path.Length)
        {
            var slash = path[start..].IndexOf((byte)'/');
            var end = slash < 0 ? path.Length : start + slash;
            var segment = path[start..end];
            // Matrix parameters (/users;jsessionid=…): the segment is kept, their values are not.
            var semicolon = segment.IndexOf((byte)';');
            var parameters = semicolon < 0 ? default : segment[semicolon..];
            segment = semicolon < 0 ? segment : segment[..semicolon];
            // Detectors on the segment and on its separator-normalised form: "card_4111…", "4111.1111.1111.1111".
            if (!segment.IsEmpty && _names.ScanEmbedded(DecodedSpan(segment, plusIsSpace: false), _matches) > 0)
            {
                findings.Add(_matches, ExtractionLocations.Path, DecodedSpan(segment, plusIsSpace: false));
                _builder.Append(Redacted);
            }
            else if (!segment.IsEmpty && NameShape.IsRandomValue(DecodedSpan(segment, plusIsSpace: false)))
            {
                // /reset/Zq7pW3xK9mR2vT5nA8bC: a token, not a resource name (ids stay: the catalog templates them).
                _builder.Append(Redacted);
            }
            else
            {
                AppendText(segment);
            }
            AppendMatrixParameters(parameters);
            if (slash < 0)
            {
                break;
            }
            _builder.Append('/');
            start = end + 1;
        }
    }

    /// <summary>Writes <c>;name=REDACTED</c> for each matrix parameter (names kept, values never).</summary>
    private void AppendMatrixParameters(ReadOnlySpan<byte> parameters)
    {
        foreach (var range in parameters.Split((byte)';'))
        {
            var pair = parameters[range];
            if (pair.IsEmpty)
            {
                continue;
            }
            var eq = pair.IndexOf((byte)'=');
            _builder.Append(';');
            if (eq < 0)
            {
                AppendText(pair);
                continue;
            }
            AppendText(pair[..eq]);
            _builder.Append('=').Append(Redacted);
        }
    }

    private void AppendQuery(ReadOnlySpan<byte> query, SensitiveFindings findings, List<FieldShape> shapes)
    {
        var parameters = new QueryParameters(query);
        var written = 0;
        while (parameters.MoveNext())
        {
            // Keep separators and empty pairs exactly as sent.
            AppendText(query[written..parameters.NameStart]);
            // A name can carry data too (?4111111111111111, ?eyJhbGci…, ?<random token>): screened like any
            // name, and then neither written nor described — nor pooled: data is never kept.
            string name;
            var verdict = _names.Screen(DecodedSpan(parameters.Name, plusIsSpace: true), _matches);
            if (verdict != NameVerdict.Plain)
            {
                if (verdict == NameVerdict.Sensitive)
                {
                    findings.Add(_matches, ExtractionLocations.Query, DecodedSpan(parameters.Name, plusIsSpace: true));
                }
                _counters.NamesWithheld++;
                _builder.Append(Redacted);
                name = Redacted;
            }
            else
            {
                // Names repeat across requests: shared instances unless escaped (then decoded, and not remembered).
                name = parameters.Name.IndexOfAny((byte)'%', (byte)'+') < 0
                    ? _parameterNames.Get(parameters.Name)
                    : PercentDecoding.DecodeToString(parameters.Name, plusIsSpace: true);
                AppendText(parameters.Name);
            }
            written = parameters.NameStart + parameters.NameLength;
            var value = parameters.Value;
            var decoded = value.IsEmpty ? default : DecodedSpan(value, plusIsSpace: true);
            if (shapes.Count < MaxParameters)
            {
                shapes.Add(_shapes.Get(name, ValueKind.Of(decoded)));
            }
            if (!parameters.HasValue)
            {
                continue;
            }
            _builder.Append('=');
            written = parameters.ValueStart + parameters.ValueLength;
            if (value.IsEmpty)
            {
                continue;
            }
            _matches.Clear();
            if (_scanner.ScanValue(decoded, name, _matches) > 0)
            {
                findings.Add(_matches, LocationOf(name), decoded);
                _builder.Append(Redacted);
            }
            else if (_options.SecretQueryParameters.Contains(name) || _options.ApiKeyQueryParameters.Contains(name))
            {
                _builder.Append(Redacted);
            }
            else if (EmbeddedUserinfo.TryFindEncoded(value, out var userinfoStart, out var userinfoEnd))
            {
                // ?next=http://bob:pw@int.example/, escaped or not: the URL stays, its password does not.
                AppendText(value[..userinfoStart]);
                _builder.Append(Redacted);
                AppendText(value[userinfoEnd..]);
            }
            else if (NameShape.IsRandomValue(decoded))
            {
                // A value of random-token shape is a credential whatever its name (?t=Zq7pW3xK9mR2vT5nA8bC).
                _builder.Append(Redacted);
            }
            else
            {
                AppendText(value);
            }
        }
        AppendText(query[written..]);
    }

    private ReadOnlySpan<char> DecodedSpan(ReadOnlySpan<byte> encoded, bool plusIsSpace)
    {
        if (_decoded.Length < encoded.Length)
        {
            _decoded = new char[Math.Max(encoded.Length, _decoded.Length * 2)];
        }
        var n = PercentDecoding.Decode(encoded, _decoded, plusIsSpace);
        return _decoded.AsSpan(0, n);
    }

    private string LocationOf(string parameterName)
    {
        if (!_locations.TryGetValue(parameterName, out var location))
        {
            location = ExtractionLocations.QueryParameter(parameterName);
            if (_locations.Count < 4096)
            {
                _locations[parameterName] = location;
            }
        }
        return location;
    }

    /// <summary>Appends wire bytes as text: UTF-8 when valid, otherwise byte-for-byte (Latin-1) so nothing is lost.</summary>
    private void AppendText(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }
        if (Ascii.IsValid(bytes) || System.Text.Unicode.Utf8.IsValid(bytes))
        {
            Span<char> chars = bytes.Length <= 512 ? stackalloc char[bytes.Length] : new char[bytes.Length];
            var n = Encoding.UTF8.GetChars(bytes, chars);
            _builder.Append(chars[..n]);
        }
        else
        {
            Span<char> chars = bytes.Length <= 512 ? stackalloc char[bytes.Length] : new char[bytes.Length];
            var n = Encoding.Latin1.GetChars(bytes, chars);
            _builder.Append(chars[..n]);
        }
    }
}
