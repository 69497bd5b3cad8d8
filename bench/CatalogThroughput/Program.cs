using System.Diagnostics;
using System.Runtime.CompilerServices;
using ApiSentinel.Bench.CatalogThroughput;
using ApiSentinel.Collector.Catalog;

// apisentinel-catalogthroughput [--endpoints 50,500,5000] [--calls 1M,5M,10M] [--pool 200000] [--repeat 3]
//                               [--seed 42] [--rate 10000] [--stage-calls 1M] [--fresh-strings]
// Ingest throughput (calls per CPU second of the ingesting thread), Build() time and memory of ApiCatalog. For each
// endpoint count: one pool of pre-built calls, a warm-up of everything measured, then per repeat the reference
// count over the largest call count, one catalog fed up to the largest call count and measured at every checkpoint
// (ingest CPU excludes Build and the full GCs of the memory readings), and each part of the engine on its own.
if (StageOnly.TryRun(args))
{
    return 0;
}

var options = BenchOptions.Parse(args);
var checkpoints = new List<Checkpoint>();
var stages = new List<StageTiming>();
var process = Process.GetCurrentProcess();
var stepMicros = 1_000_000L / options.CallsPerSecond;
Console.Error.WriteLine($"[bench] endpoints {string.Join(',', options.Endpoints)}; calls {string.Join(',', options.Calls)}; " +
                        $"pool {options.PoolSize}; repeat {options.Repeat}; seed {options.Seed}; {options.CallsPerSecond} calls/s of capture time; " +
                        (options.FreshStrings ? "fresh strings per call" : "pooled strings"));

foreach (var endpoints in options.Endpoints)
{
    var pool = CallPool.Build(endpoints, options.PoolSize, options.Seed);
    var parts = new Stages(pool, stepMicros);
    var generatorSecondsPerCall = MeasureGenerator(pool);
    Console.Error.WriteLine($"[bench] {endpoints} endpoints: pool of {pool.Calls.Length} calls built; stream copy {generatorSecondsPerCall * 1e9:F0} ns/call");
    WarmUp(pool, parts);

    for (var run = 1; run <= options.Repeat; run++)
    {
        // The reference and the engine back to back in each repeat, so both see the same machine.
        stages.Add(parts.Measure(Stages.Reference, run, options.Calls[^1], options.FreshStrings));
        MeasureRun(pool, run, generatorSecondsPerCall);
        stages.Add(parts.Measure(Stages.Copy, run, options.StageCalls, options.FreshStrings));
        foreach (var part in Stages.Parts)
        {
            stages.Add(parts.Measure(part, run, options.StageCalls, options.FreshStrings));
        }

        Console.Error.WriteLine("[bench] run " + run + ": " + string.Join(", ",
            stages.Where(s => s.Run == run && s.Endpoints == pool.Endpoints).Select(s => $"{s.Stage} {s.NanosPerCall:F0} ns {s.BytesPerCall:F0} B")));
    }
}

Console.WriteLine(Report.Markdown(checkpoints, stages, options));
return 0;

// Its own method, not inlined: the catalog must be unreachable once the run is over, or the next run's baseline
// would include it.
[MethodImpl(MethodImplOptions.NoInlining)]
void MeasureRun(CallPool pool, int run, double generatorSecondsPerCall)
{
    // Baseline: everything but the catalog (pool, runtime), after a full collection.
    var baseline = GC.GetTotalMemory(forceFullCollection: true);
    var catalog = new ApiCatalog(new CatalogOptions());
    var stream = new CallStream(pool, 1_700_000_000_000_000, stepMicros, options.FreshStrings);
    long ingested = 0;
    double ingestCpu = 0;
    long allocated = 0;
    int gen0 = 0, gen2 = 0;
    double gcPause = 0;
    foreach (var target in options.Calls)
    {
        var (cpu, bytes, g0, g2, pause) = Ingest(catalog, stream, target - ingested);
        ingested = target;
        ingestCpu += cpu;
        allocated += bytes;
        gen0 += g0;
        gen2 += g2;
        gcPause += pause;

        // Endpoints as ingest filed them: more than after Build while paths newer than the last compilation get
        // templates of their own (each a full ApiEndpoint until Build merges it).
        var liveEndpoints = catalog.EndpointCount;
        var cpuBefore = CpuSeconds();
        var wall = Stopwatch.StartNew();
        var snapshot = catalog.Build();
        var buildWall = wall.Elapsed.TotalMilliseconds;
        var buildCpu = (CpuSeconds() - cpuBefore) * 1e3;
        var (catalogEndpoints, probes) = (snapshot.Endpoints.Count, snapshot.ProbedPaths.Count);
        snapshot = null;
        var managed = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        process.Refresh();
        var point = new Checkpoint(run, pool.Endpoints, ingested, catalogEndpoints, probes, ingestCpu,
            generatorSecondsPerCall * ingested, (double)allocated / ingested, gen0, gen2, gcPause, buildCpu, buildWall,
            managed / 1e6, process.WorkingSet64 / 1e6, process.PeakWorkingSet64 / 1e6);
        checkpoints.Add(point);
        Console.Error.WriteLine($"[bench] run {run}: {ingested:N0} calls, {liveEndpoints} endpoints at ingest → {catalogEndpoints} + {probes} probes, " +
                                $"{point.GrossRate / 1e3:F0} k calls/CPU-s gross, {point.EngineRate / 1e3:F0} k engine, " +
                                $"Build {buildCpu:F0} ms CPU, catalog {point.CatalogManagedMegabytes:F1} MB");
    }

}

// JIT tiers and PGO settle on a throwaway catalog and throwaway stages (not inlined, so they are garbage before
// the first baseline).
[MethodImpl(MethodImplOptions.NoInlining)]
void WarmUp(CallPool pool, Stages parts)
{
    Ingest(new ApiCatalog(new CatalogOptions()), new CallStream(pool, 0, stepMicros, options.FreshStrings), Math.Min(500_000, options.Calls[^1]));
    foreach (var stage in (string[])[Stages.Reference, Stages.Copy, .. Stages.Parts])
    {
        parts.Measure(stage, run: 0, Math.Min(300_000, options.StageCalls), options.FreshStrings);
    }
}

// The ingesting thread's CPU: with workstation non-concurrent GC its collections run here too.
double CpuSeconds() => ThreadCpu.Seconds();

(double Cpu, long Allocated, int Gen0, int Gen2, double GcPause) Ingest(ApiCatalog catalog, CallStream stream, long count)
{
    var pause = GC.GetTotalPauseDuration();
    var gen0 = GC.CollectionCount(0);
    var gen2 = GC.CollectionCount(2);
    if (stream.FreshStrings)
    {
        // Each batch is copied untimed, then ingested timed (Stages.Drive), so CPU and bytes are the engine's alone.
        var (batchCpu, batchAllocated) = Stages.Drive(stream, count, (call, _) => catalog.Ingest(call));
        return (batchCpu, batchAllocated, GC.CollectionCount(0) - gen0, GC.CollectionCount(2) - gen2,
            (GC.GetTotalPauseDuration() - pause).TotalSeconds);
    }

    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var before = CpuSeconds();
    for (long i = 0; i < count; i++)
    {
        catalog.Ingest(stream.Next());
    }

    var cpu = CpuSeconds() - before;
    return (cpu, GC.GetTotalAllocatedBytes(precise: true) - allocated, GC.CollectionCount(0) - gen0, GC.CollectionCount(2) - gen2,
        (GC.GetTotalPauseDuration() - pause).TotalSeconds);
}

// CPU per call of the stream alone (fresh ApiCall copy per call, garbage included), best of three, subtracted
// from the ingest CPU to give the engine's own rate.
double MeasureGenerator(CallPool pool)
{
    if (options.FreshStrings)
    {
        // The copies are made outside the timed region: nothing to subtract.
        return 0;
    }

    const int Calls = 2_000_000;
    var best = double.MaxValue;
    for (var round = 0; round < 3; round++)
    {
        var stream = new CallStream(pool, 0, stepMicros);
        long sink = 0;
        var before = CpuSeconds();
        for (var i = 0; i < Calls; i++)
        {
            sink += stream.Next().TimestampMicros;
        }

        best = Math.Min(best, (CpuSeconds() - before) / Calls);
        GC.KeepAlive(sink);
    }

    return best;
}
