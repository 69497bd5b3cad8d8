namespace ApiSentinel.Bench.IngestThroughput.Measure;

/// <summary>One gRPC case (a seed and a number of concurrent sensors), as one JSON line of the results file.</summary>
internal sealed record CaseResult
{
    public required int Seed { get; init; }
    public required int Streams { get; init; }
    public required int BatchSize { get; init; }
    public required int Window { get; init; }
    public required double Seconds { get; init; }
    public required long CallsAcked { get; init; }
    public required double CallsPerSecond { get; init; }
    public required double P50Ms { get; init; }
    public required double P99Ms { get; init; }
    public required double MaxMs { get; init; }
    public required int BatchesTimed { get; init; }
    public required double CollectorCpuSeconds { get; init; }
    public required double CollectorCallsPerCpuSecond { get; init; }
    public required double CollectorRssPeakMb { get; init; }
    public required double CollectorHwmMb { get; init; }
    public required double ClientCpuSeconds { get; init; }
    public required double LoadStart { get; init; }
    public required double LoadEnd { get; init; }
    public required int PoolCalls { get; init; }
    public required double PoolBytesPerCall { get; init; }
    public string? Label { get; init; }
}
