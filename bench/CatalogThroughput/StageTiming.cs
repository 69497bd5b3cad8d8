namespace ApiSentinel.Bench.CatalogThroughput;

/// <summary>One timed pass of one stage (the reference count, the stream copy, a part of the engine) over <see cref="Calls"/> calls.</summary>
internal sealed record StageTiming(int Endpoints, int Run, string Stage, long Calls, double CpuSeconds, long AllocatedBytes)
{
    public double NanosPerCall => CpuSeconds * 1e9 / Calls;

    public double BytesPerCall => (double)AllocatedBytes / Calls;
}
