using System.Globalization;
using System.Text;

namespace ApiSentinel.Bench.CatalogThroughput;

/// <summary>
/// The Markdown report: every checkpoint of every run, then best and median per (endpoints, calls) with the verdict
/// against the target. The verdict uses the median engine rate: the box is shared, best alone flatters.
/// </summary>
internal static class Report
{
    public static string Markdown(IReadOnlyList<Checkpoint> points, BenchOptions options)
    {
        var text = new StringBuilder();
        Line(text, $"### Catalog engine throughput — {DateTime.UtcNow:yyyy-MM-ddTHH:mmZ}");
        Line(text);
        Line(text, $"- {Environment.ProcessorCount} cores, .NET {Environment.Version}; pool {options.PoolSize} pre-built calls replayed with " +
                   $"{options.CallsPerSecond} calls/s of capture time; seed {options.Seed}; {options.Repeat} run(s)");
        Line(text, "- rates are cumulative over the run up to that size, single thread, Process.TotalProcessorTime; " +
                   "*gross* includes the stream's per-call ApiCall copy, *engine* subtracts its separately measured cost");
        Line(text, "- *catalog MB*: GC.GetTotalMemory(true) after Build minus the same before the catalog was created (pool and runtime excluded); " +
                   "working set includes the pool; peak is the process's peak so far");
        Line(text);
        Line(text, "| endpoints (synthetic → catalog + probes) | calls | run | ingest CPU s | k calls/CPU-s gross | k calls/CPU-s engine | alloc B/call | gen0 / gen2 | GC pause % | Build CPU ms | catalog MB | B/endpoint | WS MB | peak WS MB |");
        Line(text, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in points)
        {
            Line(text, $"| {p.SyntheticEndpoints} → {p.CatalogEndpoints} + {p.Probes} | {Millions(p.Calls)} | {p.Run} | {p.IngestCpuSeconds:F2} | " +
                       $"{p.GrossRate / 1e3:F0} | {p.EngineRate / 1e3:F0} | {p.AllocatedBytesPerCall:F0} | {p.Gen0Collections} / {p.Gen2Collections} | {100 * p.GcPauseSeconds / p.IngestCpuSeconds:F0} | " +
                       $"{p.BuildCpuMilliseconds:F0} | {p.CatalogManagedMegabytes:F1} | {p.BytesPerEndpoint:F0} | {p.WorkingSetMegabytes:F0} | {p.PeakWorkingSetMegabytes:F0} |");
        }

        Line(text);
        Line(text, "| endpoints | calls | engine k calls/CPU-s best / median | gross best / median | Build CPU ms median | catalog MB median | ≥ 500 k calls/CPU-s (median engine) |");
        Line(text, "|---:|---:|---:|---:|---:|---:|---|");
        foreach (var group in points.GroupBy(p => (p.SyntheticEndpoints, p.Calls)))
        {
            var engine = group.Select(p => p.EngineRate).Order().ToList();
            var gross = group.Select(p => p.GrossRate).Order().ToList();
            var verdict = Median(engine) >= Checkpoint.TargetCallsPerCpuSecond ? "PASS" : "FAIL";
            Line(text, $"| {group.Key.SyntheticEndpoints} | {Millions(group.Key.Calls)} | {engine[^1] / 1e3:F0} / {Median(engine) / 1e3:F0} | " +
                       $"{gross[^1] / 1e3:F0} / {Median(gross) / 1e3:F0} | {Median([.. group.Select(p => p.BuildCpuMilliseconds).Order()]):F0} | " +
                       $"{Median([.. group.Select(p => p.CatalogManagedMegabytes).Order()]):F1} | {verdict} |");
        }

        return text.ToString();
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    private static string Millions(long calls) => (calls / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + " M";

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
