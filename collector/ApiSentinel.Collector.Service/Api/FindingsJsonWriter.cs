using System.Text.Json;
using ApiSentinel.Collector.Reports;
using ApiSentinel.Collector.Storage;

namespace ApiSentinel.Collector.Service.Api;

/// <summary>
/// <c>GET /api/v1/findings</c>: every finding the store keeps, oldest first — <c>{"findings":[{id, kind, severity,
/// source, client, firstSeen, lastSeen, summary, endpoints:[identity…], evidence{}}]}</c>. From the store, not the
/// snapshot: findings outlive the catalog's own windows, and are there as of the last checkpoint.
/// </summary>
public static class FindingsJsonWriter
{
    public static void Write(Stream output, IReadOnlyList<StoredFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(findings);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JsonText.Relaxed });
        json.WriteStartObject();
        json.WriteStartArray("findings");
        foreach (var f in findings)
        {
            json.WriteStartObject();
            json.WriteNumber("id", f.Id);
            JsonText.WriteString(json, "kind", f.Kind);
            JsonText.WriteString(json, "severity", f.Severity);
            if (f.Source is not null)
            {
                JsonText.WriteString(json, "source", f.Source);
            }
            JsonText.WriteString(json, "client", f.Client);
            JsonText.WriteString(json, "firstSeen", Rfc3339.FromMicros((f.FirstSeen - DateTimeOffset.UnixEpoch).Ticks / 10));
            JsonText.WriteString(json, "lastSeen", Rfc3339.FromMicros((f.LastSeen - DateTimeOffset.UnixEpoch).Ticks / 10));
            JsonText.WriteString(json, "summary", f.Summary);
            json.WriteStartArray("endpoints");
            foreach (var endpoint in f.Endpoints)
            {
                JsonText.WriteStringValue(json, endpoint);
            }
            json.WriteEndArray();
            json.WriteStartObject("evidence");
            foreach (var (name, value) in f.Evidence.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                JsonText.WriteString(json, name, value);
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }
}
