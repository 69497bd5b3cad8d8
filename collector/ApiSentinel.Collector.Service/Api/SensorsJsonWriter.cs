using System.Text.Json;
using ApiSentinel.Collector.Reports;
using ApiSentinel.Collector.Service.Sensors;

namespace ApiSentinel.Collector.Service.Api;

/// <summary>
/// <c>GET /api/v1/sensors</c>: <c>{"sensors":[{sensorId, instanceId, node, pod, version, captureMode, interfaces,
/// capabilities, connected, lastSeen, callsReceived, batches, duplicates, outOfOrder, counters{}}], "forgotten"}</c>,
/// connected sensors first. Every string is what the sensor said, written through <see cref="JsonText"/>.
/// </summary>
public static class SensorsJsonWriter
{
    public static void Write(Stream output, IReadOnlyList<SensorSession> sessions, long forgotten)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sessions);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JsonText.Relaxed });
        json.WriteStartObject();
        json.WriteStartArray("sensors");
        foreach (var s in sessions)
        {
            var hello = s.Hello;
            json.WriteStartObject();
            JsonText.WriteString(json, "sensorId", s.Key.SensorId);
            JsonText.WriteString(json, "instanceId", s.Key.InstanceId);
            JsonText.WriteString(json, "node", hello.Node);
            JsonText.WriteString(json, "pod", hello.Pod);
            JsonText.WriteString(json, "version", hello.Version);
            JsonText.WriteString(json, "captureMode", CaptureModes.Name(hello.CaptureMode));
            WriteStrings(json, "interfaces", hello.Interfaces);
            WriteStrings(json, "capabilities", hello.Capabilities);
            json.WriteBoolean("connected", s.OpenStreams > 0);
            JsonText.WriteString(json, "lastSeen", Rfc3339.FromMicros((s.LastSeen - DateTimeOffset.UnixEpoch).Ticks / 10));
            json.WriteNumber("callsReceived", s.CallsReceived);
            json.WriteNumber("batches", s.Batches);
            json.WriteNumber("duplicates", s.Duplicates);
            json.WriteNumber("outOfOrder", s.OutOfOrder);
            json.WriteStartObject("counters");
            foreach (var (name, value) in s.Counters.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                json.WritePropertyName(JsonEncodedText.Encode(Safe(name), JsonText.Relaxed));
                json.WriteNumberValue(value);
            }
            json.WriteEndObject();
            json.WriteNumber("countersRefused", s.CountersRefused);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("forgotten", forgotten);
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    /// <summary>A counter name a sensor sent, with what would not show as itself replaced (a property name cannot take JsonText's strict escaping).</summary>
    private static string Safe(string name) =>
        UnsafeText.IndexOfUnsafe(name) < 0 ? name : string.Concat(name.Select(c => UnsafeText.IsUnsafe(c) || char.IsSurrogate(c) ? '?' : c));

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            JsonText.WriteStringValue(json, v);
        }
        json.WriteEndArray();
    }
}
