namespace ApiSentinel.Bench.CatalogThroughput;

/// <summary>What one catalog looked like after <see cref="Calls"/> calls (ingest figures are cumulative).</summary>
internal sealed record Checkpoint(
    int Run,
    int SyntheticEndpoints,
    long Calls,
    int CatalogEndpoints,
    int Probes,
    double IngestCpuSeconds,
    double GeneratorCpuSeconds,
    double AllocatedBytesPerCall,
    int Gen0Collections,
    int Gen2Collections,
    double GcPauseSeconds,
    double BuildCpuMilliseconds,
    double BuildWallMilliseconds,
    double CatalogManagedMegabytes,
    double WorkingSetMegabytes,
    double PeakWorkingSetMegabytes)
{
    public const double TargetCallsPerCpuSecond = 500_000;

    /// <summary>Calls per CPU second including the per-call object copy of the stream.</summary>
    public double GrossRate => Calls / IngestCpuSeconds;

    /// <summary>Calls per CPU second of the engine alone (the stream's measured copy cost subtracted).</summary>
    public double EngineRate => Calls / Math.Max(1e-9, IngestCpuSeconds - GeneratorCpuSeconds);

    public double BytesPerEndpoint => CatalogManagedMegabytes * 1e6 / Math.Max(1, CatalogEndpoints + Probes);
}
