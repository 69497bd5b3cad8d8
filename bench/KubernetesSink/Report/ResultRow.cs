using ApiSentinel.Bench.KubernetesSink.Measure;

namespace ApiSentinel.Bench.KubernetesSink.Report;

/// <summary>One seed's figures: a JSON line in the results file, a row of the report.</summary>
internal sealed record ResultRow(
    string Label,
    int Seed,
    int Endpoints,
    int CatalogEndpoints,
    int Resources,
    long Calls,
    double CallsPerSecond,
    double Qps,
    int Burst,
    double FlushIntervalSeconds,
    double DrainSeconds,
    WriteProfile Traffic,
    WriteProfile Steady,
    WriteProfile Restart)
{
    /// <summary>A ten-second window may hold the bucket's burst plus ten seconds of its rate, no more.</summary>
    public double TenSecondBound => (Qps * 10) + Burst;

    public bool WithinLimits =>
        Traffic.MaxInTenSeconds <= TenSecondBound && Traffic.EndpointsWrittenTwiceWithinInterval == 0 &&
        Steady.Writes == 0 && Restart.Writes == 0 && Resources == CatalogEndpoints;
}
