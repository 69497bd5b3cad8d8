namespace ApiSentinel.Bench.IngestThroughput.Measure;

/// <summary>One stream's counts in the measured interval (written by its reader only).</summary>
internal sealed class StreamTally
{
    /// <summary>Calls whose batch was acknowledged while measuring.</summary>
    public long CallsAcked { get; set; }

    /// <summary>Acknowledgement latency (ms) of each batch sent while measuring.</summary>
    public List<double> LatenciesMs { get; } = [];
}
