using System.Text;
using ApiSentinel.Sensor.Extraction.Sensitive;

namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Turns the request target into the text that may leave the sensor: the target as sent, except that the
/// values of credential query parameters, and every path segment or query value in which a detector found
/// sensitive data, are replaced by <c>REDACTED</c>. Structure (paths, parameter names) stays intact, which is
/// what the catalog needs. Matches are reported to <see cref="SensitiveFindings"/> with their location.
/// </summary>
internal sealed class TargetRedactor
{
    public const string Redacted = "REDACTED";

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

    public TargetRedactor(ExtractionOptions options, SensitiveDataScanner scanner, FieldShapePool shapes)
    {
        _options = options;
        _scanner = scanner;
        _shapes = shapes;
    }

    /// <summary>
    /// Returns the redacted target, and appends each query parameter's decoded name and value kind to
    /// <paramref name="parameters"/>.
    /// </summary>
    public string Redact(ReadOnlySpan<byte> target, SensitiveFindings findings, List<FieldShape> parameters)
    {
        _builder.Clear();
        var queryStart = target.IndexOf((byte)'?');
        var path = queryStart < 0 ? target : target[..queryStart];
        AppendPath(path, findings);
        if (queryStart >= 0)
        {
            _builder.Append('?');
            AppendQuery(target[(queryStart + 1)..], findings, parameters);
        }
        return _builder.ToString();
    }

    private void AppendPath(ReadOnlySpan<byte> path, SensitiveFindings findings)
    {
        var start = 0;
        while (start <= path.Length)
        {
            var slash = path[start..].IndexOf((byte)'/');
            var end = slash < 0 ? path.Length : start + slash;
            var segment = path[start..end];
            if (!segment.IsEmpty && ScanDecoded(segment, null, plusIsSpace: false) > 0)
            {
                findings.Add(_matches, "request.path", DecodedSpan(segment, plusIsSpace: false));
                _builder.Append(Redacted);
            }
            else
            {
                AppendText(segment);
            }
            if (slash < 0)
            {
                break;
            }
            _builder.Append('/');
            start = end + 1;
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
            // Names repeat across requests: shared instances unless escaped (then decoded, and not remembered).
            var name = parameters.Name.IndexOfAny((byte)'%', (byte)'+') < 0
                ? _parameterNames.Get(parameters.Name)
                : PercentDecoding.DecodeToString(parameters.Name, plusIsSpace: true);
            AppendText(parameters.Name);
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
            else
            {
                AppendText(value);
            }
        }
        AppendText(query[written..]);
    }

    private int ScanDecoded(ReadOnlySpan<byte> encoded, string? fieldName, bool plusIsSpace)
    {
        _matches.Clear();
        return _scanner.ScanValue(DecodedSpan(encoded, plusIsSpace), fieldName, _matches);
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
            location = "request.query." + parameterName;
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
