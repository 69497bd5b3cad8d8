using System.Text.Json;
using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Collector.Reports;

namespace ApiSentinel.Cli.Output;

/// <summary>
/// <c>--format jsonl</c>: one JSON object per exchange and line, keys as DESIGN.md's <c>exchanges</c> contract
/// names them, then the extra structure the extractor found. Written with <see cref="Utf8JsonWriter"/> straight
/// into a buffered stream: this is on the benchmark's path, so no intermediate objects or strings.
/// </summary>
internal sealed class JsonLinesExchangeWriter : IExchangeWriter
{
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _json;

    public JsonLinesExchangeWriter(Stream output)
    {
        _stream = new BufferedStream(output, 1 << 16);
        _json = new Utf8JsonWriter(_stream, new JsonWriterOptions
        {
            SkipValidation = true,
            Indented = false,
            // Targets are full of '&' and '='; the default encoder would write them as \u0026. This one still
            // escapes quotes, backslashes and control characters, which is all JSON requires.
            Encoder = JsonText.Relaxed,
        });
    }

    public void Write(ExchangeRecord r)
    {
        var json = _json;
        json.WriteStartObject();
        Span<byte> ts = stackalloc byte[40];
        if (Rfc3339.TryFormat(r.TimestampMicros, ts, out var n))
        {
            json.WriteString("ts"u8, ts[..n]);
        }
        JsonText.WriteString(json, "client"u8, r.Client);
        JsonText.WriteString(json, "server"u8, r.Server);
        WriteNullable(json, "method"u8, r.Method);
        WriteNullable(json, "host"u8, r.Host);
        WriteNullable(json, "target"u8, r.Target);
        WriteNullable(json, "version"u8, r.Version);
        if (r.Status is { } status)
        {
            json.WriteNumber("status"u8, status);
        }
        else
        {
            json.WriteNull("status"u8);
        }
        WriteNullable(json, "requestBodyBytes"u8, r.RequestBodyBytes);
        WriteNullable(json, "responseBodyBytes"u8, r.ResponseBodyBytes);
        JsonText.WriteString(json, "auth"u8, r.Auth.KindName);
        json.WriteStartArray("sensitive"u8);
        for (var i = 0; i < r.Sensitive.Count; i++)
        {
            var type = r.Sensitive[i].Type;
            if (!ContainsTypeBefore(r.Sensitive, i, type))
            {
                JsonText.WriteStringValue(json, type);
            }
        }
        json.WriteEndArray();

        if (r.Auth.Location is not null)
        {
            JsonText.WriteString(json, "authLocation"u8, r.Auth.Location);
        }
        if (r.Auth.JwtAlgorithm is not null)
        {
            JsonText.WriteString(json, "jwtAlg"u8, r.Auth.JwtAlgorithm);
        }
        if (r.Auth.Fingerprint is not null)
        {
            JsonText.WriteString(json, "credentialFingerprint"u8, r.Auth.Fingerprint);
        }
        if (r.Sensitive.Count > 0)
        {
            json.WriteStartArray("sensitiveLocations"u8);
            foreach (var s in r.Sensitive)
            {
                json.WriteStartObject();
                JsonText.WriteString(json, "type"u8, s.Type);
                JsonText.WriteString(json, "location"u8, s.Location);
                json.WriteNumber("count"u8, s.Count);
                if (s.MaskedSample is not null)
                {
                    JsonText.WriteString(json, "maskedSample"u8, s.MaskedSample);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        WriteNullable(json, "durationMicros"u8, r.DurationMicros);
        WriteNullable(json, "requestContentType"u8, r.RequestContentType);
        WriteNullable(json, "responseContentType"u8, r.ResponseContentType);
        WriteNullable(json, "userAgent"u8, r.UserAgentProduct);
        WriteShapes(json, "queryParameters"u8, "name"u8, r.QueryParameters);
        if (r.RequestFields.Count > 0)
        {
            WriteShapes(json, "requestFields"u8, "path"u8, r.RequestFields);
        }
        if (r.ResponseFields.Count > 0)
        {
            WriteShapes(json, "responseFields"u8, "path"u8, r.ResponseFields);
        }
        if (r.ClientTool is not null)
        {
            JsonText.WriteString(json, "clientTool"u8, r.ClientTool);
        }
        WriteList(json, "requestHeaders"u8, r.RequestHeaderNames);
        WriteList(json, "responseHeaders"u8, r.ResponseHeaderNames);
        json.WriteNumber("connection"u8, r.ConnectionId);
        if (r.Notes.Count > 0)
        {
            WriteList(json, "notes"u8, r.Notes);
        }
        json.WriteEndObject();
        json.Flush();
        json.Reset(); // each line is its own JSON document: no separator state carries over
        _stream.WriteByte((byte)'\n');
    }

    private static bool ContainsTypeBefore(IReadOnlyList<SensitiveObservation> list, int index, string type)
    {
        for (var i = 0; i < index; i++)
        {
            if (list[i].Type == type)
            {
                return true;
            }
        }
        return false;
    }

    private static void WriteNullable(Utf8JsonWriter json, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            JsonText.WriteString(json, name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, ReadOnlySpan<byte> name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteList(Utf8JsonWriter json, ReadOnlySpan<byte> name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            JsonText.WriteStringValue(json, v);
        }
        json.WriteEndArray();
    }

    private static void WriteShapes(Utf8JsonWriter json, ReadOnlySpan<byte> name, ReadOnlySpan<byte> key, IReadOnlyList<FieldShape> shapes)
    {
        json.WriteStartArray(name);
        foreach (var shape in shapes)
        {
            json.WriteStartObject();
            JsonText.WriteString(json, key, shape.Name);
            JsonText.WriteString(json, "kind"u8, shape.Kind);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    public void Complete()
    {
        _json.Flush();
        _stream.Flush();
    }

    public void Dispose()
    {
        _json.Dispose();
        _stream.Dispose();
    }
}
