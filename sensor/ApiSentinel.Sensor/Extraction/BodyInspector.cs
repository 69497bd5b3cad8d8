using System.Text;
using System.Text.Json;
using ApiSentinel.Sensor.Extraction.Sensitive;

namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Reads the inspected (decoded, bounded) prefix of a body for its structure and its sensitive data. JSON is
/// walked field by field: each field's path and kind (<c>$.user.id</c>, <c>integer</c>) is recorded for the
/// catalog's schema, and a finding gets a location like <c>response.body.$.user.ssn</c> with the field name
/// raising the scanner's confidence. Object keys are screened like values (<see cref="NameScreen"/>): a key that
/// is data — an e-mail, a card number, an id, a token, as in maps keyed by account — becomes <c>{key}</c> in the
/// path (<c>$.members.{key}.name</c>) and what a detector found in it is counted at that path. Form bodies are
/// read pair by pair, their names screened the same way; other text is scanned whole; binary bodies are skipped.
/// A body cut by the inspection limit is read as far as it goes: JSON parsing stops quietly at the cut.
/// </summary>
internal sealed class BodyInspector
{
    private const int MaxDepth = 64;

    private readonly SensitiveDataScanner _scanner;
    private readonly NameScreen _screen;
    private readonly ExtractionCounters _counters;
    private readonly List<SensitiveMatch> _matches = [];

    /// <summary>Plain keys seen, as shared strings (bounded). Keys that are data are never kept here.</summary>
    private readonly RecentNames<string> _keys = new(NameScreen.Capacity);
    private char[] _chars = new char[1024];
    private char[] _keyChars = new char[256];

    public BodyInspector(NameScreen screen, FieldShapePool shapes, ExtractionCounters counters)
    {
        _screen = screen;
        _scanner = screen.Scanner;
        _shapes = shapes;
        _counters = counters;
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
                InspectForm(body, prefix, findings, fields);
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
                        property = PropertyName(ref reader, depth, prefix, findings);
                        break;
                    default:
                        if (depth > 0)
                        {
                            var inArray = _isArray[depth];
                            var path = _paths.Child(_containerPaths[depth], inArray ? null : property);
                            // A value in an array takes its context from the array's own name: "cards": ["4111…"].
                            ScanJsonValue(ref reader, path, ContextOf(inArray ? _names[depth] : property), prefix, findings, fields);
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

    /// <summary>A placeholder says nothing about the values under it.</summary>
    private static string? ContextOf(string? name) =>
        ReferenceEquals(name, Placeholders.Key) || ReferenceEquals(name, Placeholders.Long) ? null : name;

    /// <summary>
    /// The key as it may appear in a path: itself when it is a name (a shared string: the path pools key on
    /// them), <c>{key}</c> when it is data, <c>{long}</c> when it is too long for a path.
    /// </summary>
    private string PropertyName(ref Utf8JsonReader reader, int depth, string prefix, SensitiveFindings findings)
    {
        var raw = reader.HasValueSequence ? default : reader.ValueSpan;
        if (raw.Length > NameScreen.MaxScreenedLength)
        {
            _counters.DataKeys++;
            return Placeholders.Long; // no name is this long, and screening it would cost a value scan per key
        }
        if (_keyChars.Length < raw.Length)
        {
            _keyChars = new char[Math.Max(raw.Length, _keyChars.Length * 2)];
        }
        var n = reader.ValueIsEscaped ? reader.CopyString(_keyChars) : Encoding.UTF8.GetChars(raw, _keyChars);
        var key = _keyChars.AsSpan(0, n);
        if (_keys.TryGetValue(key, out var known))
        {
            return known;
        }
        return KeyOrPlaceholder(key, _containerPaths[depth], prefix, findings, jsonKey: true);
    }

    private string KeyOrPlaceholder(ReadOnlySpan<char> key, string container, string prefix, SensitiveFindings findings, bool jsonKey)
    {
        switch (_screen.Screen(key, _matches))
        {
            case NameVerdict.Plain:
                if (key.Length > JsonPathPool.MaxSegmentLength)
                {
                    return Placeholders.Long;
                }
                var name = new string(key);
                _keys.Add(name, name);
                return name;
            case NameVerdict.Sensitive:
                var location = jsonKey
                    ? _paths.Location(prefix, _paths.Child(container, Placeholders.Key))
                    : _paths.Location(prefix, Placeholders.Key);
                findings.Add(_matches, location, key);
                _counters.DataKeys++;
                return Placeholders.Key;
            case NameVerdict.Opaque:
                _counters.DataKeys++;
                return Placeholders.Key;
            default:
                return Placeholders.Key; // an id: maps keyed by ids collapse to one path
        }
    }

    private void InspectForm(ReadOnlySpan<byte> body, string prefix, SensitiveFindings findings, List<FieldShape> fields)
    {
        var pairs = new QueryParameters(body);
        _seen.Clear();
        while (pairs.MoveNext())
        {
            string name;
            if (pairs.NameLength > NameScreen.MaxScreenedLength)
            {
                _counters.DataKeys++;
                name = Placeholders.Long;
            }
            else
            {
                if (_keyChars.Length < pairs.NameLength)
                {
                    _keyChars = new char[Math.Max(pairs.NameLength, _keyChars.Length * 2)];
                }
                var key = _keyChars.AsSpan(0, PercentDecoding.Decode(pairs.Name, _keyChars, plusIsSpace: true));
                name = _keys.TryGetValue(key, out var known)
                    ? known
                    : KeyOrPlaceholder(key, "", prefix, findings, jsonKey: false);
            }
            // A form's fields are its schema as much as a JSON body's are ($.name, like JSON paths), and the OpenAPI
            // reconstruction and conformance read them from the same list.
            if (pairs.ValueLength == 0)
            {
                AddField(fields, _paths.Child("$", name), ValueKind.Empty);
                continue;
            }
            if (_chars.Length < pairs.ValueLength)
            {
                _chars = new char[Math.Max(pairs.ValueLength, _chars.Length * 2)];
            }
            var n = PercentDecoding.Decode(pairs.Value, _chars, plusIsSpace: true);
            var value = _chars.AsSpan(0, n);
            AddField(fields, _paths.Child("$", name), ValueKind.Of(value));
            _matches.Clear();
            if (_scanner.ScanValue(value, ContextOf(name), _matches) > 0)
            {
                findings.Add(_matches, _paths.Location(prefix, name), value);
            }
        }
    }
}
