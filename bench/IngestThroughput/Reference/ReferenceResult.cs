namespace ApiSentinel.Bench.IngestThroughput.Reference;

/// <summary>The in-process references for one seed, as one JSON line of the results file.</summary>
internal sealed record ReferenceResult
{
    public required int Seed { get; init; }
    public required long Calls { get; init; }
    /// <summary>SensorMessage parse + <c>CallMapping.FromWire</c>, calls per CPU-second of one thread.</summary>
    public required double DecodePerCpuSecond { get; init; }
    /// <summary>The same with one <c>WireInterner</c>.</summary>
    public required double DecodeInternedPerCpuSecond { get; init; }
    /// <summary><c>ApiCatalog.Ingest</c> of the decoded calls (decode outside the timed region).</summary>
    public required double EnginePerCpuSecond { get; init; }
    public required double EngineInternedPerCpuSecond { get; init; }
    /// <summary>Managed heap after a full collection, with the catalog alive (MB, 10⁶ bytes).</summary>
    public required double EngineHeapMb { get; init; }
    public required double EngineInternedHeapMb { get; init; }
    public required int CatalogEndpoints { get; init; }
    /// <summary>Two threads decoding with one shared interner, calls per CPU-second summed over both.</summary>
    public required double SharedInternerPerCpuSecond { get; init; }
    /// <summary>Two threads decoding, each with its own interner.</summary>
    public required double PerThreadInternerPerCpuSecond { get; init; }
    public required double LoadStart { get; init; }
    public required double LoadEnd { get; init; }
}
