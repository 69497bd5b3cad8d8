using System.Globalization;
using System.Text;
using System.Text.Json;
using ApiSentinel.Bench.Accuracy.Generation;

namespace ApiSentinel.Bench.Accuracy.Output;

/// <summary>Writes the exchanges as a HAR 1.2 log, as a proxy export would have them.</summary>
internal static class HarWriter
{
    public static void Write(string path, TrafficPlan plan)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteStartObject("log");
        json.WriteString("version", "1.2");
        json.WriteStartObject("creator");
        json.WriteString("name", "apisentinel-accuracy");
        json.WriteString("version", "1.0");
        json.WriteEndObject();
        json.WriteStartArray("entries");
        foreach (var exchange in plan.Exchanges)
        {
            WriteEntry(json, exchange);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteEntry(Utf8JsonWriter json, HttpExchange exchange)
    {
        json.WriteStartObject();
        json.WriteString("startedDateTime", exchange.Start.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WriteNumber("time", exchange.Wait.TotalMilliseconds + 1);
        json.WriteString("serverIPAddress", PcapWriter.ServerAddress(exchange.ServerIndex).ToString());
        json.WriteStartObject("request");
        json.WriteString("method", exchange.Method);
        json.WriteString("url", $"http://{exchange.Host}{exchange.Target}");
        json.WriteString("httpVersion", "HTTP/1.1");
        WriteHeaders(json, exchange.RequestHeaders);
        json.WriteStartArray("queryString");
        var query = exchange.Target.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            foreach (var pair in exchange.Target[(query + 1)..].Split('&'))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                json.WriteStartObject();
                json.WriteString("name", Uri.UnescapeDataString(pair[..equals]));
                json.WriteString("value", Uri.UnescapeDataString(pair[(equals + 1)..]));
                json.WriteEndObject();
            }
        }
        json.WriteEndArray();
        json.WriteStartArray("cookies");
        json.WriteEndArray();
        if (exchange.RequestBody is { } requestBody)
        {
            json.WriteStartObject("postData");
            json.WriteString("mimeType", ContentType(exchange.RequestHeaders) ?? "application/json");
            json.WriteString("text", Encoding.UTF8.GetString(requestBody));
            json.WriteEndObject();
        }
        json.WriteNumber("headersSize", -1);
        json.WriteNumber("bodySize", exchange.RequestBody?.Length ?? 0);
        json.WriteEndObject();

        json.WriteStartObject("response");
        json.WriteNumber("status", exchange.Status);
        json.WriteString("statusText", ReasonPhrase.Of(exchange.Status));
        json.WriteString("httpVersion", "HTTP/1.1");
        WriteHeaders(json, exchange.ResponseHeaders);
        json.WriteStartArray("cookies");
        json.WriteEndArray();
        json.WriteStartObject("content");
        json.WriteNumber("size", exchange.ResponseBody?.Length ?? 0);
        if (exchange.ResponseBody is { } responseBody)
        {
            json.WriteString("mimeType", ContentType(exchange.ResponseHeaders) ?? "application/json; charset=utf-8");
            json.WriteString("text", Encoding.UTF8.GetString(responseBody));
        }
        else
        {
            json.WriteString("mimeType", "");
        }
        json.WriteEndObject();
        json.WriteString("redirectURL", "");
        json.WriteNumber("headersSize", -1);
        json.WriteNumber("bodySize", exchange.ResponseBody?.Length ?? 0);
        json.WriteEndObject();

        json.WriteStartObject("cache");
        json.WriteEndObject();
        json.WriteStartObject("timings");
        json.WriteNumber("send", 0.1);
        json.WriteNumber("wait", exchange.Wait.TotalMilliseconds);
        json.WriteNumber("receive", 0.9);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string? ContentType(IReadOnlyList<KeyValuePair<string, string>> headers) =>
        headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;

    private static void WriteHeaders(Utf8JsonWriter json, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        json.WriteStartArray("headers");
        foreach (var (name, value) in headers)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("value", value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
