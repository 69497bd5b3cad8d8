namespace ApiSentinel.Bench.IngestThroughput.Measure;

/// <summary>Where a load run is: batches are counted only while <see cref="Measuring"/>.</summary>
internal enum Phase
{
    Warmup,
    Measuring,
    Draining,
}
