using System.Globalization;
using System.Text;
using System.Text.Json;
using ApiSentinel.Bench.IngestThroughput.Measure;
using ApiSentinel.Bench.IngestThroughput.Reference;

namespace ApiSentinel.Bench.IngestThroughput.Report;

/// <summary>
/// The results file (one JSON line per gRPC case or reference) as Markdown: every case, then per number of sensors
/// the worst seed (lowest calls/s, highest p99) against the target, and the collector's calls per CPU-second as a
/// multiple of the same seed's engine-alone reference.
/// </summary>
internal static class MarkdownReport
{
    private const double TargetCallsPerSecond = 300_000;

    public static string Render(IEnumerable<string> lines)
    {
        var cases = new List<CaseResult>();
        var references = new List<ReferenceResult>();
        foreach (var line in lines.Where(l => l.Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.TryGetProperty(nameof(CaseResult.Streams), out _))
            {
                cases.Add(JsonSerializer.Deserialize<CaseResult>(line)!);
            }
            else
            {
                references.Add(JsonSerializer.Deserialize<ReferenceResult>(line)!);
            }
        }

        var md = new StringBuilder();
        if (cases.Count > 0)
        {
            md.AppendLine("| label | seed | sensors | calls/s acked | p50 ms | p99 ms | max ms | collector CPU-s | collector k calls/CPU-s | ÷ engine alone | collector peak RSS MB | client CPU-s | load |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var c in cases.OrderBy(c => c.Label, StringComparer.Ordinal).ThenBy(c => c.Streams).ThenBy(c => c.Seed))
            {
                md.AppendLine(Invariant($"| {c.Label} | {c.Seed} | {c.Streams} | {c.CallsPerSecond:N0} | {c.P50Ms:F1} | {c.P99Ms:F1} | {c.MaxMs:F1} | {c.CollectorCpuSeconds:F1} | {c.CollectorCallsPerCpuSecond / 1e3:F1} | {EngineMultiple(c, references)} | {c.CollectorRssPeakMb:F0} | {c.ClientCpuSeconds:F1} | {c.LoadStart:F1}–{c.LoadEnd:F1} |"));
            }
            md.AppendLine();
            md.AppendLine(Invariant($"Worst seed per number of sensors (target ≥ {TargetCallsPerSecond:N0} calls/s):"));
            md.AppendLine();
            md.AppendLine("| label | sensors | seeds | worst calls/s | vs target | worst p99 ms | worst collector peak RSS MB |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var g in cases.GroupBy(c => (c.Label, c.Streams)).OrderBy(g => g.Key.Label, StringComparer.Ordinal).ThenBy(g => g.Key.Streams))
            {
                var worst = g.Min(c => c.CallsPerSecond);
                md.AppendLine(Invariant($"| {g.Key.Label} | {g.Key.Streams} | {g.Count()} | {worst:N0} | {worst / TargetCallsPerSecond:P0} | {g.Max(c => c.P99Ms):F1} | {g.Max(c => c.CollectorRssPeakMb):F0} |"));
            }
            md.AppendLine();
            var first = cases[0];
            md.AppendLine(Invariant($"Batches of {first.BatchSize} calls, window {first.Window} unacknowledged batches per sensor, {cases.Min(c => c.Seconds):F0}–{cases.Max(c => c.Seconds):F0} s measured per case; pool {first.PoolCalls:N0} distinct calls, {first.PoolBytesPerCall:F0} B per encoded call."));
            md.AppendLine();
        }
        if (references.Count > 0)
        {
            md.AppendLine("| seed | calls | decode k/CPU-s | decode interned | engine alone k/CPU-s | engine interned | catalog heap MB (plain / interned) | endpoints | 2 threads, shared interner | 2 threads, one each | load |");
            md.AppendLine("|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|");
            foreach (var r in references.OrderBy(r => r.Seed))
            {
                md.AppendLine(Invariant($"| {r.Seed} | {r.Calls:N0} | {r.DecodePerCpuSecond / 1e3:F0} | {r.DecodeInternedPerCpuSecond / 1e3:F0} | {r.EnginePerCpuSecond / 1e3:F1} | {r.EngineInternedPerCpuSecond / 1e3:F1} | {r.EngineHeapMb:F0} / {r.EngineInternedHeapMb:F0} | {r.CatalogEndpoints:N0} | {r.SharedInternerPerCpuSecond / 1e3:F0} | {r.PerThreadInternerPerCpuSecond / 1e3:F0} | {r.LoadStart:F1}–{r.LoadEnd:F1} |"));
            }
            md.AppendLine();
        }
        return md.ToString();
    }

    /// <summary>Engine-alone calls per CPU-second ÷ the collector's, for the case's seed: how many times the bare
    /// engine's cost the service pays per call (decode, storage, acks, HTTP/2 included).</summary>
    private static string EngineMultiple(CaseResult c, List<ReferenceResult> references) =>
        references.FirstOrDefault(r => r.Seed == c.Seed) is { } r && c.CollectorCallsPerCpuSecond > 0
            ? Invariant($"{r.EngineInternedPerCpuSecond / c.CollectorCallsPerCpuSecond:F1}×")
            : "—";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
