using System.Text.Json.Nodes;

namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The sensor's counter log: one JSON console line (<c>"Message":"counters"</c>) every log interval and once at
/// stop, with every counter in <c>State</c>. The line written at stop is what a sensor that has exited reports.
/// </summary>
internal static class SensorCounterLog
{
    public const string Message = "counters";

    /// <summary>The counters of the last counter line in <paramref name="output"/>; throws if there is none.</summary>
    public static IReadOnlyDictionary<string, double> Last(string output)
    {
        foreach (string line in output.Split('\n').Reverse())
        {
            if (!line.StartsWith('{') || !line.Contains("\"Message\":\"counters\"", StringComparison.Ordinal))
            {
                continue;
            }
            if (JsonNode.Parse(line)?["State"] is JsonObject state)
            {
                return state.Where(pair => pair.Value is JsonValue value && value.TryGetValue(out double _))
                    .ToDictionary(pair => pair.Key, pair => pair.Value!.GetValue<double>(), StringComparer.Ordinal);
            }
        }
        throw new InvalidOperationException("the sensor wrote no counter line:\n" + output);
    }
}

/// <summary>Counter names in the sensor's counter log line, in one home.</summary>
internal static class SensorCounters
{
    public const string CallsAcknowledged = "calls_acknowledged";
    public const string CallsDroppedQueueFull = "calls_dropped.queue_full";
    public const string Reconnects = "reconnects";
}
