using System.Text;
using System.Text.Json;
using ApiSentinel.Sensor.Extraction.Sensitive;

namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Looks for sensitive data in the inspected (decoded, bounded) prefix of a body. JSON is walked field by field
/// so a finding gets a location like <c>response.body.$.user.ssn</c> and the field name can raise confidence;
/// form bodies are read pair by pair; other text is scanned whole. Binary bodies are skipped.
/// A body cut by the inspection limit is read as far as it goes: JSON parsing stops quietly at the cut.
/// </summary>
internal sealed class BodyInspector
{
    private const int MaxDepth = 64;

    private readonly SensitiveDataScanner _scanner;
    private readonly List<SensitiveMatch> _matches = [];
    private readonly Dictionary<string, string> _locations = new(StringComparer.Ordinal);
    private readonly StringBuilder _location = new(128);
    private char[] _chars = new char[1024];

    public BodyInspector(SensitiveDataScanner scanner)
    {
        _scanner = scanner;
    }

    /// <param name="prefix"><c>request.body</c> or <c>response.body</c>.</param>
    public void Inspect(ReadOnlySpan<byte> body, string? mediaType, string prefix, SensitiveFindings findings)
    {
        if (body.IsEmpty)
        {
            return;
        }
        var kind = Classify(body, mediaType);
        switch (kind)
        {
            case BodyKind.Json:
                InspectJson(body, prefix, findings);
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

    private void InspectJson(ReadOnlySpan<byte> body, string prefix, SensitiveFindings findings)
    {
        // isFinalBlock: false lets a body cut by the inspection limit end quietly instead of throwing.
        var reader = new Utf8JsonReader(body, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions
        {
            MaxDepth = MaxDepth,
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        }));
        // _segments[d] is how container d is reached from its parent ("" for the root, a name, or "[*]").
        var depth = 0;
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        _segments[depth + 1] = depth == 0 ? "" : _isArray[depth] ? "[*]" : property ?? "";
                        depth++;
                        _isArray[depth] = reader.TokenType == JsonTokenType.StartArray;
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
                    case JsonTokenType.String:
                    case JsonTokenType.Number:
                        var inArray = depth > 0 && _isArray[depth];
                        // A value in an array takes its context from the array's own name: "cards": ["4111…"].
                        var fieldName = inArray ? NearestName(depth) : property;
                        ScanJsonValue(ref reader, depth, inArray ? "[*]" : property, fieldName, prefix, findings);
                        property = null;
                        break;
                    default:
                        property = null;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: what was read before the error has been scanned; the rest is not JSON we can place.
        }
        catch (InvalidOperationException)
        {
            // An escaped string that unescapes to invalid UTF-8 (GetString/CopyString refuse it): same as above.
        }
    }

    private readonly string[] _segments = new string[MaxDepth + 2];
    private readonly bool[] _isArray = new bool[MaxDepth + 2];

    private string? NearestName(int depth)
    {
        for (var d = depth; d >= 1; d--)
        {
            if (_segments[d].Length > 0 && _segments[d] != "[*]")
            {
                return _segments[d];
            }
        }
        return null;
    }

    private void ScanJsonValue(ref Utf8JsonReader reader, int depth, string? leaf, string? fieldName, string prefix,
        SensitiveFindings findings)
    {
        var raw = reader.HasValueSequence ? default : reader.ValueSpan;
        if (_chars.Length < raw.Length)
        {
            _chars = new char[Math.Max(raw.Length, _chars.Length * 2)];
        }
        var length = reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped
            ? reader.CopyString(_chars)
            : Encoding.UTF8.GetChars(raw, _chars);
        var value = _chars.AsSpan(0, length);
        _matches.Clear();
        if (_scanner.ScanValue(value, fieldName, _matches) > 0)
        {
            findings.Add(_matches, JsonLocation(prefix, depth, leaf), value);
        }
    }

    private string PropertyName(ref Utf8JsonReader reader)
    {
        var raw = reader.HasValueSequence ? default : reader.ValueSpan;
        Span<char> chars = stackalloc char[Math.Min(raw.Length, 128)];
        var n = reader.ValueIsEscaped || raw.Length > 128
            ? 0
            : Encoding.UTF8.GetChars(raw, chars);
        if (n == 0 && raw.Length > 0)
        {
            return reader.GetString() ?? "";
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

    private string JsonLocation(string prefix, int depth, string? leaf)
    {
        _location.Clear().Append(prefix).Append(".$");
        for (var i = 1; i <= depth; i++)
        {
            AppendSegment(_segments[i]);
        }
        if (leaf is not null)
        {
            AppendSegment(leaf);
        }
        return _location.ToString();
    }

    private void AppendSegment(string segment)
    {
        if (segment.Length == 0)
        {
            return;
        }
        if (segment == "[*]")
        {
            _location.Append(segment);
        }
        else
        {
            _location.Append('.').Append(segment);
        }
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
