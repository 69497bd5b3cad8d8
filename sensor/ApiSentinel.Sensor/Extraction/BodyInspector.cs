using System.Text;
using System.Text.Json;
using ApiSentinel.Sensor.Extraction.Sensitive;

namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Reads the inspected (decoded, bounded) prefix of a body for its structure and its sensitive data. JSON is
/// walked field by field: each field's path and kind (<c>$.user.id</c>, <c>integer</c>) is recorded for the
/// catalog's schema, and a finding gets a location like <c>response.body.$.user.ssn</c> with the field name
/// raising the scanner's confidence. Form bodies are read pair by pair; other text is scanned whole; binary
/// bodies are skipped.
/// A body cut by the inspection limit is read as far as it goes: JSON parsing stops quietly at the cut.
/// </summary>
internal sealed class BodyInspector
{
    private const int MaxDepth = 64;

    private readonly SensitiveDataScanner _scanner;
    private readonly List<SensitiveMatch> _matches = [];
    private readonly Dictionary<string, string> _locations = new(StringComparer.Ordinal);
    private char[] _chars = new char[1024];

    public BodyInspector(SensitiveDataScanner scanner, FieldShapePool shapes)
    {
        _scanner = scanner;
        _shapes = shapes;
    }

    /// <param name="prefix"><c>request.body</c> or <c>response.body</c>.</param>
    /// <param name="fields">Receives the body's JSON fields (path and kind), once each, for the catalog's schema.</param>
    public void Inspect(ReadOnlySpan<byte> body, string? mediaType, string prefix, SensitiveFindings findings, List<FieldShape> fields)
    {
        if (body.IsEmpty)
        {
            return;
        }
        var kind = Classify(body, mediaType);
        switch (kind)
        {
            case BodyKind.Json:
                InspectJson(body, prefix, findings, fields);
                break;
            case BodyKind.Form:
                InspectForm(body, prefix, findings);
                break;
            case BodyKind.Text:
                _matches.Clear();
                if (_scanner.ScanText(body, _matches) > 0)
                {
                    findings.Add(_matches, prefix, default);
                }
                break;
        }
    }

    private enum BodyKind { Binary, Json, Form, Text }

    private static BodyKind Classify(ReadOnlySpan<byte> body, string? mediaType)
    {
        if (mediaType is not null)
        {
            if (mediaType.EndsWith("json", StringComparison.Ordinal) || mediaType.Contains("+json", StringComparison.Ordinal))
            {
                return BodyKind.Json;
            }
            if (mediaType == "application/x-www-form-urlencoded")
            {
                return BodyKind.Form;
            }
            if (mediaType.StartsWith("text/", StringComparison.Ordinal) || mediaType.EndsWith("xml", StringComparison.Ordinal) ||
                mediaType.Contains("javascript", StringComparison.Ordinal) || mediaType.StartsWith("multipart/", StringComparison.Ordinal))
            {
                return BodyKind.Text;
            }
            if (mediaType.StartsWith("image/", StringComparison.Ordinal) || mediaType.StartsWith("video/", StringComparison.Ordinal) ||
                mediaType.StartsWith("audio/", StringComparison.Ordinal) || mediaType.StartsWith("font/", StringComparison.Ordinal) ||
                mediaType == "application/octet-stream" || mediaType.Contains("protobuf", StringComparison.Ordinal) ||
                mediaType.Contains("grpc", StringComparison.Ordinal) || mediaType.EndsWith("zip", StringComparison.Ordinal))
            {
                return BodyKind.Binary;
            }
        }
        // Unlabelled: sniff. APIs often omit or mislabel Content-Type.
        var first = body.TrimStart(" \t\r\n"u8);
        if (!first.IsEmpty && (first[0] == '{' || first[0] == '['))
        {
            return BodyKind.Json;
        }
        return LooksLikeText(body) ? BodyKind.Text : BodyKind.Binary;
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> body)
    {
        var sample = body[..Math.Min(body.Length, 512)];
        var control = 0;
        foreach (var b in sample)
        {
            if (b < 0x20 && b != '\r' && b != '\n' && b != '\t')
            {
                control++;
            }
        }
        return control * 20 < sample.Length;
    }

    private void InspectJson(ReadOnlySpan<byte> body, string prefix, SensitiveFindings findings, List<FieldShape> fields)
    {
        // isFinalBlock: false lets a body cut by the inspection limit end quietly instead of throwing.
        var reader = new Utf8JsonReader(body, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions
        {
            MaxDepth = MaxDepth,
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        }));
        // _containerPaths[d] is the JSON path of the open container at depth d ("$" for the root); _names[d] is
        // the field name that leads to it (the scanner's context for values inside an array).
        var depth = 0;
        string? property = null;
        _seen.Clear();
        try
        {
            while (reader.Read())
            {
                if (depth > 0 && _isArray[depth] && reader.TokenType is not (JsonTokenType.EndArray or JsonTokenType.Comment) &&
                    ++_elements[depth] > MaxArrayElementsInspected)
                {
                    // Past the sample: skip the element whole. TrySkip fails only when the element runs past the
                    // end of the inspected prefix, which ends the body anyway.
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                    {
                        break;
                    }
                    continue;
                }
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        var containerPath = depth == 0 ? "$" : _paths.Child(_containerPaths[depth], _isArray[depth] ? null : property);
                        if (depth > 0)
                        {
                            AddField(fields, containerPath, reader.TokenType == JsonTokenType.StartArray ? ValueKind.Array : ValueKind.Object);
                        }
                        _names[depth + 1] = depth == 0 ? null : _isArray[depth] ? _names[depth] : property;
                        depth++;
                        _containerPaths[depth] = containerPath;
                        _isArray[depth] = reader.TokenType == JsonTokenType.StartArray;
                        _elements[depth] = 0;
                        property = null;
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        depth = Math.Max(0, depth - 1);
                        property = null;
                        break;
                    case JsonTokenType.PropertyName:
                        property = PropertyName(ref reader);
                        break;
                    default:
                        if (depth > 0)
                        {
                            var inArray = _isArray[depth];
                            var path = _paths.Child(_containerPaths[depth], inArray ? null : property);
                            // A value in an array takes its context from the array's own name: "cards": ["4111…"].
                            ScanJsonValue(ref reader, path, inArray ? _names[depth] : property, prefix, findings, fields);
                        }
                        property = null;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: what was read before the error has been inspected; the rest is not JSON we can place.
        }
        catch (InvalidOperationException)
        {
            // An escaped string that unescapes to invalid UTF-8 (GetString/CopyString refuse it): same as above.
        }
    }

    private readonly string[] _containerPaths = new string[MaxDepth + 2];
    private readonly string?[] _names = new string?[MaxDepth + 2];
    private readonly bool[] _isArray = new bool[MaxDepth + 2];
    private readonly int[] _elements = new int[MaxDepth + 2];
    private readonly JsonPathPool _paths = new();
    private readonly HashSet<FieldShape> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly FieldShapePool _shapes;

    /// <summary>
    /// Elements inspected per JSON array. API responses are mostly lists of objects of one shape, and every
    /// element after the first few repeats the same paths and the same kinds of data: on the benchmark traffic,
    /// walking every element cost ~10 of the pipeline's 12 CPU seconds per GB. Sixteen elements find the
    /// schema and the sensitive-data locations; finding counts are then counts within the sample.
    /// </summary>
    internal const int MaxArrayElementsInspected = 16;

    /// <summary>Fields kept per body: enough for any API's schema, bounded against hostile bodies.</summary>
    private const int MaxFieldsPerBody = 256;

    private void AddField(List<FieldShape> fields, string path, string kind)
    {
        var shape = _shapes.Get(path, kind);
        if (fields.Count < MaxFieldsPerBody && _seen.Add(shape))
        {
            fields.Add(shape);
        }
    }

    private void ScanJsonValue(ref Utf8JsonReader reader, string path, string? fieldName, string prefix,
        SensitiveFindings findings, List<FieldShape> fields)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True or JsonTokenType.False:
                AddField(fields, path, ValueKind.Boolean);
                return;
            case JsonTokenType.Null:
                AddField(fields, path, ValueKind.Null);
                return;
            case JsonTokenType.String or JsonTokenType.Number:
                break;
            default:
                return;
        }
        var raw = reader.HasValueSequence ? default : reader.ValueSpan;
        if (_chars.Length < raw.Length)
        {
            _chars = new char[Math.Max(raw.Length, _chars.Length * 2)];
        }
        var length = reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped
            ? reader.CopyString(_chars)
            : Encoding.UTF8.GetChars(raw, _chars);
        var value = _chars.AsSpan(0, length);
        AddField(fields, path, reader.TokenType == JsonTokenType.Number
            ? value.ContainsAny('.', 'e', 'E') ? ValueKind.Number : ValueKind.Integer
            : ValueKind.OfJsonString(value));
        _matches.Clear();
        if (_scanner.ScanValue(value, fieldName, _matches) > 0)
        {
            findings.Add(_matches, _paths.Location(prefix, path), value);
        }
    }

    private const string LongName = "{long}";

    private string PropertyName(ref Utf8JsonReader reader)
    {
        var raw = reader.HasValueSequence ? default : reader.ValueSpan;
        Span<char> chars = stackalloc char[Math.Min(raw.Length, 128)];
        var n = reader.ValueIsEscaped || raw.Length > 128
            ? 0
            : Encoding.UTF8.GetChars(raw, chars);
        if (n == 0 && raw.Length > 0)
        {
            // Escaped or long: decoded, then interned like the rest (the path pools key on shared strings), and
            // names too long for a path share one placeholder instead of filling the pools with unique strings.
            if (raw.Length > JsonPathPool.MaxSegmentLength)
            {
                return LongName;
            }
            var decoded = reader.GetString() ?? "";
            if (_locations.TryGetValue(decoded, out var known))
            {
                return known;
            }
            if (_locations.Count < 8192)
            {
                _locations[decoded] = decoded;
            }
            return decoded;
        }
        var lookup = _locations.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars[..n], out var name))
        {
            return name;
        }
        name = new string(chars[..n]);
        if (_locations.Count < 8192)
        {
            _locations[name] = name;
        }
        return name;
    }

    private void InspectForm(ReadOnlySpan<byte> body, string prefix, SensitiveFindings findings)
    {
        var pairs = new QueryParameters(body);
        while (pairs.MoveNext())
        {
            if (pairs.ValueLength == 0)
            {
                continue;
            }
            var name = PercentDecoding.DecodeToString(pairs.Name, plusIsSpace: true);
            if (_chars.Length < pairs.ValueLength)
            {
                _chars = new char[Math.Max(pairs.ValueLength, _chars.Length * 2)];
            }
            var n = PercentDecoding.Decode(pairs.Value, _chars, plusIsSpace: true);
            var value = _chars.AsSpan(0, n);
            _matches.Clear();
            if (_scanner.ScanValue(value, name, _matches) > 0)
            {
                findings.Add(_matches, prefix + "." + name, value);
            }
        }
    }
}
