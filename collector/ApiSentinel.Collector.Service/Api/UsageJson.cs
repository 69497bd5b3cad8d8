using System.Text.Json;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Reports;

namespace ApiSentinel.Collector.Service.Api;

/// <summary><c>"usage":[{"hour":"2026-12-02T13:00:00.000000Z","requests":N,"errors":N}]</c>, oldest hour first (errors: 5xx or no response).</summary>
public static class UsageJson
{
    public static void Write(Utf8JsonWriter json, IReadOnlyList<UsageBucket> usage)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(usage);
        json.WriteStartArray("usage");
        foreach (var bucket in usage.OrderBy(b => b.HourStartMicros))
        {
            json.WriteStartObject();
            JsonText.WriteString(json, "hour", Rfc3339.FromMicros(bucket.HourStartMicros));
            json.WriteNumber("requests", bucket.Requests);
            json.WriteNumber("errors", bucket.Errors);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
