using System.Globalization;
using System.Text;

namespace ApiSentinel.Bench.KubernetesSink.Report;

/// <summary>The rows of a results file as the Markdown table of bench/RESULTS.md §8, with the worst case over seeds.</summary>
internal static class MarkdownReport
{
    public static string Render(IReadOnlyList<ResultRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| seed | endpoints (catalog / resources) | calls (calls/s) | writes (status) | writes/s mean | max in 1 s | max in 10 s (bound) | min status gap per endpoint | endpoints twice in one interval | drain | steady writes | restart writes | ok |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            text.AppendLine(Invariant($"| {r.Seed} | {r.CatalogEndpoints} / {r.Resources} | {r.Calls} ({r.CallsPerSecond:0}) | {r.Traffic.Writes} ({r.Traffic.StatusWrites}) | {r.Traffic.WritesPerSecond:0.0} | {r.Traffic.MaxInOneSecond} | {r.Traffic.MaxInTenSeconds} ({r.TenSecondBound:0}) | {Gap(r.Traffic.MinStatusGapSeconds)} | {r.Traffic.EndpointsWrittenTwiceWithinInterval} | {r.DrainSeconds:0} s | {r.Steady.Writes} | {r.Restart.Writes} | {(r.WithinLimits ? "yes" : "**no**")} |"));
        }
        if (rows.Count > 0)
        {
            text.AppendLine(Invariant($"| **worst** | {rows.Min(r => r.CatalogEndpoints)} / {rows.Min(r => r.Resources)} | {rows.Min(r => r.Calls)} ({rows.Min(r => r.CallsPerSecond):0}) | {rows.Max(r => r.Traffic.Writes)} ({rows.Max(r => r.Traffic.StatusWrites)}) | {rows.Max(r => r.Traffic.WritesPerSecond):0.0} | {rows.Max(r => r.Traffic.MaxInOneSecond)} | {rows.Max(r => r.Traffic.MaxInTenSeconds)} ({rows.Min(r => r.TenSecondBound):0}) | {Gap(rows.Min(r => r.Traffic.MinStatusGapSeconds))} | {rows.Max(r => r.Traffic.EndpointsWrittenTwiceWithinInterval)} | {rows.Max(r => r.DrainSeconds):0} s | {rows.Max(r => r.Steady.Writes)} | {rows.Max(r => r.Restart.Writes)} | {(rows.All(r => r.WithinLimits) ? "yes" : "**no**")} |"));
            var first = rows[0];
            text.AppendLine();
            text.AppendLine(Invariant($"Collector limits: --kube-qps {first.Qps:0.##}, --kube-burst {first.Burst}, --kube-flush-interval {first.FlushIntervalSeconds:0} s. Label: {first.Label}."));
        }
        return text.ToString();
    }

    private static string Gap(double seconds) => double.IsNaN(seconds) ? "–" : Invariant($"{seconds:0.0} s");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
