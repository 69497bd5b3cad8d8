namespace ApiSentinel.Sensor.Daemon.Metrics;

/// <summary>A counter's or gauge's current value, with its optional <c>reason</c> label and help text.</summary>
internal readonly record struct CounterReading(string Name, long Value, string Help, bool IsGauge = false, string? Reason = null)
{
    /// <summary>The name as SensorStatus and the log line key it: <c>calls_dropped.queue_full</c>.</summary>
    public string Key => Reason is null ? Name : $"{Name}.{Reason}";
}
