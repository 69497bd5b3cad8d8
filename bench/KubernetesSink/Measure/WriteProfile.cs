namespace ApiSentinel.Bench.KubernetesSink.Measure;

/// <summary>
/// The write pattern of one phase, from the server's log: how many writes, the busiest one-second and ten-second
/// windows (a token bucket allows its burst at once, then the QPS: a ten-second window holds at most
/// QPS × 10 + burst), and per endpoint the shortest gap between two status writes — which must not be below the
/// flush interval.
/// </summary>
internal sealed record WriteProfile(
    int Writes,
    int StatusWrites,
    int Failed,
    double Seconds,
    int MaxInOneSecond,
    int MaxInTenSeconds,
    int EndpointsWritten,
    double MinStatusGapSeconds,
    int EndpointsWrittenTwiceWithinInterval)
{
    /// <summary>Slack for two clocks reading one instant: the collector's limiter and the server's log stamp.</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMilliseconds(50);

    public double WritesPerSecond => Seconds > 0 ? Writes / Seconds : 0;

    public static WriteProfile Of(IReadOnlyList<ServerRequest> requests, DateTimeOffset from, DateTimeOffset to, TimeSpan flushInterval)
    {
        var writes = requests.Where(r => r.IsWrite && r.Time >= from && r.Time <= to).OrderBy(r => r.Time).ToList();
        var times = writes.Select(w => w.Time).ToList();
        var statusByEndpoint = writes.Where(w => w.IsStatusWrite && w.Status is >= 200 and < 300 && w.Endpoint is not null)
            .GroupBy(w => w.Endpoint!, StringComparer.Ordinal)
            .Select(g => g.Select(w => w.Time).ToList())
            .ToList();
        var gaps = statusByEndpoint.SelectMany(t => t.Zip(t.Skip(1), (a, b) => b - a)).ToList();
        return new WriteProfile(
            writes.Count,
            writes.Count(w => w.IsStatusWrite),
            writes.Count(w => w.Status >= 400),
            (to - from).TotalSeconds,
            MaxInWindow(times, TimeSpan.FromSeconds(1)),
            MaxInWindow(times, TimeSpan.FromSeconds(10)),
            statusByEndpoint.Count,
            gaps.Count > 0 ? gaps.Min().TotalSeconds : double.NaN,
            statusByEndpoint.Count(t => t.Zip(t.Skip(1), (a, b) => b - a).Any(gap => gap < flushInterval - ClockSlack)));
    }

    /// <summary>The most timestamps in any window of <paramref name="width"/> (two pointers over sorted times).</summary>
    private static int MaxInWindow(List<DateTimeOffset> sorted, TimeSpan width)
    {
        int best = 0, start = 0;
        for (int end = 0; end < sorted.Count; end++)
        {
            while (sorted[end] - sorted[start] >= width)
            {
                start++;
            }
            best = Math.Max(best, end - start + 1);
        }
        return best;
    }
}
