using ApiSentinel.Sensor.Extraction.Sensitive;

namespace ApiSentinel.Sensor.Pipeline.Runtime;

/// <summary>
/// Settings a running pipeline takes without restart (<see cref="TrafficPipeline.Reconfigure"/>), as the collector
/// pushes them down the sensor's stream. Each value replaces the one of the previous call; absent values mean the
/// defaults written on each property, not "keep the previous one".
/// </summary>
public sealed record SensorRuntimeSettings
{
    /// <summary>Which connections to capture; null or no targets = every connection.</summary>
    public CaptureScope? Scope { get; init; }

    /// <summary>
    /// Custom sensitive-data detectors. They replace the previous run-time set; the built-ins and the detectors of
    /// the sensor's own configuration (<see cref="SensitiveDataOptions.CustomDetectors"/>) stay. The detectors are
    /// read (and their patterns compiled) during <see cref="TrafficPipeline.Reconfigure"/>: changing them afterwards
    /// changes nothing.
    /// </summary>
    public IReadOnlyList<CustomDetector> Detectors { get; init; } = [];

    /// <summary>
    /// Fraction of connections captured, 0 &lt; r ≤ 1; null = 1. Decided per connection when it opens, by a keyed hash
    /// of its 4-tuple: both directions agree, and a connection is captured whole or not at all.
    /// </summary>
    public double? SamplingRate { get; init; }

    /// <summary>Body bytes inspected per message; null = the limit the pipeline was built with.</summary>
    public int? BodyInspectionLimit { get; init; }
}
