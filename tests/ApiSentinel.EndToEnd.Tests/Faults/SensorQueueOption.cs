namespace ApiSentinel.EndToEnd.Tests.Faults;

/// <summary>The sensor's queue options, named once.</summary>
internal static class SensorQueueOption
{
    /// <summary>
    /// A queue of <paramref name="calls"/> that drops the oldest when full. Replay waits for the collector by default
    /// (a replay delivers the whole capture); live capture and access logs drop — this makes a replay behave live.
    /// </summary>
    public static IReadOnlyList<string> DropOldestWithCapacity(int calls) =>
        ["--queue-capacity", calls.ToString(System.Globalization.CultureInfo.InvariantCulture), "--queue-full", "drop-oldest"];
}
