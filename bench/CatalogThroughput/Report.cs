using System.Globalization;
using System.Text;

namespace ApiSentinel.Bench.CatalogThroughput;

/// <summary>
/// The Markdown report: every checkpoint of every run, then best and median per (endpoints, calls) with the verdict
/// against the target. The verdict uses the median engine rate: the box is shared, best alone flatters.
/// </summary>
internal static class Report
{
    public static string Markdown(IReadOnlyList<Checkpoint> points, IReadOnlyList<StageTiming> stages, BenchOptions options)
    {
        var text = new StringBuilder();
        Line(text, $"### Catalog engine throughput — {DateTime.UtcNow:yyyy-MM-ddTHH:mmZ}");
        Line(text);
        Line(text, $"- {Environment.ProcessorCount} cores, .NET {Environment.Version}; pool {options.PoolSize} pre-built calls replayed with " +
                   $"{options.CallsPerSecond} calls/s of capture time; seed {options.Seed}; {options.Repeat} run(s)");
        Line(text, $"- CPU: {ThreadCpu.Source}; load average at the end {LoadAverage()}");
        Line(text, options.FreshStrings
            ? "- strings: **fresh** — every call has its own copy of every string (as deserialised off the wire), made per batch of " +
              $"{CallStream.BatchSize} outside the timed region, so *gross* = *engine* and the reference and every part exclude the copy too"
            : "- strings: **pooled** — calls share the pool's string instances (reference-equal compares hit); pass --fresh-strings for copies");
        Line(text, "- rates are cumulative over the run up to that size, single thread; " +
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

        Relative(text, points, stages);
        return text.ToString();
    }

    /// <summary>
    /// The machine-independent figures: the engine as a multiple of the reference count measured in the same
    /// repeat, its growth in cost per call from the fewest to the most endpoints, where the time goes, and memory.
    /// </summary>
    private static void Relative(StringBuilder text, IReadOnlyList<Checkpoint> points, IReadOnlyList<StageTiming> stages)
    {
        var largest = points.Max(p => p.Calls);
        var finals = points.Where(p => p.Calls == largest).ToList();
        Line(text);
        Line(text, $"Against the reference (a dictionary count by host, method and path), {Millions(largest)} calls, min / median over the repeats. " +
                   "ns/call include the stream's per-call ApiCall copy for both, which the multiple compares; *engine k calls/CPU-s* subtracts it; " +
                   "*steady* is the last checkpoint interval alone.");
        Line(text);
        Line(text, "| endpoints | reference ns/call | engine ns/call | engine ÷ reference (≤ 5×) | engine k calls/CPU-s | steady k calls/CPU-s | alloc B/call | catalog MB | KB/endpoint | MB growth over the last interval | ≥ 500 k |");
        Line(text, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        var engineNanos = new SortedDictionary<int, double>();
        foreach (var group in finals.GroupBy(p => p.SyntheticEndpoints).OrderBy(g => g.Key))
        {
            var reference = Sorted(stages.Where(s => s.Endpoints == group.Key && s.Stage == Stages.Reference && s.Run > 0).Select(s => s.NanosPerCall));
            var gross = Sorted(group.Select(p => p.IngestCpuSeconds * 1e9 / p.Calls));
            var engine = Sorted(group.Select(p => p.EngineRate));
            var steady = Sorted(group.Select(p => Steady(points, p)));
            var memory = Sorted(group.Select(p => p.CatalogManagedMegabytes));
            var growth = Sorted(group.Select(p => MemoryGrowth(points, p)));
            engineNanos[group.Key] = 1e9 / Median(engine);
            var multiple = reference.Count == 0 ? double.NaN : Median(gross) / Median(reference);
            Line(text, $"| {group.Key} | {MinMedian(reference, "F0")} | {MinMedian(gross, "F0")} | {multiple:F1}× | " +
                       $"{engine[^1] / 1e3:F0} / {Median(engine) / 1e3:F0} | {steady[^1] / 1e3:F0} / {Median(steady) / 1e3:F0} | " +
                       $"{Median(Sorted(group.Select(p => p.AllocatedBytesPerCall))):F0} | {Median(memory):F1} | " +
                       $"{Median(memory) * 1e3 / Math.Max(1, group.First().CatalogEndpoints + group.First().Probes):F1} | {Median(growth):+0.0;-0.0} % | " +
                       $"{(Median(engine) >= Checkpoint.TargetCallsPerCpuSecond ? "PASS" : "FAIL")} |");
        }

        if (engineNanos.Count > 1)
        {
            var (fewest, most) = (engineNanos.First(), engineNanos.Last());
            var growth = most.Value / fewest.Value;
            Line(text);
            Line(text, $"Growth of the engine's cost per call (copy subtracted, medians) from {fewest.Key} to {most.Key} endpoints: " +
                       $"{fewest.Value:F0} → {most.Value:F0} ns, **{growth:F2}×** (target ≤ 1.3×: {(growth <= 1.3 ? "PASS" : "FAIL")}).");
        }

        if (stages.Any(s => Stages.Parts.Contains(s.Stage)))
        {
            Line(text);
            Line(text, "Where the time goes: each part driven on its own over the same stream (bench/CatalogThroughput/Stages.cs), median ns/call " +
                       "with the stream copy subtracted, B/call allocated, share of the engine's own ns/call at the largest call count.");
            Line(text);
            Line(text, "| endpoints | " + string.Join(" | ", Stages.Parts) + " | rest (bounds, endpoint map, key) |");
            Line(text, "|---:|" + string.Concat(Enumerable.Repeat("---:|", Stages.Parts.Length + 1)));
            foreach (var (endpoints, engine) in engineNanos)
            {
                var copy = Median(Sorted(stages.Where(s => s.Endpoints == endpoints && s.Stage == Stages.Copy && s.Run > 0).Select(s => s.NanosPerCall)));
                var cells = new List<string>();
                var sum = 0.0;
                foreach (var part in Stages.Parts)
                {
                    var timings = stages.Where(s => s.Endpoints == endpoints && s.Stage == part && s.Run > 0).ToList();
                    var nanos = Math.Max(0, Median(Sorted(timings.Select(s => s.NanosPerCall))) - copy);
                    sum += nanos;
                    cells.Add($"{nanos:F0} ns, {Median(Sorted(timings.Select(s => s.BytesPerCall))):F0} B, {100 * nanos / engine:F0} %");
                }

                cells.Add($"{Math.Max(0, engine - sum):F0} ns, {100 * Math.Max(0, engine - sum) / engine:F0} %");
                Line(text, $"| {endpoints} | " + string.Join(" | ", cells) + " |");
            }
        }
    }

    /// <summary>Calls per CPU second over the interval from the previous checkpoint of the same run (the whole run for the first).</summary>
    private static double Steady(IReadOnlyList<Checkpoint> points, Checkpoint p)
    {
        var previous = points.Where(q => q.Run == p.Run && q.SyntheticEndpoints == p.SyntheticEndpoints && q.Calls < p.Calls).MaxBy(q => q.Calls);
        var (calls, cpu, copy) = previous is null
            ? (p.Calls, p.IngestCpuSeconds, p.GeneratorCpuSeconds)
            : (p.Calls - previous.Calls, p.IngestCpuSeconds - previous.IngestCpuSeconds, p.GeneratorCpuSeconds - previous.GeneratorCpuSeconds);
        return calls / Math.Max(1e-9, cpu - copy);
    }

    /// <summary>Catalog memory growth from the previous checkpoint of the same run, in percent (0 for the first).</summary>
    private static double MemoryGrowth(IReadOnlyList<Checkpoint> points, Checkpoint p)
    {
        var previous = points.Where(q => q.Run == p.Run && q.SyntheticEndpoints == p.SyntheticEndpoints && q.Calls < p.Calls).MaxBy(q => q.Calls);
        return previous is null ? 0 : 100 * (p.CatalogManagedMegabytes / previous.CatalogManagedMegabytes - 1);
    }

    private static List<double> Sorted(IEnumerable<double> values) => [.. values.Order()];

    private static string MinMedian(List<double> sorted, string format) =>
        sorted.Count == 0 ? "-" : $"{sorted[0].ToString(format, CultureInfo.InvariantCulture)} / {Median(sorted).ToString(format, CultureInfo.InvariantCulture)}";

    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static double Median(List<double> sorted) =>
        sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    private static string Millions(long calls) => (calls / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + " M";

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
