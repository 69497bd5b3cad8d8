using System.Globalization;
using System.Text.Json;

namespace ApiSentinel.Bench.Adversarial.Inputs;

/// <summary>Item 18: a HAR of N entries, ~3.2 KB each (84 MB at the issue's size).</summary>
public sealed class LargeHar : HostileInput
{
    public override string Name => "har-large";
    public override int IssueItem => 18;
    public override string Shape => "HAR with N entries of ~3.2 KB";
    public override int FullSize => 26_000;

    public override IReadOnlyList<string> Write(string directory, int size)
    {
        var path = Path.Combine(directory, $"{Name}.har");
        var content = "{\"items\":[" + string.Join(',', Enumerable.Range(0, 40).Select(i => $"{{\"id\":{i},\"name\":\"item number {i}\"}}")) + "]}";
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteStartObject("log");
        json.WriteString("version", "1.2");
        json.WriteStartObject("creator");
        json.WriteString("name", "apisentinel-adversarial");
        json.WriteString("version", "1");
        json.WriteEndObject();
        json.WriteStartArray("entries");
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < size; i++)
        {
            json.WriteStartObject();
            json.WriteString("startedDateTime", start.AddMilliseconds(i).ToString("O", CultureInfo.InvariantCulture));
            json.WriteNumber("time", 3);
            json.WriteStartObject("request");
            json.WriteString("method", "GET");
            json.WriteString("url", $"https://api.example/v1/items/{i}?page={i % 10}");
            json.WriteString("httpVersion", "HTTP/1.1");
            Headers(json, ("Host", "api.example"), ("Accept", "application/json"), ("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)"));
            json.WriteStartArray("queryString");
            json.WriteStartObject();
            json.WriteString("name", "page");
            json.WriteString("value", (i % 10).ToString(CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("cookies");
            json.WriteEndArray();
            json.WriteNumber("headersSize", -1);
            json.WriteNumber("bodySize", 0);
            json.WriteEndObject();
            json.WriteStartObject("response");
            json.WriteNumber("status", 200);
            json.WriteString("statusText", "OK");
            json.WriteString("httpVersion", "HTTP/1.1");
            Headers(json, ("Content-Type", "application/json"), ("Content-Length", content.Length.ToString(CultureInfo.InvariantCulture)));
            json.WriteStartArray("cookies");
            json.WriteEndArray();
            json.WriteStartObject("content");
            json.WriteNumber("size", content.Length);
            json.WriteString("mimeType", "application/json");
            json.WriteString("text", content);
            json.WriteEndObject();
            json.WriteString("redirectURL", "");
            json.WriteNumber("headersSize", -1);
            json.WriteNumber("bodySize", content.Length);
            json.WriteEndObject();
            json.WriteStartObject("cache");
            json.WriteEndObject();
            json.WriteStartObject("timings");
            json.WriteNumber("send", 0);
            json.WriteNumber("wait", 2);
            json.WriteNumber("receive", 1);
            json.WriteEndObject();
            json.WriteEndObject();
            if (i % 1000 == 0)
            {
                json.Flush();
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        return ["--har", path, "--format", "json"];
    }

    private static void Headers(Utf8JsonWriter json, params (string Name, string Value)[] headers)
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
